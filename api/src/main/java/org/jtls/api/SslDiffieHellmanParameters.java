package org.jtls.api;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.pem.Pem;
import org.jtls.x509.pem.PemBlock;
import org.jtls.x509.pem.PemException;

/**
 * The Diffie-Hellman group (prime p and generator g) a server uses for DHE cipher suites in
 * TLS ≤ 1.2 (Qt's {@code QSslDiffieHellmanParameters}). TLS 1.3 and clients that name ffdhe groups
 * in supported_groups use named groups instead (RFC 7919 §4), so these apply only to clients that
 * name none.
 *
 * <p>Read from PKCS#3 {@code DHParameter} ({@code SEQUENCE { prime INTEGER, base INTEGER,
 * privateValueLength INTEGER OPTIONAL }}), DER or PEM ({@code -----BEGIN DH PARAMETERS-----}, as
 * {@code openssl dhparam} writes). Parameters that cannot be read are
 * {@link Error#INVALID_INPUT_DATA_ERROR}; parameters that can be read but must not be used are
 * {@link Error#UNSAFE_PARAMETERS_ERROR}: p not a safe prime (p and (p-1)/2 both prime, as
 * {@code openssl dhparam} makes them), p shorter than {@value #DEFAULT_MINIMUM_PRIME_BITS} bits
 * (Logjam, RFC 7457 §2.8; a smaller floor can be asked for) or longer than
 * {@value #MAXIMUM_PRIME_BITS} bits (more than TLS clients accept), g outside 1 < g < p-1.
 *
 * <p>Immutable. An instance that failed to read is not {@link #isEmpty() empty}: it remembers why.
 */
public final class SslDiffieHellmanParameters {
    /** Qt's {@code QSslDiffieHellmanParameters::Error}. */
    public enum Error {
        NO_ERROR,
        /** The bytes are not PKCS#3 DH parameters. */
        INVALID_INPUT_DATA_ERROR,
        /** The parameters are well formed but weak or broken. */
        UNSAFE_PARAMETERS_ERROR
    }

    /** The smallest prime accepted unless a smaller floor is asked for. */
    public static final int DEFAULT_MINIMUM_PRIME_BITS = 2048;
    /** The largest prime accepted: jtls's client, like others, refuses larger groups (they cost minutes). */
    public static final int MAXIMUM_PRIME_BITS = 8192;
    /** The smallest floor that can be asked for (research on export-grade and Logjam-era servers). */
    public static final int LOWEST_MINIMUM_PRIME_BITS = 512;
    private static final String PEM_LABEL = "DH PARAMETERS";
    private static final int PRIMALITY_CERTAINTY = 80;

    private static final SslDiffieHellmanParameters EMPTY = new SslDiffieHellmanParameters(null, Error.NO_ERROR, "");
    private static final SslDiffieHellmanParameters DEFAULT = of(FiniteFieldGroup.FFDHE2048);

    private final FiniteFieldGroup group;
    private final Error error;
    private final String errorString;

    private SslDiffieHellmanParameters(FiniteFieldGroup group, Error error, String errorString) {
        this.group = group;
        this.error = error;
        this.errorString = errorString;
    }

    /** Parameters with nothing in them (Qt's default-constructed instance). */
    public static SslDiffieHellmanParameters empty() {
        return EMPTY;
    }

    /** RFC 7919's ffdhe2048 group: a safe prime whose generation anyone can check, g = 2. */
    public static SslDiffieHellmanParameters defaultParameters() {
        return DEFAULT;
    }

    /** A known-good group (one of RFC 7919's), without the checks {@link #fromEncoded} makes. */
    private static SslDiffieHellmanParameters of(FiniteFieldGroup group) {
        return new SslDiffieHellmanParameters(group, Error.NO_ERROR, "");
    }

    /**
     * Reads PKCS#3 DH parameters and checks them with the default floor of
     * {@value #DEFAULT_MINIMUM_PRIME_BITS} bits. Never throws for bad input: see {@link #error()}.
     */
    public static SslDiffieHellmanParameters fromEncoded(byte[] encoded, EncodingFormat format) {
        return fromEncoded(encoded, format, DEFAULT_MINIMUM_PRIME_BITS);
    }

    /**
     * As {@link #fromEncoded(byte[], EncodingFormat)}, accepting primes from {@code minimumPrimeBits}
     * bits.
     *
     * @throws IllegalArgumentException if {@code minimumPrimeBits} is below {@value #LOWEST_MINIMUM_PRIME_BITS}
     */
    public static SslDiffieHellmanParameters fromEncoded(byte[] encoded, EncodingFormat format, int minimumPrimeBits) {
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(format, "format");
        if (minimumPrimeBits < LOWEST_MINIMUM_PRIME_BITS) {
            throw new IllegalArgumentException("a DH prime floor below " + LOWEST_MINIMUM_PRIME_BITS + " bits");
        }
        byte[] der;
        if (format == EncodingFormat.PEM) {
            try {
                List<PemBlock> blocks = Pem.parse(encoded).stream().filter(b -> b.label().equals(PEM_LABEL)).toList();
                if (blocks.size() != 1) {
                    return invalid("expected one PEM block labelled " + PEM_LABEL + ", found " + blocks.size());
                }
                der = blocks.get(0).data();
            } catch (PemException e) {
                return invalid("not PEM: " + e.getMessage());
            }
        } else {
            der = encoded;
        }
        BigInteger prime;
        BigInteger generator;
        try {
            DerReader outer = DerReader.of(der);
            DerReader parameters = outer.readSequence();
            outer.end();
            prime = parameters.readInteger();
            generator = parameters.readInteger();
            if (parameters.hasRemaining()) {
                parameters.readInteger(); // privateValueLength: a hint for key generation, which jtls sizes itself
            }
            parameters.end();
        } catch (DerException e) {
            return invalid("not a PKCS#3 DHParameter: " + e.getMessage());
        }
        return check(prime, generator, minimumPrimeBits);
    }

