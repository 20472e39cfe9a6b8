package org.jtls.x509.der;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * An OBJECT IDENTIFIER, held both as its DER content octets and as its dotted string
 * ({@code "1.2.840.113549.1.1.11"}). Arcs may be arbitrarily large in ASN.1 (UUID-based OIDs under
 * {@code 2.25} carry 128-bit arcs); jtls accepts arcs of up to {@value #MAX_ARC_BITS} bits.
 */
public final class ObjectIdentifier {
    /** Enough for a 128-bit UUID arc; a hostile 1 MiB arc is refused before it costs anything. */
    static final int MAX_ARC_BITS = 140;
    private static final int MAX_SUBIDENTIFIER_OCTETS = MAX_ARC_BITS / 7;

    private final byte[] content;
    private final String dotted;

    private ObjectIdentifier(byte[] content, String dotted) {
        this.content = content;
        this.dotted = dotted;
    }

    /**
     * Parses a dotted OID.
     *
     * @throws IllegalArgumentException unless it has at least two arcs, the first 0, 1 or 2, the
     *         second below 40 when the first is 0 or 1, every arc a decimal number without leading
     *         zeros
     */
    public static ObjectIdentifier of(String dotted) {
        Objects.requireNonNull(dotted, "dotted");
        String[] parts = dotted.split("\\.", -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("an OID needs at least two arcs: '" + dotted + "'");
        }
        BigInteger[] arcs = new BigInteger[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw new IllegalArgumentException("bad OID arc '" + part + "' in '" + dotted + "'");
            }
            arcs[i] = new BigInteger(part);
            if (arcs[i].bitLength() > MAX_ARC_BITS) {
                throw new IllegalArgumentException("OID arc longer than " + MAX_ARC_BITS + " bits in '" + dotted + "'");
            }
        }
        int first = arcs[0].intValue();
        if (arcs[0].compareTo(BigInteger.TWO) > 0 || (first < 2 && arcs[1].compareTo(BigInteger.valueOf(40)) >= 0)) {
            throw new IllegalArgumentException("first arcs out of range in '" + dotted + "'");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // X.690 §8.19.4: the first two arcs share one subidentifier, 40 * first + second.
        writeSubidentifier(out, BigInteger.valueOf(40L * first).add(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeSubidentifier(out, arcs[i]);
        }
        return new ObjectIdentifier(out.toByteArray(), dotted);
    }

    /** Decodes content octets (X.690 §8.19) as the reader found them at {@code offset}. */
    static ObjectIdentifier fromContent(byte[] content, int offset) throws DerException {
        if (content.length == 0) {
            throw new DerException("OBJECT IDENTIFIER with no content octets", offset);
        }
        StringBuilder dotted = new StringBuilder();
        int start = 0;
        boolean firstSubidentifier = true;
        while (start < content.length) {
            if ((content[start] & 0xFF) == 0x80) {
                // X.690 §8.19.2: a subidentifier is encoded in the fewest possible octets.
                throw new DerException("OID subidentifier starts with 0x80 (not minimal)", offset + start);
            }
            int end = start;
            while (end < content.length && (content[end] & 0x80) != 0) {
                end++;
            }
            if (end == content.length) {
                throw new DerException("OID ends inside a subidentifier", offset + content.length - 1);
            }
            int octets = end - start + 1;
            if (octets > MAX_SUBIDENTIFIER_OCTETS) {
                throw new DerException("OID arc longer than " + MAX_ARC_BITS + " bits", offset + start);
            }
            BigInteger value = subidentifierValue(content, start, end);
            if (firstSubidentifier) {
                appendFirstArcs(dotted, value);
                firstSubidentifier = false;
            } else {
                dotted.append('.').append(value);
            }
            start = end + 1;
        }
        return new ObjectIdentifier(content.clone(), dotted.toString());
    }

    private static BigInteger subidentifierValue(byte[] content, int start, int end) {
        if (end - start < 8) {
            long value = 0;
            for (int i = start; i <= end; i++) {
                value = (value << 7) | (content[i] & 0x7F);
            }
            return BigInteger.valueOf(value);
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = start; i <= end; i++) {
            value = value.shiftLeft(7).or(BigInteger.valueOf(content[i] & 0x7F));
        }
        return value;
    }

    private static void appendFirstArcs(StringBuilder dotted, BigInteger firstSubidentifier) {
        BigInteger eighty = BigInteger.valueOf(80);
        if (firstSubidentifier.compareTo(BigInteger.valueOf(40)) < 0) {
            dotted.append("0.").append(firstSubidentifier);
        } else if (firstSubidentifier.compareTo(eighty) < 0) {
            dotted.append("1.").append(firstSubidentifier.subtract(BigInteger.valueOf(40)));
        } else {
            dotted.append("2.").append(firstSubidentifier.subtract(eighty));
        }
    }

    private static void writeSubidentifier(ByteArrayOutputStream out, BigInteger value) {
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = value.shiftRight(7 * i).intValue() & 0x7F;
            out.write(i > 0 ? group | 0x80 : group);
        }
    }

    /** The DER content octets (without tag and length). */
    public byte[] contentOctets() {
        return content.clone();
    }

    /** Whether this OID lies under {@code prefix} (or equals it). */
    public boolean startsWith(ObjectIdentifier prefix) {
        return dotted.equals(prefix.dotted) || dotted.startsWith(prefix.dotted + ".");
    }

    /** The dotted form. */
    @Override
    public String toString() {
        return dotted;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectIdentifier that && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(content);
    }
}
