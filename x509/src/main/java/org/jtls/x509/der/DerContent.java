package org.jtls.x509.der;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The DER content rules of each primitive universal type; {@code offset} locates errors. */
final class DerContent {
    private DerContent() {
    }

    /** X.690 §8.3.2: the first nine bits of a multi-octet INTEGER are not all equal. */
    static BigInteger integer(byte[] content, int offset) throws DerException {
        if (content.length == 0) {
            throw new DerException("INTEGER with no content octets", offset);
        }
        if (content.length > 1) {
            int first = content[0] & 0xFF;
            int secondTop = content[1] & 0x80;
            if ((first == 0x00 && secondTop == 0) || (first == 0xFF && secondTop != 0)) {
                throw new DerException("INTEGER has an unnecessary leading 0x" + String.format("%02x", first)
                        + " octet (not minimal)", offset);
            }
        }
        return new BigInteger(content);
    }

    /** X.690 §11.1: DER encodes TRUE as 0xFF and FALSE as 0x00, in exactly one octet. */
    static boolean bool(byte[] content, int offset) throws DerException {
        if (content.length != 1) {
            throw new DerException("BOOLEAN must have exactly one content octet, found " + content.length, offset);
        }
        int value = content[0] & 0xFF;
        if (value != 0x00 && value != 0xFF) {
            throw new DerException(String.format("BOOLEAN must be 0x00 or 0xff in DER, found 0x%02x", value), offset);
        }
        return value == 0xFF;
    }

    static void nullValue(byte[] content, int offset) throws DerException {
        if (content.length != 0) {
            throw new DerException("NULL must have no content octets, found " + content.length, offset);
        }
    }

    static BitString bitString(byte[] content, int offset) throws DerException {
        if (content.length == 0) {
            throw new DerException("BIT STRING with no content octets (needs the unused-bit count)", offset);
        }
        int unusedBits = content[0] & 0xFF;
        byte[] bits = java.util.Arrays.copyOfRange(content, 1, content.length);
        String problem = BitString.problemWith(bits, unusedBits);
        if (problem != null) {
            throw new DerException(problem, offset);
        }
        return new BitString(bits, unusedBits);
    }

    /** RFC 5280 §4.1.2.5.1: YYMMDDHHMMSSZ; YY of 50 or more is 19YY, below 50 is 20YY. */
    static DerTime utcTime(byte[] content, int offset) throws DerException {
        if (content.length != 13 || content[12] != 'Z') {
            throw new DerException("UTCTime must be YYMMDDHHMMSSZ", offset);
        }
        int twoDigitYear = digits(content, 0, 2, offset);
        int year = twoDigitYear >= 50 ? 1900 + twoDigitYear : 2000 + twoDigitYear;
        return new DerTime(dateTime(content, 2, year, offset), DerTime.Encoding.UTC_TIME);
    }

    /** RFC 5280 §4.1.2.5.2: YYYYMMDDHHMMSSZ, no fractional seconds, always Zulu. */
    static DerTime generalizedTime(byte[] content, int offset) throws DerException {
        if (content.length != 15 || content[14] != 'Z') {
            throw new DerException("GeneralizedTime must be YYYYMMDDHHMMSSZ (no fractions, ending in Z)", offset);
        }
        int year = digits(content, 0, 4, offset);
        return new DerTime(dateTime(content, 4, year, offset), DerTime.Encoding.GENERALIZED_TIME);
    }

    private static java.time.Instant dateTime(byte[] content, int at, int year, int offset) throws DerException {
        int month = digits(content, at, 2, offset);
        int day = digits(content, at + 2, 2, offset);
        int hour = digits(content, at + 4, 2, offset);
        int minute = digits(content, at + 6, 2, offset);
        int second = digits(content, at + 8, 2, offset);
        if (month < 1 || month > 12) {
            throw new DerException("month " + month + " out of range", offset + at);
        }
        if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            throw new DerException("day " + day + " out of range for " + year + "-" + month, offset + at + 2);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DerException(String.format("time %02d:%02d:%02d out of range", hour, minute, second),
                    offset + at + 4);
        }
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    private static int digits(byte[] content, int at, int count, int offset) throws DerException {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int c = content[i];
            if (c < '0' || c > '9') {
                throw new DerException("expected a digit in time value", offset + i);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
