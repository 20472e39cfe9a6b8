package org.jtls.crypto;

/** The Edwards curves for EdDSA signatures (RFC 8032). */
public enum EdwardsCurve {
    ED25519("Ed25519", "1.3.101.112", 32, 32, 64),
    ED448("Ed448", "1.3.101.113", 57, 57, 114);

    private final String standardName;
    private final String oid;
    private final int privateKeyLength;
    private final int publicKeyLength;
    private final int signatureLength;

    EdwardsCurve(String standardName, String oid, int privateKeyLength, int publicKeyLength, int signatureLength) {
        this.standardName = standardName;
        this.oid = oid;
        this.privateKeyLength = privateKeyLength;
        this.publicKeyLength = publicKeyLength;
        this.signatureLength = signatureLength;
    }

    public String standardName() {
        return standardName;
    }

    /** The algorithm OID (RFC 8410). */
    public String oid() {
        return oid;
    }

    public int privateKeyLength() {
        return privateKeyLength;
    }

    public int publicKeyLength() {
        return publicKeyLength;
    }

    public int signatureLength() {
        return signatureLength;
    }
}
