package org.jtls.x509.ocsp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.ObjectIdentifier;

/** OCSP's extensions: the certificate extension syntax (RFC 6960 §4.4) and the OIDs jtls reads. */
final class OcspExtensions {
    /** {@code id-pkix-ocsp} = id-ad-ocsp, 1.3.6.1.5.5.7.48.1 (RFC 6960 §4.2.1). */
    static final String ID_PKIX_OCSP = "1.3.6.1.5.5.7.48.1";
    static final ObjectIdentifier BASIC_RESPONSE = ObjectIdentifier.of(ID_PKIX_OCSP + ".1");
    static final ObjectIdentifier NONCE = ObjectIdentifier.of(ID_PKIX_OCSP + ".2");
    /** {@code id-pkix-ocsp-nocheck} (RFC 6960 §4.2.2.2.1), a NULL extension in a responder certificate. */
    static final ObjectIdentifier NO_CHECK = ObjectIdentifier.of(ID_PKIX_OCSP + ".5");
    /** {@code id-pkix-ocsp-extended-revoke} (RFC 6960 §4.4.8): revoked may mean "never issued". */
    static final ObjectIdentifier EXTENDED_REVOKE = ObjectIdentifier.of(ID_PKIX_OCSP + ".9");

    private OcspExtensions() {
    }

    /**
     * {@code [tagNumber] EXPLICIT Extensions OPTIONAL}: empty when absent. As in certificates, at
     * least one extension and none twice.
     */
    static List<Extension> decodeOptional(DerReader reader, int tagNumber) throws DerException {
        int offset = reader.position();
        DerReader explicit = reader.readOptionalExplicit(tagNumber);
        if (explicit == null) {
            return List.of();
        }
        DerReader sequence = explicit.readSequence();
        List<Extension> extensions = new ArrayList<>();
        Set<ObjectIdentifier> seen = new HashSet<>();
        while (sequence.hasRemaining()) {
            int extensionOffset = sequence.position();
            Extension extension = Extension.decode(sequence);
            if (!seen.add(extension.oid())) {
                throw new DerException("extension " + extension.name() + " appears twice", extensionOffset);
            }
            extensions.add(extension);
        }
        explicit.end();
        if (extensions.isEmpty()) {
            throw new DerException("empty Extensions (SIZE (1..MAX))", offset);
        }
        return List.copyOf(extensions);
    }
}
