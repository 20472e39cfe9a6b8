package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/**
 * {@code KeyUsage ::= BIT STRING} of named bits (RFC 5280 §4.2.1.3). The bit string is kept as
 * encoded, so a value with trailing zero bits (not DER for a named-bit list, X.690 §11.2.2, but
 * unambiguous and seen in old certificates) is read and re-encoded unchanged; bits past
 * decipherOnly are kept but have no name.
 */
public record KeyUsage(BitString bits) implements ExtensionValue {
    /** The named bits, in bit order. */
    public enum Bit {
        DIGITAL_SIGNATURE("Digital Signature"),
        /** Also called contentCommitment. */
        NON_REPUDIATION("Non Repudiation"),
        KEY_ENCIPHERMENT("Key Encipherment"),
        DATA_ENCIPHERMENT("Data Encipherment"),
        KEY_AGREEMENT("Key Agreement"),
        KEY_CERT_SIGN("Certificate Sign"),
        CRL_SIGN("CRL Sign"),
        ENCIPHER_ONLY("Encipher Only"),
        DECIPHER_ONLY("Decipher Only");

        private final String displayName;

        Bit(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    public KeyUsage {
        Objects.requireNonNull(bits, "bits");
    }

    public static KeyUsage of(Bit... usages) {
        BitSet set = new BitSet();
        for (Bit usage : usages) {
            set.set(usage.ordinal());
        }
        return new KeyUsage(BitString.ofNamedBits(set));
    }

    static KeyUsage decode(DerReader reader) throws DerException {
        return new KeyUsage(reader.readBitString());
    }

    public boolean has(Bit usage) {
        return bits.isSet(usage.ordinal());
    }

    public Set<Bit> usages() {
        Set<Bit> usages = EnumSet.noneOf(Bit.class);
        for (Bit usage : Bit.values()) {
            if (has(usage)) {
                usages.add(usage);
            }
        }
        return usages;
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.KEY_USAGE;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeBitString(bits);
    }

    @Override
    public String describe() {
        List<String> names = new ArrayList<>();
        usages().forEach(usage -> names.add(usage.displayName()));
        return String.join(", ", names);
    }
}
