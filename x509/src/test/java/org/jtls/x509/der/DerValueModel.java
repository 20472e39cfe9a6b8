package org.jtls.x509.der;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A small model of DER values for properties: each value writes itself with {@link DerWriter} and
 * is read back by peeking at the tag, so a tree of values round-trips through both.
 */
sealed interface DerValueModel {
    void write(DerWriter writer);

    record IntegerValue(BigInteger value) implements DerValueModel {
        public void write(DerWriter writer) {
            writer.writeInteger(value);
        }
    }

    record BooleanValue(boolean value) implements DerValueModel {
        public void write(DerWriter writer) {
            writer.writeBoolean(value);
        }
    }

    record OctetsValue(String hex) implements DerValueModel {
        public void write(DerWriter writer) {
            writer.writeOctetString(HexFormat.of().parseHex(hex));
        }
    }

    record OidValue(String dotted) implements DerValueModel {
        public void write(DerWriter writer) {
            writer.writeOid(ObjectIdentifier.of(dotted));
        }
    }

    record StringValue(StringType type, String value) implements DerValueModel {
        public void write(DerWriter writer) {
            writer.writeString(type, value);
        }
    }

    record TimeValue(DerTime time) implements DerValueModel {
        public void write(DerWriter writer) {
            writer.writeTime(time);
        }
    }

    record SequenceValue(List<DerValueModel> children) implements DerValueModel {
        public void write(DerWriter writer) {
            writer.writeSequence(sequence -> children.forEach(child -> child.write(sequence)));
        }
    }

    /** {@code [number] EXPLICIT}. */
    record TaggedValue(int number, DerValueModel inner) implements DerValueModel {
        public void write(DerWriter writer) {
            writer.writeExplicit(number, explicit -> inner.write(explicit));
        }
    }

    static DerValueModel read(DerReader reader) throws DerException {
        Tag tag = reader.peekTag();
        if (tag.equals(Tag.INTEGER)) {
            return new IntegerValue(reader.readInteger());
        } else if (tag.equals(Tag.BOOLEAN)) {
            return new BooleanValue(reader.readBoolean());
        } else if (tag.equals(Tag.OCTET_STRING)) {
            return new OctetsValue(HexFormat.of().formatHex(reader.readOctetString()));
        } else if (tag.equals(Tag.OBJECT_IDENTIFIER)) {
            return new OidValue(reader.readOid().toString());
        } else if (tag.equals(Tag.UTC_TIME) || tag.equals(Tag.GENERALIZED_TIME)) {
            return new TimeValue(reader.readTime());
        } else if (tag.equals(Tag.SEQUENCE)) {
            DerReader sequence = reader.readSequence();
            List<DerValueModel> children = new ArrayList<>();
            while (sequence.hasRemaining()) {
                children.add(read(sequence));
            }
            sequence.end();
            return new SequenceValue(children);
        } else if (tag.tagClass() == TagClass.CONTEXT_SPECIFIC && tag.constructed()) {
            DerReader explicit = reader.readExplicit(tag.number());
            DerValueModel inner = read(explicit);
            explicit.end();
            return new TaggedValue(tag.number(), inner);
        }
        DerString string = reader.readAnyString();
        return new StringValue(string.type(), string.value());
    }

    // ---- generators ----

    static Arbitrary<BigInteger> integers() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40).map(BigInteger::new);
    }

    static Arbitrary<String> oids() {
        Arbitrary<String> firstTwo = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 39))
                        .as((first, second) -> first + "." + second),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2).map(second -> "2." + second));
        Arbitrary<String> arc = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 300).map(String::valueOf),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(128)).map(String::valueOf));
        return Combinators.combine(firstTwo, arc.list().ofMaxSize(8))
                .as((prefix, arcs) -> arcs.isEmpty() ? prefix : prefix + "." + String.join(".", arcs));
    }

    static Arbitrary<StringValue> strings() {
        return Arbitraries.of(StringType.class).flatMap(type -> charsFor(type).list().ofMaxSize(40)
                .map(chars -> {
                    StringBuilder text = new StringBuilder();
                    chars.forEach(text::appendCodePoint);
                    return new StringValue(type, text.toString());
                }));
    }

    private static Arbitrary<Integer> charsFor(StringType type) {
        return switch (type) {
            case PRINTABLE_STRING -> Arbitraries.of(
                    "ABCXYZabcxyz0189 '()+,-./:=?".chars().boxed().toList());
            case NUMERIC_STRING -> Arbitraries.of("0123456789 ".chars().boxed().toList());
            case IA5_STRING -> Arbitraries.integers().between(0, 0x7F);
            case VISIBLE_STRING -> Arbitraries.integers().between(0x20, 0x7E);
            case TELETEX_STRING -> Arbitraries.integers().between(0, 0xFF);
            case BMP_STRING -> Arbitraries.integers().between(0, 0xFFFF).filter(c -> c < 0xD800 || c > 0xDFFF);
            case UTF8_STRING, UNIVERSAL_STRING -> Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                    .filter(c -> c < 0xD800 || c > 0xDFFF);
        };
    }

    static Arbitrary<DerTime> times() {
        long utcStart = Instant.parse("1950-01-01T00:00:00Z").getEpochSecond();
        long utcEnd = Instant.parse("2049-12-31T23:59:59Z").getEpochSecond();
        long generalizedStart = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long generalizedEnd = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        return Arbitraries.oneOf(
                Arbitraries.longs().between(utcStart, utcEnd)
                        .map(seconds -> new DerTime(Instant.ofEpochSecond(seconds), DerTime.Encoding.UTC_TIME)),
                Arbitraries.longs().between(generalizedStart, generalizedEnd)
                        .map(seconds -> new DerTime(Instant.ofEpochSecond(seconds), DerTime.Encoding.GENERALIZED_TIME)));
    }

    static Arbitrary<DerValueModel> values(int depth) {
        Arbitrary<DerValueModel> leaves = Arbitraries.oneOf(
                integers().map(IntegerValue::new),
                Arbitraries.of(true, false).map(BooleanValue::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(b -> new OctetsValue(HexFormat.of().formatHex(b))),
                oids().map(OidValue::new),
                strings().map(value -> value),
                times().map(TimeValue::new));
        if (depth == 0) {
            return leaves;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaves),
                net.jqwik.api.Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(SequenceValue::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 40), values(depth - 1))
                        .as(TaggedValue::new)));
    }
}
