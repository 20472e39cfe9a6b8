package org.jtls.x509.ocsp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.Tag;
import org.jtls.x509.name.DistinguishedName;

/**
 * {@code ResponderID} (RFC 6960 §4.2.1), which names the certificate whose key signed the response
 * (§4.2.2.3). The OCSP module uses EXPLICIT tags, so each choice wraps its value:
 *
 * <pre>
 * ResponderID ::= CHOICE {
 *     byName   [1] Name,
 *     byKey    [2] KeyHash }  -- SHA-1 hash of the responder's public key bits
 * </pre>
 */
public sealed interface ResponderId {

    /** Whether {@code certificate} is the one this ID names. */
    boolean identifies(Certificate certificate, CryptoBackend crypto);

    /** The responder's subject name; compared with RFC 5280 §7.1 name matching. */
    record ByName(DistinguishedName name) implements ResponderId {
        public ByName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean identifies(Certificate certificate, CryptoBackend crypto) {
            return certificate.subject().equals(name);
        }

        @Override
        public String toString() {
            return "byName " + name;
        }
    }

    /** The SHA-1 hash of the responder's subjectPublicKey bits. */
    record ByKey(byte[] keyHash) implements ResponderId {
        public ByKey {
            keyHash = keyHash.clone();
        }

        @Override
        public byte[] keyHash() {
            return keyHash.clone();
        }

        @Override
        public boolean identifies(Certificate certificate, CryptoBackend crypto) {
            return Arrays.equals(keyHash, CertId.keyHash(certificate, HashAlgorithm.SHA1, crypto));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ByKey that && Arrays.equals(keyHash, that.keyHash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keyHash);
        }

        @Override
        public String toString() {
            return "byKey " + HexFormat.of().formatHex(keyHash);
        }
    }

    static ResponderId decode(DerReader reader) throws DerException {
        int offset = reader.position();
        if (reader.nextIs(Tag.contextSpecific(1, true))) {
            DerReader byName = reader.readExplicit(1);
            DistinguishedName name = DistinguishedName.decode(byName);
            byName.end();
            return new ByName(name);
        }
        if (reader.nextIs(Tag.contextSpecific(2, true))) {
            DerReader byKey = reader.readExplicit(2);
            byte[] keyHash = byKey.readOctetString();
            byKey.end();
            return new ByKey(keyHash);
        }
        throw new DerException("expected ResponderID ([1] byName or [2] byKey), found "
                + (reader.hasRemaining() ? reader.peekTag().toString() : "the end of ResponseData"), offset);
    }
}
