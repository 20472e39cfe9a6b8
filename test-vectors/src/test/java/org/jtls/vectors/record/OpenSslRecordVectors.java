package org.jtls.vectors.record;

import java.util.HexFormat;
import java.util.List;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.ContentType;

/**
 * Protected TLS 1.2, 1.1, 1.0 and SSL 3.0 records computed by an implementation independent of
 * jtls: {@code test-vectors/tools/record-vectors.c} on OpenSSL's libcrypto, version "OpenSSL 3.0.19
 * 27 Jan 2026" (as {@code openssl version} and the tool's first output line report), built and run
 * with {@code gcc -Wall -o record-vectors record-vectors.c -lcrypto && ./record-vectors}. The hex
 * below is the tool's output, copied unchanged; the tool's header comment lists the construction of
 * each family and the RFC sections it follows.
 *
 * <p>Each family protects four records under one key, sequence numbers 0 to 3: a Finished message,
 * application data needing a whole block of padding, application data needing none, and a
 * close_notify alert. Keys count up from a per-family first byte; the explicit CBC IVs of TLS 1.1+
 * are fixed per record; AES-GCM's nonce_explicit is the sequence number (RFC 5288 §3, as jtls sends
 * it); SSL 3.0 and TLS 1.0 chain the IV from {@code fixedIv}.
 */
final class OpenSslRecordVectors {
    private static final HexFormat HEX = HexFormat.of();

    private OpenSslRecordVectors() {
    }

    /**
     * One record as the tool printed it.
     *
     * @param explicitIvHex the IV sent in front of a TLS 1.1+ CBC record; empty otherwise
     * @param protectedHex  the whole record, header included
     */
    record RecordVector(long sequenceNumber, ContentType type, String explicitIvHex, String contentHex,
            String protectedHex) {
        byte[] explicitIv() {
            return HEX.parseHex(explicitIvHex);
        }

        byte[] content() {
            return HEX.parseHex(contentHex);
        }

        byte[] protectedRecord() {
            return HEX.parseHex(protectedHex);
        }
    }

    /**
     * Keys for one direction of one suite and version, and the records protected with them in order.
     *
     * @param macKeyHex        {@code write_MAC_key}; empty for AEAD suites
     * @param encryptionKeyHex {@code write_key}; empty for the NULL cipher
     * @param fixedIvHex       the AEAD salt / IV, or the first chained CBC IV of SSL 3.0 and TLS 1.0; else empty
     */
    record Family(String name, CipherSuite suite, ProtocolVersion version, boolean encryptThenMac, String macKeyHex,
            String encryptionKeyHex, String fixedIvHex, List<RecordVector> records) {
        byte[] macKey() {
            return HEX.parseHex(macKeyHex);
        }

        byte[] encryptionKey() {
            return HEX.parseHex(encryptionKeyHex);
        }

        byte[] fixedIv() {
            return HEX.parseHex(fixedIvHex);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Family TLS12_AES_128_GCM = new Family("tls12_aes_128_gcm",
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, ProtocolVersion.TLS_1_2, false,
            "",
            "4142434445464748494a4b4c4d4e4f50",
            "81828384",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "1400000cc1c2c3c4c5c6c7c8c9cacbcc",
                            "16030300280000000000000000ad9670f777727604d127d13ed7b3057b65134f"
                            + "1082bc5be692e1def4ca45ae50"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a20"
                            + "6a746c732e6578616d706c65",
                            "17030300440000000000000001cc777253fed6c428ad18fdbe73abf8c1e8f427"
                            + "1216724c106b3195de6b1c83e9abcf3927ff38510e98d74f9a24376002c28ff7"
                            + "334043c2eae93b104a"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "17030300330000000000000002f4e655aab723e88864d4951917311e771288e3"
                            + "80cff19bb6d6b3050755f3e5f80a0f84232fabd3965f1980"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "150303001a0000000000000003a6de02f147d3b4a60934e8a8387a37ad9d83")));

