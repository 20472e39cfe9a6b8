package org.jtls.handshake.keyschedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Master secrets against OpenSSL 3.0.19's {@code openssl kdf TLS1-PRF} (label "master secret",
 * seeds client_random then server_random; produced 2026-11-28), key-block partitioning per suite
 * and version, and SSL 3.0 Finished against RFC 6101 §5.6.9 written out with the JDK's digests.
 */
class LegacyKeyScheduleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PRE_MASTER = HEX.parseHex("03037ef1cb6c87ffce2a4016e7ce45b1ca7e62a49b5a11a84ca964b8d4e8"
            + "3aa4d7b2b21a711c140f6773b54c64a23266");
    private static final byte[] CLIENT_RANDOM = HEX.parseHex(
            "96899302f97ed3fcb99c0fcea907181f412d27446a2e4df929fadf6529b15e9d");
    private static final byte[] SERVER_RANDOM = HEX.parseHex(
            "430b5984015db5be55f15fc5dc4153b44ea185b1dbd1fd8e63fe4f2cecf1ccf3");

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void tls12MasterSecretMatchesOpenssl(String backend) {
        LegacyKeySchedule schedule = new LegacyKeySchedule(CryptoBackends.byName(backend), ProtocolVersion.TLS_1_2,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        assertArrayEquals(HEX.parseHex("353d905f86400469c54ab068c23330b2f44646d2e4c2d30189e75d9a86c014b9eafd91017187f9cc"
                + "1cc9c753c46677c7"), schedule.masterSecret(PRE_MASTER, CLIENT_RANDOM, SERVER_RANDOM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void tls10MasterSecretMatchesOpenssl(String backend) {
        LegacyKeySchedule schedule = new LegacyKeySchedule(CryptoBackends.byName(backend), ProtocolVersion.TLS_1_0,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        assertArrayEquals(HEX.parseHex("ce709deaab433bc0b4ae68326ffbb24c7ff62a53ec224cb122c20f6099e765ac97e19b3cf8d985c2"
                + "3fb6f5dd74674ab0"), schedule.masterSecret(PRE_MASTER, CLIENT_RANDOM, SERVER_RANDOM));
    }

    @Test
    void keyBlockIsCutByTheSuitesLengths() {
        assertPartition(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0, 16, 4);
        assertPartition(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 0, 32, 12);
        assertPartition(ProtocolVersion.TLS_1_2, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256, 32, 32, 0);
        assertPartition(ProtocolVersion.TLS_1_1, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, 20, 16, 0);
        assertPartition(ProtocolVersion.TLS_1_0, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, 20, 16, 16);
        assertPartition(ProtocolVersion.SSL_3_0, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, 20, 24, 8);
        assertPartition(ProtocolVersion.TLS_1_2, CipherSuite.TLS_RSA_WITH_NULL_SHA256, 32, 0, 0);
    }

    private static void assertPartition(ProtocolVersion version, CipherSuite suite, int mac, int key, int iv) {
        LegacyKeySchedule schedule = new LegacyKeySchedule(CryptoBackends.jca(), version, suite);
        byte[] master = schedule.masterSecret(PRE_MASTER, CLIENT_RANDOM, SERVER_RANDOM);
        LegacyKeySchedule.KeyBlock block = schedule.keyBlock(master, CLIENT_RANDOM, SERVER_RANDOM);
        int total = 2 * (mac + key + iv);
        byte[] serverThenClient = concat(SERVER_RANDOM, CLIENT_RANDOM);
        byte[] expected = version == ProtocolVersion.SSL_3_0
                ? schedule.prf().ssl3(master, serverThenClient, total)
                : schedule.prf().compute(master, "key expansion", serverThenClient, total);
        byte[] actual = concat(concat(concat(block.client().macKey(), block.server().macKey()),
                concat(block.client().encryptionKey(), block.server().encryptionKey())),
                concat(block.client().fixedIv(), block.server().fixedIv()));
        assertArrayEquals(expected, actual, suite + " " + version);
        assertEquals(mac, block.client().macKey().length);
        assertEquals(key, block.server().encryptionKey().length);
        assertEquals(iv, block.server().fixedIv().length);
    }

    @Test
    void ssl3FinishedFollowsRfc6101() throws Exception {
        LegacyKeySchedule schedule = new LegacyKeySchedule(CryptoBackends.bouncyCastle(), ProtocolVersion.SSL_3_0,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        byte[] master = schedule.masterSecret(PRE_MASTER, CLIENT_RANDOM, SERVER_RANDOM);
        byte[] messages = "ClientHello ServerHello Certificate ...".getBytes(StandardCharsets.US_ASCII);
        LegacyKeySchedule.TranscriptHashes transcript = schedule.newTranscript();
        transcript.update(messages);
        byte[] client = schedule.finishedVerifyData(master, transcript, true);
        byte[] server = schedule.finishedVerifyData(master, transcript, false);
        assertArrayEquals(ssl3Finished(messages, "CLNT", master), client);
        assertArrayEquals(ssl3Finished(messages, "SRVR", master), server);
        assertEquals(36, client.length);
        // Computing Finished must not disturb the running transcript.
        assertArrayEquals(client, schedule.finishedVerifyData(master, transcript, true));
    }

    private static byte[] ssl3Finished(byte[] messages, String sender, byte[] master) throws Exception {
        return concat(ssl3Half("MD5", 48, messages, sender, master), ssl3Half("SHA-1", 40, messages, sender, master));
    }

    private static byte[] ssl3Half(String algorithm, int padLength, byte[] messages, String sender, byte[] master)
            throws Exception {
        byte[] pad1 = new byte[padLength];
        byte[] pad2 = new byte[padLength];
        Arrays.fill(pad1, (byte) 0x36);
        Arrays.fill(pad2, (byte) 0x5c);
        MessageDigest inner = MessageDigest.getInstance(algorithm);
        inner.update(messages);
        inner.update(sender.getBytes(StandardCharsets.US_ASCII));
        inner.update(master);
        inner.update(pad1);
        MessageDigest outer = MessageDigest.getInstance(algorithm);
        outer.update(master);
        outer.update(pad2);
        outer.update(inner.digest());
        return outer.digest();
    }

    @Test
    void tlsFinishedIsTwelveBytesOfPrfOverTheTranscriptHash() throws Exception {
        byte[] messages = "handshake so far".getBytes(StandardCharsets.US_ASCII);
        LegacyKeySchedule tls12 = new LegacyKeySchedule(CryptoBackends.jca(), ProtocolVersion.TLS_1_2,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
        LegacyKeySchedule.TranscriptHashes transcript12 = tls12.newTranscript();
        transcript12.update(messages);
        byte[] sha384 = MessageDigest.getInstance("SHA-384").digest(messages);
        assertArrayEquals(tls12.prf().compute(new byte[48], "client finished", sha384, 12),
                tls12.finishedVerifyData(new byte[48], transcript12, true));

        LegacyKeySchedule tls10 = new LegacyKeySchedule(CryptoBackends.jca(), ProtocolVersion.TLS_1_0,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        LegacyKeySchedule.TranscriptHashes transcript10 = tls10.newTranscript();
        transcript10.update(messages);
        byte[] md5AndSha1 = concat(MessageDigest.getInstance("MD5").digest(messages),
                MessageDigest.getInstance("SHA-1").digest(messages));
        assertArrayEquals(tls10.prf().compute(new byte[48], "server finished", md5AndSha1, 12),
                tls10.finishedVerifyData(new byte[48], transcript10, false));
    }

    @Test
    void extendedMasterSecretUsesTheSessionHash() {
        LegacyKeySchedule schedule = new LegacyKeySchedule(CryptoBackends.jca(), ProtocolVersion.TLS_1_2,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        byte[] sessionHash = new byte[32];
        assertArrayEquals(schedule.prf().compute(PRE_MASTER, "extended master secret", sessionHash, 48),
                schedule.extendedMasterSecret(PRE_MASTER, sessionHash));
        LegacyKeySchedule ssl3 = new LegacyKeySchedule(CryptoBackends.jca(), ProtocolVersion.SSL_3_0,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        assertThrows(IllegalStateException.class, () -> ssl3.extendedMasterSecret(PRE_MASTER, sessionHash));
    }

    @Test
    void suitesOutsideTheirVersionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LegacyKeySchedule(CryptoBackends.jca(),
                ProtocolVersion.TLS_1_0, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        assertThrows(IllegalArgumentException.class, () -> new LegacyKeySchedule(CryptoBackends.jca(),
                ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
