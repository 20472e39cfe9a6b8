package org.jtls.crypto.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.SignatureAlgorithm;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {

    @Test
    void codePointsAreTheRfc8446Values() {
        assertEquals(0x0201, SignatureScheme.RSA_PKCS1_SHA1.code());
        assertEquals(0x0203, SignatureScheme.ECDSA_SHA1.code());
        assertEquals(0x0401, SignatureScheme.RSA_PKCS1_SHA256.code());
        assertEquals(0x0501, SignatureScheme.RSA_PKCS1_SHA384.code());
        assertEquals(0x0601, SignatureScheme.RSA_PKCS1_SHA512.code());
        assertEquals(0x0403, SignatureScheme.ECDSA_SECP256R1_SHA256.code());
        assertEquals(0x0503, SignatureScheme.ECDSA_SECP384R1_SHA384.code());
        assertEquals(0x0603, SignatureScheme.ECDSA_SECP521R1_SHA512.code());
        assertEquals(0x0804, SignatureScheme.RSA_PSS_RSAE_SHA256.code());
        assertEquals(0x0805, SignatureScheme.RSA_PSS_RSAE_SHA384.code());
        assertEquals(0x0806, SignatureScheme.RSA_PSS_RSAE_SHA512.code());
        assertEquals(0x0807, SignatureScheme.ED25519.code());
        assertEquals(0x0808, SignatureScheme.ED448.code());
        assertEquals(0x0809, SignatureScheme.RSA_PSS_PSS_SHA256.code());
        assertEquals(0x080A, SignatureScheme.RSA_PSS_PSS_SHA384.code());
        assertEquals(0x080B, SignatureScheme.RSA_PSS_PSS_SHA512.code());
        assertEquals(16, SignatureScheme.values().length);
    }

    @Test
    void ianaNameIsTheLowerCaseConstantName() {
        for (SignatureScheme scheme : SignatureScheme.values()) {
            assertEquals(scheme.name().toLowerCase(Locale.ROOT), scheme.ianaName());
        }
    }

    @Test
    void everySchemeIsFoundByCodeAndByNameIgnoringCase() {
        for (SignatureScheme scheme : SignatureScheme.values()) {
            assertEquals(Optional.of(scheme), SignatureScheme.fromCode(scheme.code()));
            assertEquals(Optional.of(scheme), SignatureScheme.fromName(scheme.ianaName()));
            assertEquals(Optional.of(scheme), SignatureScheme.fromName(scheme.ianaName().toUpperCase(Locale.ROOT)));
        }
        assertEquals(Optional.empty(), SignatureScheme.fromCode(0x0202));
        assertEquals(Optional.empty(), SignatureScheme.fromName("rsa_pss_sha256"));
    }

    @Test
    void codesAreUnique() {
        Set<Integer> codes = new HashSet<>();
        for (SignatureScheme scheme : SignatureScheme.values()) {
            assertTrue(codes.add(scheme.code()), scheme + " reuses a code");
        }
    }

    @Test
    void eachSchemePerformsTheMatchingAlgorithm() {
        assertEquals(SignatureAlgorithm.RSA_PSS_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA384.algorithm());
        assertEquals(SignatureAlgorithm.RSA_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA384.algorithm());
        assertEquals(SignatureAlgorithm.ECDSA_SHA512, SignatureScheme.ECDSA_SECP521R1_SHA512.algorithm());
        assertEquals(SignatureAlgorithm.RSA_PKCS1_SHA1, SignatureScheme.RSA_PKCS1_SHA1.algorithm());
        assertEquals(SignatureAlgorithm.ED448, SignatureScheme.ED448.algorithm());
        assertEquals(Optional.of(HashAlgorithm.SHA256), SignatureScheme.ECDSA_SECP256R1_SHA256.hash());
        assertEquals(Optional.empty(), SignatureScheme.ED25519.hash());
        for (SignatureScheme scheme : SignatureScheme.values()) {
            // The scheme's name ends in its hash; EdDSA names have none.
            String expectedHash = scheme.ianaName().replaceAll(".*_sha", "SHA");
            scheme.hash().ifPresent(hash -> assertEquals(expectedHash, hash.name()));
        }
    }

    @Test
    void keyTypesTellRsaeFromPssKeys() {
        assertEquals(SignatureScheme.KeyType.RSA, SignatureScheme.RSA_PSS_RSAE_SHA256.keyType());
        assertEquals(SignatureScheme.KeyType.RSA_PSS, SignatureScheme.RSA_PSS_PSS_SHA256.keyType());
        assertEquals(SignatureScheme.KeyType.RSA, SignatureScheme.RSA_PKCS1_SHA256.keyType());
        assertEquals(SignatureScheme.KeyType.EC, SignatureScheme.ECDSA_SHA1.keyType());
        assertEquals(SignatureScheme.KeyType.ED25519, SignatureScheme.ED25519.keyType());
        assertEquals(SignatureScheme.KeyType.ED448, SignatureScheme.ED448.keyType());
    }

    @Test
    void ecdsaSchemesNameTheirTls13Curve() {
        assertEquals(Optional.of(EcCurve.P256), SignatureScheme.ECDSA_SECP256R1_SHA256.tls13Curve());
        assertEquals(Optional.of(EcCurve.P384), SignatureScheme.ECDSA_SECP384R1_SHA384.tls13Curve());
        assertEquals(Optional.of(EcCurve.P521), SignatureScheme.ECDSA_SECP521R1_SHA512.tls13Curve());
        assertEquals(Optional.empty(), SignatureScheme.ECDSA_SHA1.tls13Curve());
        assertEquals(Optional.empty(), SignatureScheme.RSA_PSS_RSAE_SHA256.tls13Curve());
    }

    @Test
    void tls13HandshakesRefusePkcs1AndSha1() {
        Set<SignatureScheme> refused = EnumSet.noneOf(SignatureScheme.class);
        for (SignatureScheme scheme : SignatureScheme.values()) {
            if (!scheme.allowedInTls13Handshake()) {
                refused.add(scheme);
            }
        }
        assertEquals(EnumSet.of(SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ECDSA_SHA1,
                SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512),
                refused);
    }

    @Test
    void tls12ReadsTheBytesAsHashAndSignature() {
        // RFC 5246 §7.4.1.4.1: sha256(4) + rsa(1), sha1(2) + ecdsa(3); RFC 8422 §5.1.3: Intrinsic(8) + ed25519(7).
        assertEquals(new SignatureScheme.Tls12HashAndSignature(4, 1), SignatureScheme.RSA_PKCS1_SHA256.tls12HashAndSignature());
        assertEquals(new SignatureScheme.Tls12HashAndSignature(2, 3), SignatureScheme.ECDSA_SHA1.tls12HashAndSignature());
        assertEquals(new SignatureScheme.Tls12HashAndSignature(6, 3),
                SignatureScheme.ECDSA_SECP521R1_SHA512.tls12HashAndSignature());
        assertEquals(new SignatureScheme.Tls12HashAndSignature(SignatureScheme.Tls12HashAndSignature.INTRINSIC_HASH, 7),
                SignatureScheme.ED25519.tls12HashAndSignature());
        assertEquals(new SignatureScheme.Tls12HashAndSignature(8, 8), SignatureScheme.ED448.tls12HashAndSignature());
    }

    @Test
    void defaultsPreferEcdsaThenPssThenEd25519ThenPkcs1AndLeaveOutSha1AndEd448() {
        assertEquals(List.of(
                SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                SignatureScheme.ECDSA_SECP521R1_SHA512,
                SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
                SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512,
                SignatureScheme.ED25519,
                SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512),
                SignatureScheme.defaults());
        assertFalse(SignatureScheme.ED448.enabledByDefault());
        assertFalse(SignatureScheme.RSA_PKCS1_SHA1.enabledByDefault());
        assertFalse(SignatureScheme.ECDSA_SHA1.enabledByDefault());
    }

    @Test
    void sha1SchemesComeLastInDeclarationOrder() {
        // RFC 8446 §4.2.3: clients offering SHA-1 schemes list them at the lowest priority.
        SignatureScheme[] all = SignatureScheme.values();
        assertEquals(SignatureScheme.RSA_PKCS1_SHA1, all[all.length - 2]);
        assertEquals(SignatureScheme.ECDSA_SHA1, all[all.length - 1]);
    }
}
