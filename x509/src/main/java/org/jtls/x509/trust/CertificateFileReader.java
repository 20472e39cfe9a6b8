package org.jtls.x509.trust;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.pem.Pem;
import org.jtls.x509.pem.PemBlock;
import org.jtls.x509.pem.PemException;

/**
 * Turns one file's bytes into certificates: PEM (every {@code CERTIFICATE} block) or a single DER
 * certificate. What cannot be used goes to the rejected list with its place and reason. OpenSSL's
 * {@code TRUSTED CERTIFICATE} blocks are refused: their auxiliary data can restrict or reject
 * trust, which ignoring would silently widen.
 */
final class CertificateFileReader {
    private static final String PEM_BEGIN = "-----BEGIN ";

    private CertificateFileReader() {
    }

    static void read(byte[] contents, String location, List<Certificate> certificates,
            List<RejectedTrustEntry> rejected) {
        String text = new String(contents, StandardCharsets.ISO_8859_1);
        if (text.contains(PEM_BEGIN)) {
            readPem(text, location, certificates, rejected);
            return;
        }
        try {
            certificates.add(Certificate.parse(contents));
        } catch (DerException e) {
            rejected.add(new RejectedTrustEntry(location, "neither PEM nor a DER certificate: " + e.getMessage()));
        }
    }

    private static void readPem(String text, String location, List<Certificate> certificates,
            List<RejectedTrustEntry> rejected) {
        List<PemBlock> blocks;
        try {
            blocks = Pem.parse(text);
        } catch (PemException e) {
            rejected.add(new RejectedTrustEntry(location, "malformed PEM: " + e.getMessage()));
            return;
        }
        for (PemBlock block : blocks) {
            String where = location + " line " + block.beginLine();
            switch (block.label()) {
                case "CERTIFICATE" -> {
                    try {
                        certificates.add(Certificate.parse(block.data()));
                    } catch (DerException e) {
                        rejected.add(new RejectedTrustEntry(where, "malformed certificate: " + e.getMessage()));
                    }
                }
                case "TRUSTED CERTIFICATE" -> rejected.add(new RejectedTrustEntry(where, "OpenSSL TRUSTED CERTIFICATE "
                        + "with auxiliary trust settings is not supported; export it as a plain CERTIFICATE"));
                default -> rejected.add(new RejectedTrustEntry(where, "PEM block '" + block.label()
                        + "' is not a certificate"));
            }
        }
    }
}
