package org.jtls.x509.cert;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.RsaPssParameters;
import org.jtls.x509.der.DerException;
import org.jtls.x509.key.SubjectPublicKeyInfo;
import org.jtls.x509.name.DistinguishedName;

/** {@link Certificate#toText()}: the layout of {@code openssl x509 -text -noout}. */
final class CertificateText {
    private static final DateTimeFormatter OPENSSL_TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat LOWER_COLON_HEX = HexFormat.ofDelimiter(":");

    private final StringBuilder out = new StringBuilder();

    private CertificateText() {
    }

    static String format(Certificate certificate) {
        CertificateText text = new CertificateText();
        text.write(certificate);
        return text.out.toString();
    }

    private void write(Certificate certificate) {
        line(0, "Certificate:");
        line(4, "Data:");
        line(8, "Version: " + certificate.version() + " (0x" + (certificate.version() - 1) + ")");
        serial(certificate.serialNumber());
        signatureAlgorithm(8, certificate.signatureAlgorithm());
        line(8, "Issuer: " + name(certificate.issuer()));
        line(8, "Validity");
        line(12, "Not Before: " + time(certificate.notBefore()));
        line(12, "Not After : " + time(certificate.notAfter()));
        line(8, "Subject: " + name(certificate.subject()));
        publicKey(certificate.subjectPublicKeyInfo());
        certificate.issuerUniqueId().ifPresent(id -> {
            line(8, "Issuer Unique ID:");
            hexBlock(12, id.bytes(), 18);
        });
        certificate.subjectUniqueId().ifPresent(id -> {
            line(8, "Subject Unique ID:");
            hexBlock(12, id.bytes(), 18);
        });
        if (!certificate.extensions().isEmpty()) {
            line(8, "X509v3 extensions:");
            for (Extension extension : certificate.extensions()) {
                line(12, extension.name() + ": " + (extension.critical() ? "critical" : ""));
                extension.describe().lines().forEach(value -> line(16, value));
            }
        }
        signatureAlgorithm(4, certificate.signatureAlgorithm());
        line(4, "Signature Value:");
        hexBlock(8, certificate.signatureValue().bytes(), 18);
    }

    private void serial(BigInteger serial) {
        if (serial.bitLength() <= 63) {
            String sign = serial.signum() < 0 ? "-" : "";
            line(8, "Serial Number: " + serial + " (" + sign + "0x" + serial.abs().toString(16) + ")");
            return;
        }
        line(8, "Serial Number:" + (serial.signum() < 0 ? " (Negative)" : ""));
        byte[] magnitude = serial.abs().toByteArray();
        if (magnitude.length > 1 && magnitude[0] == 0) {
            magnitude = java.util.Arrays.copyOfRange(magnitude, 1, magnitude.length);
        }
        line(12, LOWER_COLON_HEX.formatHex(magnitude));
    }

    private void signatureAlgorithm(int indent, AlgorithmIdentifier algorithm) {
        line(indent, "Signature Algorithm: " + algorithm.name());
        if (algorithm.knownAlgorithm() == KnownAlgorithm.RSASSA_PSS && algorithm.hasParameters()) {
            try {
                RsaPssParameters.decode(algorithm.parameters()).describe().lines().forEach(l -> line(indent, l));
            } catch (DerException e) {
                line(indent, "Invalid PSS parameters: " + e.problem());
            }
        }
    }

    private void publicKey(SubjectPublicKeyInfo info) {
        line(8, "Subject Public Key Info:");
        line(12, "Public Key Algorithm: " + info.algorithm().name());
        if (info.publicKey().isEmpty()) {
            line(16, "Unable to load Public Key");
            info.namedCurve().ifPresent(curve -> line(16, "ASN1 OID: " + curve));
            hexBlock(16, info.subjectPublicKey().bytes(), 15);
            return;
        }
        PublicKeyMaterial key = info.publicKey().get();
        if (key instanceof RsaPublicKey rsa) {
            line(16, "Public-Key: (" + rsa.bitLength() + " bit)");
            line(16, "Modulus:");
            hexBlock(20, rsa.modulus().toByteArray(), 15);
            BigInteger exponent = rsa.publicExponent();
            line(16, "Exponent: " + exponent + " (0x" + exponent.toString(16) + ")");
            info.pssParameters().ifPresent(parameters -> parameters.describe().lines().forEach(l -> line(16, l)));
        } else if (key instanceof EcPublicKey ec) {
            line(16, "Public-Key: (" + ec.bitLength() + " bit)");
            line(16, "pub:");
            hexBlock(20, ec.point(), 15);
            line(16, "ASN1 OID: " + (ec.curve().secName().equals("secp256r1") ? "prime256v1" : ec.curve().secName()));
            line(16, "NIST CURVE: P-" + ec.bitLength());
        } else if (key instanceof DsaPublicKey dsa) {
            line(16, "Public-Key: (" + dsa.bitLength() + " bit)");
            line(16, "pub:");
            hexBlock(20, dsa.y().toByteArray(), 15);
            line(16, "P:");
            hexBlock(20, dsa.p().toByteArray(), 15);
            line(16, "Q:");
            hexBlock(20, dsa.q().toByteArray(), 15);
            line(16, "G:");
            hexBlock(20, dsa.g().toByteArray(), 15);
        } else {
            EdPublicKey ed = (EdPublicKey) key;
            line(16, ed.curve().standardName().toUpperCase(Locale.ROOT) + " Public-Key:");
            line(16, "pub:");
            hexBlock(20, ed.encoded(), 15);
        }
    }

    /** openssl 3's one-line form: {@code C = US, O = Example, CN = host}. */
    private static String name(DistinguishedName name) {
        return name.rdns().stream()
                .map(rdn -> rdn.attributes().stream()
                        .map(attribute -> attribute.typeName() + " = " + (attribute.stringValue() != null
                                ? attribute.stringValue() : "#" + HexFormat.of().formatHex(attribute.value().encoded())))
                        .collect(Collectors.joining(" + ")))
                .collect(Collectors.joining(", "));
    }

    private static String time(Instant instant) {
        return OPENSSL_TIME.format(instant);
    }

    private void hexBlock(int indent, byte[] bytes, int perLine) {
        for (int i = 0; i < bytes.length; i += perLine) {
            int end = Math.min(bytes.length, i + perLine);
            String row = LOWER_COLON_HEX.formatHex(bytes, i, end);
            line(indent, row + (end < bytes.length ? ":" : ""));
        }
    }

    private void line(int indent, String text) {
        out.append(" ".repeat(indent)).append(text).append('\n');
    }

}
