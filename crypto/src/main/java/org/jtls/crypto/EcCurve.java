package org.jtls.crypto;

/** The NIST prime curves TLS uses (RFC 8422), with their field size. */
public enum EcCurve {
    P256("secp256r1", "1.2.840.10045.3.1.7", 32),
    P384("secp384r1", "1.3.132.0.34", 48),
    P521("secp521r1", "1.3.132.0.35", 66);

    private final String secName;
    private final String oid;
    private final int fieldLength;

    EcCurve(String secName, String oid, int fieldLength) {
        this.secName = secName;
        this.oid = oid;
        this.fieldLength = fieldLength;
    }

    /** The SEC 2 name, which is also the JCA's ({@code "secp256r1"}). */
    public String secName() {
        return secName;
    }

    /** The named-curve OID (RFC 5480). */
    public String oid() {
        return oid;
    }

    /** Bytes in one coordinate and in the ECDH shared secret. */
    public int fieldLength() {
        return fieldLength;
    }

    /** Length of an uncompressed point: {@code 04 || x || y}. */
    public int uncompressedPointLength() {
        return 1 + 2 * fieldLength;
    }
}
