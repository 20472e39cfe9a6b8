package org.jtls.x509.name;

import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.StringType;

/**
 * Attribute types seen in certificate names, with the short names OpenSSL and RFC 4514 print and
 * the string type a new value of each is written in (RFC 5280 Appendix A.1: country and serial
 * number are PrintableString, e-mail and domain components IA5String, the rest DirectoryString,
 * for which jtls writes PrintableString when the value allows and UTF8String otherwise).
 */
public enum AttributeType {
    COMMON_NAME("2.5.4.3", "CN", null),
    SURNAME("2.5.4.4", "SN", null),
    SERIAL_NUMBER("2.5.4.5", "serialNumber", StringType.PRINTABLE_STRING),
    COUNTRY("2.5.4.6", "C", StringType.PRINTABLE_STRING),
    LOCALITY("2.5.4.7", "L", null),
    STATE_OR_PROVINCE("2.5.4.8", "ST", null),
    STREET("2.5.4.9", "street", null),
    ORGANIZATION("2.5.4.10", "O", null),
    ORGANIZATIONAL_UNIT("2.5.4.11", "OU", null),
    TITLE("2.5.4.12", "title", null),
    DESCRIPTION("2.5.4.13", "description", null),
    BUSINESS_CATEGORY("2.5.4.15", "businessCategory", null),
    POSTAL_CODE("2.5.4.17", "postalCode", null),
    NAME("2.5.4.41", "name", null),
    GIVEN_NAME("2.5.4.42", "GN", null),
    INITIALS("2.5.4.43", "initials", null),
    GENERATION_QUALIFIER("2.5.4.44", "generationQualifier", null),
    DN_QUALIFIER("2.5.4.46", "dnQualifier", StringType.PRINTABLE_STRING),
    PSEUDONYM("2.5.4.65", "pseudonym", null),
    ORGANIZATION_IDENTIFIER("2.5.4.97", "organizationIdentifier", null),
    EMAIL_ADDRESS("1.2.840.113549.1.9.1", "emailAddress", StringType.IA5_STRING),
    DOMAIN_COMPONENT("0.9.2342.19200300.100.1.25", "DC", StringType.IA5_STRING),
    USER_ID("0.9.2342.19200300.100.1.1", "UID", null),
    JURISDICTION_LOCALITY("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL", null),
    JURISDICTION_STATE_OR_PROVINCE("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST", null),
    JURISDICTION_COUNTRY("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", StringType.PRINTABLE_STRING);

    private final ObjectIdentifier oid;
    private final String shortName;
    private final StringType fixedStringType;

    AttributeType(String oid, String shortName, StringType fixedStringType) {
        this.oid = ObjectIdentifier.of(oid);
        this.shortName = shortName;
        this.fixedStringType = fixedStringType;
    }

    public ObjectIdentifier oid() {
        return oid;
    }

    /** The name printed in string forms: {@code CN}, {@code O}, {@code emailAddress}, ... */
    public String shortName() {
        return shortName;
    }

    /** The type of this OID, or {@code null}. */
    public static AttributeType forOid(ObjectIdentifier oid) {
        for (AttributeType type : values()) {
            if (type.oid.equals(oid)) {
                return type;
            }
        }
        return null;
    }

    /** The type with this short name (case-insensitive; {@code E} is accepted for e-mail), or {@code null}. */
    public static AttributeType forShortName(String name) {
        if (name.equalsIgnoreCase("E")) {
            return EMAIL_ADDRESS;
        }
        for (AttributeType type : values()) {
            if (type.shortName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }

    /** The string type a new value is written in. */
    StringType stringTypeFor(String value) {
        if (fixedStringType != null) {
            return fixedStringType;
        }
        return StringType.PRINTABLE_STRING.canEncode(value) ? StringType.PRINTABLE_STRING : StringType.UTF8_STRING;
    }
}