    static final Family TLS12_AES_256_GCM = new Family("tls12_aes_256_gcm",
            CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, ProtocolVersion.TLS_1_2, false,
            "",
            "42434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f6061",
            "82838485",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "1400000cc2c3c4c5c6c7c8c9cacbcccd",
                            "16030300280000000000000000ddc1acd2f5addc1503541a173f1ce9a950d471"
                            + "df37682cdde33dd1e90895be54"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a20"
                            + "6a746c732e6578616d706c65",
                            "1703030044000000000000000125341dd5d09c8a699d9b4b43d6d2ec75b1017c"
                            + "da9b3a6be55503f359e03fa0f91a41294236e00a92ba392601058997b13dd2fb"
                            + "4ea5945d27cfee3fab"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "17030300330000000000000002c32577590dcc9bf28920d8293bb739f9ec016d"
                            + "c26000c56c3c569506bf1b145df05ea9c2a9d0d61afe6cee"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "150303001a0000000000000003383d9d3d51db00b43cb26c90817d68f09f2d")));

    static final Family TLS12_CHACHA20_POLY1305 = new Family("tls12_chacha20_poly1305",
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ProtocolVersion.TLS_1_2, false,
            "",
            "434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162",
            "838485868788898a8b8c8d8e",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "1400000cc3c4c5c6c7c8c9cacbcccdce",
                            "1603030020c37be37539cf892d5cbb1c9e5f03f68c96491b9a88b5016b926737"
                            + "04d70557cb"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a20"
                            + "6a746c732e6578616d706c65",
                            "170303003c7ffb86acd48045fc59f1f21d8224d466056128bcfd05205f733f9f"
                            + "5497b25b1bad8b728e7a4e921959718dce94bdbb0f37bb21445d448a63ec374f"
                            + "2c"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "170303002beb00676662b7445a7d689f752aee827b14a7d9087b79fea8d58b4f"
                            + "88e863896f02715152df69d9efb1de86"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "15030300122df13585269bd7fd46a260704d469dc3f95a")));

    static final Family TLS12_AES_128_CCM = new Family("tls12_aes_128_ccm",
            CipherSuite.TLS_RSA_WITH_AES_128_CCM, ProtocolVersion.TLS_1_2, false,
            "",
            "4e4f505152535455565758595a5b5c5d",
            "8e8f9091",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "1400000ccecfd0d1d2d3d4d5d6d7d8d9",
                            "160303002800000000000000008c5f7705f9104dd67fd6ffc31c5a5e66d7b3bb"
                            + "362fcd8df8501e35b5c8691b4c"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a20"
                            + "6a746c732e6578616d706c65",
                            "17030300440000000000000001d11b64d26d4cf394731f9cc46ebc49d5c7a4c0"
                            + "1947ff2ad8c80593a756ea5968a9ec1b4dba7042f6303cf2cd640b91ed4c4fbf"
                            + "e7a30fa8ca670d1384"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "17030300330000000000000002c6eb3d66f43cd01fd836b63beb6ce53783a686"
                            + "797b8e2e90b99f4cbe2637e1707d646e6c64b31f3cc5ced7"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "150303001a000000000000000335d932195c7e8ab655848539700301bf0ba5")));

    static final Family TLS12_AES_256_CCM_8 = new Family("tls12_aes_256_ccm_8",
            CipherSuite.TLS_RSA_WITH_AES_256_CCM_8, ProtocolVersion.TLS_1_2, false,
            "",
            "4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e",
            "8f909192",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "1400000ccfd0d1d2d3d4d5d6d7d8d9da",
                            "1603030020000000000000000014a4446d06a286f27de09d05b90dc50cc13a7f"
                            + "7601e79bde"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a20"
                            + "6a746c732e6578616d706c65",
                            "170303003c00000000000000017094062d72788986199b87bb0dcc9ec97b541d"
                            + "c9a1c7b2419ddf7919d58b70f8ced3952f96ed3a9b2f83eda4e3166d22fa626c"
                            + "19"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "170303002b0000000000000002437dba25599d58e266c2b84dcc819ae7db6d9a"
                            + "22707eb1785386afdf9b55ea4f9e224e"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "1503030012000000000000000347a92f2bf3554f30cd0f")));

    static final Family TLS12_AES_128_CBC_SHA = new Family("tls12_aes_128_cbc_sha",
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, ProtocolVersion.TLS_1_2, false,
            "0405060708090a0b0c0d0e0f1011121314151617",
            "4445464748494a4b4c4d4e4f50515253",
            "",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "1b1c1d1e1f202122232425262728292a",
                            "1400000cc4c5c6c7c8c9cacbcccdcecf",
                            "16030300401b1c1d1e1f202122232425262728292ab1bd854d5a90ba734ff9c5"
                            + "b7b3372b91c1e42c6e2a9673a9fb735001b482c2ecda72badb739e6608c9db5c"
                            + "beb6d7d37f"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "2b2c2d2e2f303132333435363738393a",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f",
                            "17030300502b2c2d2e2f303132333435363738393a0de35da8b2cebad254e09f"
                            + "5b95395bf764f3f868d3d207eeb27161a94c514ddd088e8a9e0112795a54560b"
                            + "e523c643da8408e01c5a900735b8399027362535bb"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "3b3c3d3e3f404142434445464748494a",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "17030300403b3c3d3e3f404142434445464748494aa2ab0c79e516f439d40734"
                            + "1034e07317fd8e8f7869ae2d957ede17ef76926c141865e79ecf037399e32c4a"
                            + "0c73a2b76f"),
                    new RecordVector(3, ContentType.ALERT, "4b4c4d4e4f505152535455565758595a",
                            "0100",
                            "15030300304b4c4d4e4f505152535455565758595ac7ad4ce6b550ade248b24e"
                            + "3429c4b436b97de57ed7a5f8a2efe784ec45c4d593")));

    static final Family TLS12_AES_256_CBC_SHA256 = new Family("tls12_aes_256_cbc_sha256",
            CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256, ProtocolVersion.TLS_1_2, false,
            "05060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324",
            "45464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f6061626364",
            "",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "1c1d1e1f202122232425262728292a2b",
                            "1400000cc5c6c7c8c9cacbcccdcecfd0",
                            "16030300501c1d1e1f202122232425262728292a2b955206a609421363da08ef"
                            + "8143562aa1bc5546404d81260a78ec66c484fbad31adaae2018bdac6d9dfd630"
                            + "3e2a5df7d55b2ab88ee187e94a01b9b0557cad5d2e"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "2c2d2e2f303132333435363738393a3b",
                            "474554202f696e6465782e68746d6c20",
                            "17030300502c2d2e2f303132333435363738393a3b74850364dc813fb07c43ef"
                            + "34c954bcf26ade4ea9931a7e3dd26f52c8e6549eece53f5ece644966d049f5dd"
                            + "4fb32d16f0017a6f072186a68f3fc0004056a08dbd"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "3c3d3e3f404142434445464748494a4b",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a",
                            "17030300503c3d3e3f404142434445464748494a4b9522832505bff629d992a6"
                            + "31ad8fd3b8988494838b70e92cc02ac8f1cc17ebb7360c25f1aa88c00ad39904"
                            + "3f5247a33d70af5360165f10846c69c2bdb0f0a067"),
                    new RecordVector(3, ContentType.ALERT, "4c4d4e4f505152535455565758595a5b",
                            "0100",
                            "15030300404c4d4e4f505152535455565758595a5b97b94304862055ea71b71d"
                            + "5a08b9762429f1805390b38e6a92bc0d2fff807ac82cef50f69b41d94de86638"
                            + "dd7c2fd567")));

    static final Family TLS12_AES_128_CBC_SHA_ETM = new Family("tls12_aes_128_cbc_sha_etm",
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, ProtocolVersion.TLS_1_2, true,
            "060708090a0b0c0d0e0f10111213141516171819",
            "464748494a4b4c4d4e4f505152535455",
            "",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "1d1e1f202122232425262728292a2b2c",
                            "1400000cc6c7c8c9cacbcccdcecfd0d1",
                            "16030300441d1e1f202122232425262728292a2b2c4251b0bc3cbb5e8d536987"
                            + "668f22ea7cb17e6d255f8a80692cadbbf3075b39deb676fd4188a4dec658e2c9"
                            + "dbffa4f00c4b5cad7a"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "2d2e2f303132333435363738393a3b3c",
                            "474554202f696e6465782e68746d6c20",
                            "17030300442d2e2f303132333435363738393a3b3c15a9305e5b7a1f41377a30"
                            + "041e0a9eb3cb4816d5c55bd9b33ba5d672e93544aea2bb20dda3bbef6f164eea"
                            + "7b1467dcb5fa2a2698"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "3d3e3f404142434445464748494a4b4c",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a",
                            "17030300443d3e3f404142434445464748494a4b4c88344cb2eee5578beb086f"
                            + "272f909c16096ae04a944fd6ae824bd29055e5c69bb4ec6b6bec01bd2d2a3f53"
                            + "2c826cfdda1e77e263"),
                    new RecordVector(3, ContentType.ALERT, "4d4e4f505152535455565758595a5b5c",
                            "0100",
                            "15030300344d4e4f505152535455565758595a5b5c490ff3e7c206e13106e54e"
                            + "ba99fabcde1ed6598a24bb771f1ca52273b3192c2f73e85e60")));

    static final Family TLS12_AES_256_CBC_SHA256_ETM = new Family("tls12_aes_256_cbc_sha256_etm",
            CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256, ProtocolVersion.TLS_1_2, true,
            "0708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526",
            "4748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60616263646566",
            "",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "1e1f202122232425262728292a2b2c2d",
                            "1400000cc7c8c9cacbcccdcecfd0d1d2",
                            "16030300501e1f202122232425262728292a2b2c2d1da99bc47f0a92bb682a91"
                            + "13a2f0b71b1a0bc2f437b4d688da2db875dd3e861dbf0c7ad629c1ae6b227389"
                            + "2dc1f659140e536f3019bfc559c487364fab9d7bef"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "2e2f303132333435363738393a3b3c3d",
                            "474554202f696e6465782e68746d6c20",
                            "17030300502e2f303132333435363738393a3b3c3d78437c945c523b5e105475"
                            + "83b040b7733f43a657b28bbad3930a9fc988d9a6a9aec5e0a1f26149b156fd48"
                            + "76887b5a4ce4baca155a427e5dde1b12a1179d8000"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "3e3f404142434445464748494a4b4c4d",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a",
                            "17030300503e3f404142434445464748494a4b4c4db6c7ff840edfe143e3bb27"
                            + "c10ab3c5cad2c2d33ac91e226f7795568ab35d91620f382e9d00fd767e54b6a7"
                            + "764bad88ff6af0a9e98b645469ef10f722317a8e31"),
                    new RecordVector(3, ContentType.ALERT, "4e4f505152535455565758595a5b5c5d",
                            "0100",
                            "15030300404e4f505152535455565758595a5b5c5d1912b1ff4f277193669bef"
                            + "5fcbfb3e459bad7be8a14b2c1e4900bfe6cafdaf1c07648099fe98ee20173d6a"
                            + "f361b282c8")));

    static final Family TLS11_AES_128_CBC_SHA = new Family("tls11_aes_128_cbc_sha",
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, ProtocolVersion.TLS_1_1, false,
            "08090a0b0c0d0e0f101112131415161718191a1b",
            "48494a4b4c4d4e4f5051525354555657",
            "",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "1f202122232425262728292a2b2c2d2e",
                            "1400000cc8c9cacbcccdcecfd0d1d2d3",
                            "16030200401f202122232425262728292a2b2c2d2e2d6daeda709e9fbcf557ba"
                            + "a1865f924cbeb78029ad4d9a769327c89fc11d6a57b7429ad0d4fc4830b4b04e"
                            + "eb86d4d317"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "2f303132333435363738393a3b3c3d3e",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f",
                            "17030200502f303132333435363738393a3b3c3d3ed4d42c8707553ddf844024"
                            + "9442e26c980e7b21de1b6c305845a8ee85944dbd9ad71a1c2c8e370ef94e83f4"
                            + "50389a92cd0005e7582870abcbc7dc5511a931e2d9"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "3f404142434445464748494a4b4c4d4e",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "17030200403f404142434445464748494a4b4c4d4edc61e0046570419d2ddf40"
                            + "1f3962efe60b3451a04afdd5a91381add7146a6e6751f5e8ea866ca98182440b"
                            + "3f5fe78560"),
                    new RecordVector(3, ContentType.ALERT, "4f505152535455565758595a5b5c5d5e",
                            "0100",
                            "15030200304f505152535455565758595a5b5c5d5e1937bf4548a83ee3b733c2"
                            + "40f4b628bab54aece040d05dfcbf7e03ced6c1300d")));

    static final Family TLS10_AES_128_CBC_SHA = new Family("tls10_aes_128_cbc_sha",
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, ProtocolVersion.TLS_1_0, false,
            "090a0b0c0d0e0f101112131415161718191a1b1c",
            "494a4b4c4d4e4f505152535455565758",
            "898a8b8c8d8e8f909192939495969798",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "1400000cc9cacbcccdcecfd0d1d2d3d4",
                            "1603010030f52d003024633b61dbdc0a1b937bfc8bd83f4505049543995856df"
                            + "c3bb39e97f1a490565f4c67d8ddf13aa356fa9e967"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f",
                            "17030100405ca96bf33a74b74c2f1859343398aecb0379e89efc32247d922c52"
                            + "210dd0963adb3c7b7e92336b13e7c30cf3ede9558931b9c48704f5dbefcc7f2f"
                            + "a042e0e85d"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "1703010030226856f2ae82755b637c24947e27714c62c3f36fec46da6f0e712c"
                            + "3f0a808d8574e186b870d166573e094644357ce715"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "150301002087246d2f78bf716e6e8a70a891f924cafd51c3a3e2b38f641e94f0"
                            + "0d535f3881")));

    static final Family TLS10_AES_128_CBC_SHA_ETM = new Family("tls10_aes_128_cbc_sha_etm",
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, ProtocolVersion.TLS_1_0, true,
            "0a0b0c0d0e0f101112131415161718191a1b1c1d",
            "4a4b4c4d4e4f50515253545556575859",
            "8a8b8c8d8e8f90919293949596979899",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "1400000ccacbcccdcecfd0d1d2d3d4d5",
                            "1603010034b3d04e4e1a31bdfbf3de1d4f0f54fe614576cd1c2b4b5e06b314f4"
                            + "e26b6dd5d5003b9fa9325ec3d8af6bcf6f58ff22ff48428be3"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20",
                            "170301003477383a315fd68824fa71d0c9dbca4d3bb1a36d9dbd23d82373a715"
                            + "fef029919e132d866161a04821563553631ee29db7dd3b0568"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a",
                            "17030100346909d6027bd98e7468c9b287a30849a61dc7d3ec784b437e98cb7e"
                            + "283ab9bbcdcd94409b980334634fd875051de15cebc1a8f3fe"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "1503010024bf620300cf86e762ee0d65c4858a24913fcb0555aa4354da6e0f4a"
                            + "ebbe6fbc60b2b87974")));

    static final Family SSL30_3DES_EDE_CBC_SHA = new Family("ssl30_3des_ede_cbc_sha",
            CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, ProtocolVersion.SSL_3_0, false,
            "0b0c0d0e0f101112131415161718191a1b1c1d1e",
            "4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162",
            "8b8c8d8e8f909192",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "14000024cbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6"
                            + "e7e8e9eaebecedee",
                            "1603000040e763ce24802bdad954ab270c143f6f6e1626d5a0ce9e330abecb14"
                            + "cb600e593d9465ab01d47612269870098bf850493138bdafe86f6331b13c7882"
                            + "86312c05f2"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c2048545450",
                            "17030000304dbc0d2f4b6b6aca202032384526645e6c186e6f5accfe1301e891"
                            + "6e1254931f602280281d5f2fe02cf92eeb81195c8a"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454",
                            "17030000285a0c2c14f6cbfa7b3cd1f7b253fbc33599ff36b87b168b3233984b"
                            + "dffc68fc524aab5ca037d568ca"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "15030000182ba8884ea352ed289824db86b90260cd4880c24376aa765a")));

    static final Family SSL30_AES_128_CBC_SHA = new Family("ssl30_aes_128_cbc_sha",
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, ProtocolVersion.SSL_3_0, false,
            "0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "4c4d4e4f505152535455565758595a5b",
            "8c8d8e8f909192939495969798999a9b",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "14000024cccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7"
                            + "e8e9eaebecedeeef",
                            "16030000401a11ca6760e04202ab4af5821ba569ab889a74c81c5e45422c7260"
                            + "c45e7e3d7c3eb40c56025af8d5780e3e0bf62f1a382dcef672eba3ee700a614a"
                            + "9b25aa91e5"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f",
                            "1703000040901753889767ef9afe905f7f52896fb11f8e200d2af31caff39c58"
                            + "a6b21cc513b8e13866e565363e2db16811027c56df4828759c18d4ff378dd463"
                            + "9710583283"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "1703000030a3b0febcb48f52610eb1082e664d3be6d8366398becba1f8a67015"
                            + "616fad7b32c8939e87478f6ea9d07bc862718f325f"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "150300002029eed5b4813a33bef180d2f4cf04e9b77218a59f6e6497a1f0956a"
                            + "12f1e3c393")));

    static final Family TLS12_NULL_SHA = new Family("tls12_null_sha",
            CipherSuite.TLS_RSA_WITH_NULL_SHA, ProtocolVersion.TLS_1_2, false,
            "0d0e0f101112131415161718191a1b1c1d1e1f20",
            "",
            "",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "1400000ccdcecfd0d1d2d3d4d5d6d7d8",
                            "16030300241400000ccdcecfd0d1d2d3d4d5d6d7d8e5c962a2a961f59683b529"
                            + "543798a4fd48cab367"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a20"
                            + "6a746c732e6578616d706c65",
                            "1703030040474554202f696e6465782e68746d6c20485454502f312e310d0a48"
                            + "6f73743a206a746c732e6578616d706c6581c6fb22e11b9e6af61d9e8d7b8388"
                            + "7ae61d80ed"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "170303002f474554202f696e6465782e68746d6c20485454502f312e310d0a48"
                            + "3d97f49ea40c8be82aec0cef63e8be84dd04c19d"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "15030300160100ea96ea5e65c242ada9612215059b0da77efe825c")));

    static final Family SSL30_NULL_MD5 = new Family("ssl30_null_md5",
            CipherSuite.TLS_RSA_WITH_NULL_MD5, ProtocolVersion.SSL_3_0, false,
            "101112131415161718191a1b1c1d1e1f",
            "",
            "",
            List.of(
                    new RecordVector(0, ContentType.HANDSHAKE, "",
                            "14000024d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaeb"
                            + "ecedeeeff0f1f2f3",
                            "160300003814000024d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6"
                            + "e7e8e9eaebecedeeeff0f1f2f374133be18bed8566f81775ebb5b95c91"),
                    new RecordVector(1, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a20"
                            + "6a746c732e6578616d706c65",
                            "170300003c474554202f696e6465782e68746d6c20485454502f312e310d0a48"
                            + "6f73743a206a746c732e6578616d706c65fe2480806eb45e0ebe39abbec1d9f1"
                            + "67"),
                    new RecordVector(2, ContentType.APPLICATION_DATA, "",
                            "474554202f696e6465782e68746d6c20485454502f312e310d0a48",
                            "170300002b474554202f696e6465782e68746d6c20485454502f312e310d0a48"
                            + "e9b6abee96b47344f4a49a886d3ce557"),
                    new RecordVector(3, ContentType.ALERT, "",
                            "0100",
                            "150300001201002510911a39ae7132f1ffe45786b55905")));

    static final List<Family> ALL = List.of(
            TLS12_AES_128_GCM, TLS12_AES_256_GCM, TLS12_CHACHA20_POLY1305, TLS12_AES_128_CCM,
            TLS12_AES_256_CCM_8, TLS12_AES_128_CBC_SHA, TLS12_AES_256_CBC_SHA256, TLS12_AES_128_CBC_SHA_ETM,
            TLS12_AES_256_CBC_SHA256_ETM, TLS11_AES_128_CBC_SHA, TLS10_AES_128_CBC_SHA,
            TLS10_AES_128_CBC_SHA_ETM, SSL30_3DES_EDE_CBC_SHA, SSL30_AES_128_CBC_SHA, TLS12_NULL_SHA,
            SSL30_NULL_MD5);
}
