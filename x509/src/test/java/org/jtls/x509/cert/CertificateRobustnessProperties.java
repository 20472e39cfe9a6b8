package org.jtls.x509.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.CertificateFixtures.KeyKind;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;

/**
 * Random byte mutations of valid certificates, and of each extension's value, never escape as
 * unchecked exceptions: parsing yields a certificate or a {@link DerException}, and whatever parses
 * can be printed, re-encoded and have its signature checked. Only the declared checked exceptions
 * are caught, so anything else fails the property.
 */
class CertificateRobustnessProperties {
    private static final List<byte[]> VALID = List.of(
            CertificateFixtures.issued(KeyKind.EC_P256).leafDer(),
            CertificateFixtures.issued(KeyKind.RSA_PSS).leafDer(),
            CertificateFixtures.issued(KeyKind.ED25519).caDer());

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void mutatedCertificatesParseOrFailWithDerException(@ForAll("mutatedCertificates") byte[] input) {
        Certificate certificate;
        try {
            certificate = Certificate.parse(input);
        } catch (DerException rejected) {
            Statistics.label("outcome").collect("rejected");
            return;
        }
        Statistics.label("outcome").collect("parsed");
        assertArrayEquals(input, certificate.encode());
        assertNotNull(certificate.toText());
        assertNotNull(certificate.reencode());
        certificate.unhandledCriticalExtensions();
        try {
            certificate.verifySignature(certificate, CryptoBackends.jca());
            Certificate issuer = Certificate.parse(VALID.get(0));
            certificate.verifySignature(issuer, CryptoBackends.bouncyCastle());
        } catch (UnsupportedAlgorithmException | DerException unusable) {
            Statistics.label("signature").collect("unsupported");
        }
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void mutatedExtensionValuesDecodeOrFailWithDerException(@ForAll("mutatedExtensionValues") ExtensionInput input) {
        try {
            DerReader reader = DerReader.of(input.value());
            ExtensionValue value = input.type().decoder().decode(reader);
            reader.end();
            assertNotNull(value.describe());
            assertNotNull(value.encoded());
            Statistics.label("outcome").collect("decoded");
        } catch (DerException rejected) {
            Statistics.label("outcome").collect("rejected");
        }
    }

    @Property(tries = 1000)
    void arbitraryBytesNeverEscape(@ForAll @Size(max = 400) byte[] input) {
        try {
            Certificate.parse(input);
        } catch (DerException rejected) {
            Statistics.label("outcome").collect("rejected");
        }
    }

    record ExtensionInput(ExtensionType type, byte[] value) {
        @Override
        public String toString() {
            return type + " " + java.util.HexFormat.of().formatHex(value);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedCertificates() {
        return Combinators.combine(Arbitraries.of(VALID), mutations().list().ofMinSize(1).ofMaxSize(3))
                .as((valid, changes) -> {
                    byte[] out = valid;
                    for (Mutation change : changes) {
                        out = change.apply(out);
                    }
                    return out;
                });
    }

    @Provide
    Arbitrary<ExtensionInput> mutatedExtensionValues() {
        List<ExtensionInput> valid = new ArrayList<>();
        try {
            for (byte[] der : VALID) {
                for (Extension extension : Certificate.parse(der).extensions()) {
                    extension.type().ifPresent(type -> valid.add(new ExtensionInput(type, extension.value())));
                }
            }
        } catch (DerException e) {
            throw new IllegalStateException("fixture certificates parse", e);
        }
        return Combinators.combine(Arbitraries.of(valid), mutations().list().ofMinSize(1).ofMaxSize(2))
                .as((input, changes) -> {
                    byte[] out = input.value();
                    for (Mutation change : changes) {
                        out = change.apply(out);
                    }
                    return new ExtensionInput(input.type(), out);
                });
    }

    /** One change: flip a bit, set a byte, insert one, delete one, or truncate. */
    record Mutation(int kind, int position, int value) {
        byte[] apply(byte[] input) {
            if (input.length == 0) {
                return new byte[] {(byte) value};
            }
            int at = Math.floorMod(position, input.length);
            byte[] out;
            switch (kind) {
                case 0, 1, 2 -> {
                    out = input.clone();
                    out[at] ^= (byte) (1 << (value & 7));
                }
                case 3 -> {
                    out = input.clone();
                    out[at] = (byte) value;
                }
                case 4 -> {
                    out = new byte[input.length + 1];
                    System.arraycopy(input, 0, out, 0, at);
                    out[at] = (byte) value;
                    System.arraycopy(input, at, out, at + 1, input.length - at);
                }
                case 5 -> {
                    out = new byte[input.length - 1];
                    System.arraycopy(input, 0, out, 0, at);
                    System.arraycopy(input, at + 1, out, at, input.length - at - 1);
                }
                default -> out = Arrays.copyOf(input, at);
            }
            return out;
        }
    }

    private static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as(Mutation::new);
    }
}
