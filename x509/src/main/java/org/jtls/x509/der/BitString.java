package org.jtls.x509.der;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A BIT STRING value: octets plus the number of unused bits (0 to 7) in the last one. As DER
 * requires (X.690 §11.2.1), the unused bits are zero and an empty string has none. Bit 0 is the most
 * significant bit of the first octet, which is how ASN.1 named bits ({@code keyUsage}) are numbered.
 */
public final class BitString {
    private final byte[] bytes;
    private final int unusedBits;

    /** @throws IllegalArgumentException if {@code unusedBits} is out of range or those bits are set */
    public BitString(byte[] bytes, int unusedBits) {
        Objects.requireNonNull(bytes, "bytes");
        String problem = problemWith(bytes, unusedBits);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.bytes = bytes.clone();
        this.unusedBits = unusedBits;
    }

    /** Whole octets, as signatures and public keys are carried. */
    public static BitString ofBytes(byte[] bytes) {
        return new BitString(bytes, 0);
    }

    /**
     * A named-bit list value (such as {@code KeyUsage}) with bits {@code setBits} set, encoded the
     * DER way: trailing zero bits removed (X.690 §11.2.2).
     */
    public static BitString ofNamedBits(java.util.BitSet setBits) {
        int length = setBits.length();
        byte[] out = new byte[(length + 7) / 8];
        for (int bit = setBits.nextSetBit(0); bit >= 0; bit = setBits.nextSetBit(bit + 1)) {
            out[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return new BitString(out, out.length * 8 - length);
    }

    static String problemWith(byte[] bytes, int unusedBits) {
        if (unusedBits < 0 || unusedBits > 7) {
            return "BIT STRING unused-bit count " + unusedBits + " is not in 0..7";
        }
        if (bytes.length == 0) {
            return unusedBits == 0 ? null : "empty BIT STRING must have 0 unused bits";
        }
        int unusedMask = (1 << unusedBits) - 1;
        if ((bytes[bytes.length - 1] & unusedMask) != 0) {
            return "BIT STRING unused bits are not zero";
        }
        return null;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int unusedBits() {
        return unusedBits;
    }

    public int bitLength() {
        return bytes.length * 8 - unusedBits;
    }

    /** Whether bit {@code index} is set; bits past the end are clear. */
    public boolean isSet(int index) {
        if (index < 0 || index >= bitLength()) {
            return false;
        }
        return (bytes[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    /** Whether the value is a DER named-bit list: empty, or ending in a set bit (X.690 §11.2.2). */
    public boolean hasNoTrailingZeroBits() {
        return bitLength() == 0 || isSet(bitLength() - 1);
    }

    /** Whether this holds whole octets only. */
    public boolean isOctetAligned() {
        return unusedBits == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BitString that && unusedBits == that.unusedBits && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 8 + unusedBits;
    }

    @Override
    public String toString() {
        return "BitString[" + HexFormat.of().formatHex(bytes) + ", unused " + unusedBits + "]";
    }
}
