package org.jtls.record.protection;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.registry.BulkCipher;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.MacAlgorithm;
import org.jtls.crypto.registry.ProtocolVersion;

/**
 * One way records can be protected: a cipher suite, a version it supports, and for CBC suites from
 * TLS 1.0 on whether encrypt-then-MAC (RFC 7366) was negotiated. Builds matching protections for both
 * ends from one set of keys.
 */
public record ProtectionSpec(CipherSuite suite, ProtocolVersion version, boolean encryptThenMac) {

    /** The write keys of one direction, sized for the suite and version. */
    public record Keys(byte[] macKey, byte[] encryptionKey, byte[] fixedIv) {
    }

    /** Every suite with every version it may be negotiated in, CBC suites with and without RFC 7366. */
    public static List<ProtectionSpec> all() {
        List<ProtectionSpec> specs = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            for (ProtocolVersion version : ProtocolVersion.values()) {
                if (!suite.supports(version)) {
                    continue;
                }
                specs.add(new ProtectionSpec(suite, version, false));
                if (suite.cipher().isCbc() && version.isAtLeast(ProtocolVersion.TLS_1_0)) {
                    specs.add(new ProtectionSpec(suite, version, true));
                }
            }
        }
        return List.copyOf(specs);
    }

    /**
     * One spec per distinct record protection: suites that differ only in key exchange or
     * authentication protect records identically, so one of them stands for all.
     */
    public static List<ProtectionSpec> families() {
        Map<String, ProtectionSpec> byFamily = new LinkedHashMap<>();
        for (ProtectionSpec spec : all()) {
            byFamily.putIfAbsent(spec.familyName(), spec);
        }
        return List.copyOf(byFamily.values());
    }

    /** Cipher, MAC, version and encrypt-then-MAC: what determines the record format. */
    public String familyName() {
        String name = version.displayName() + " " + suite.cipher().displayName();
        if (suite.mac() != MacAlgorithm.AEAD) {
            name += " " + suite.mac().displayName();
        }
        return encryptThenMac ? name + " encrypt-then-MAC" : name;
    }

    public boolean isTls13() {
        return version == ProtocolVersion.TLS_1_3;
    }

    public boolean isCbc() {
        return suite.cipher().isCbc();
    }

    public boolean isNullCipher() {
        return suite.cipher() == BulkCipher.NULL;
    }

    public Keys randomKeys(SecureRandom random) {
        byte[] macKey = new byte[suite.mac().macLength()];
        byte[] encryptionKey = new byte[suite.cipher().keyLength()];
        byte[] fixedIv = new byte[suite.cipher().fixedIvLength(version)];
        random.nextBytes(macKey);
        random.nextBytes(encryptionKey);
        random.nextBytes(fixedIv);
        return new Keys(macKey, encryptionKey, fixedIv);
    }

    /** A fresh protection for one end of the direction these keys protect. */
    public RecordProtection build(CryptoBackend crypto, Keys keys, PaddingPolicy tls13Padding, SecureRandom random) {
        if (isTls13()) {
            return RecordProtections.tls13(crypto, suite, keys.encryptionKey(), keys.fixedIv(), tls13Padding);
        }
        return RecordProtections.legacy(crypto, version, suite, keys.macKey(), keys.encryptionKey(), keys.fixedIv(),
                encryptThenMac, random);
    }

    /** The version field records carry under this protection. */
    public int recordVersion() {
        return isTls13() ? 0x0303 : version.code();
    }

    @Override
    public String toString() {
        return suite.ianaName() + " " + version.displayName() + (encryptThenMac ? " encrypt-then-MAC" : "");
    }
}