    /** As {@link #fromEncoded(byte[], EncodingFormat)}, reading {@code in} to its end. */
    public static SslDiffieHellmanParameters fromEncoded(InputStream in, EncodingFormat format) throws IOException {
        return fromEncoded(in.readAllBytes(), format);
    }

    private static SslDiffieHellmanParameters check(BigInteger prime, BigInteger generator, int minimumPrimeBits) {
        if (prime.signum() <= 0 || generator.signum() <= 0) {
            return unsafe("p and g must be positive");
        }
        int bits = prime.bitLength();
        if (bits < minimumPrimeBits) {
            return unsafe("the prime has " + bits + " bits; at least " + minimumPrimeBits
                    + " are required (Logjam, RFC 7457 §2.8)");
        }
        if (bits > MAXIMUM_PRIME_BITS) {
            return unsafe("the prime has " + bits + " bits; TLS clients accept at most " + MAXIMUM_PRIME_BITS);
        }
        if (!prime.testBit(0) || !prime.isProbablePrime(PRIMALITY_CERTAINTY)) {
            return unsafe("p is not prime");
        }
        // A safe prime leaves no small subgroups for a peer's key to fall into (RFC 7919 §5.1).
        if (!prime.shiftRight(1).isProbablePrime(PRIMALITY_CERTAINTY)) {
            return unsafe("p is not a safe prime: (p-1)/2 is not prime");
        }
        if (generator.compareTo(BigInteger.ONE) <= 0 || generator.compareTo(prime.subtract(BigInteger.ONE)) >= 0) {
            return unsafe("g must lie between 1 and p-1, exclusive");
        }
        for (NamedGroup named : NamedGroup.values()) {
            Optional<FiniteFieldGroup> known = named.finiteFieldGroup();
            if (known.isPresent() && known.get().prime().equals(prime) && known.get().generator().equals(generator)) {
                return of(known.get());
            }
        }
        return of(FiniteFieldGroup.custom(prime, generator));
    }

    private static SslDiffieHellmanParameters invalid(String why) {
        return new SslDiffieHellmanParameters(null, Error.INVALID_INPUT_DATA_ERROR, why);
    }

    private static SslDiffieHellmanParameters unsafe(String why) {
        return new SslDiffieHellmanParameters(null, Error.UNSAFE_PARAMETERS_ERROR, why);
    }

    /** Whether this holds no parameters and no error (Qt's {@code isEmpty}). */
    public boolean isEmpty() {
        return group == null && error == Error.NO_ERROR;
    }

    /** Whether these parameters can be used: read without error and not empty. */
    public boolean isValid() {
        return group != null;
    }

    public Error error() {
        return error;
    }

    /** Why the parameters were refused; empty when they were not. */
    public String errorString() {
        return errorString;
    }

    /** The group, when {@link #isValid()}. */
    public Optional<FiniteFieldGroup> group() {
        return Optional.ofNullable(group);
    }

    /** The PKCS#3 DER encoding (without privateValueLength); empty when not valid. */
    public byte[] toDer() {
        if (group == null) {
            return new byte[0];
        }
        return new DerWriter().writeSequence(sequence -> sequence.writeInteger(group.prime())
                .writeInteger(group.generator())).toByteArray();
    }

    /** {@code -----BEGIN DH PARAMETERS-----}; empty when not valid. */
    public String toPem() {
        return group == null ? "" : Pem.encode(PEM_LABEL, toDer());
    }

    /** Equal when both hold the same p and g, or both are empty, or both failed in the same way. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SslDiffieHellmanParameters that && error == that.error
                && Objects.equals(group == null ? null : List.of(group.prime(), group.generator()),
                        that.group == null ? null : List.of(that.group.prime(), that.group.generator()))
                && errorString.equals(that.errorString);
    }

    @Override
    public int hashCode() {
        return group == null ? error.hashCode() : Arrays.hashCode(new Object[] {group.prime(), group.generator()});
    }

    @Override
    public String toString() {
        if (group != null) {
            return "SslDiffieHellmanParameters[" + group.prime().bitLength() + "-bit prime, g = " + group.generator()
                    + "]";
        }
        return isEmpty() ? "SslDiffieHellmanParameters[empty]" : "SslDiffieHellmanParameters[" + error + ": "
                + errorString + "]";
    }
}
