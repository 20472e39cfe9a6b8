package org.jtls.x509.key;

import java.util.List;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.SignatureAlgorithm;

/** The key types the fixtures cover, with how {@code openssl genpkey} makes each and how each signs. */
public enum KeyKind {
    RSA(List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"), SignatureAlgorithm.RSA_PSS_SHA256,
            KeyPairSpec.rsa(2048)),
    EC_P256(ec("P-256"), SignatureAlgorithm.ECDSA_SHA256, KeyPairSpec.ec(EcCurve.P256)),
    EC_P384(ec("P-384"), SignatureAlgorithm.ECDSA_SHA384, KeyPairSpec.ec(EcCurve.P384)),
    EC_P521(ec("P-521"), SignatureAlgorithm.ECDSA_SHA512, KeyPairSpec.ec(EcCurve.P521)),
    ED25519(List.of("-algorithm", "ED25519"), SignatureAlgorithm.ED25519, new KeyPairSpec.Ed(EdwardsCurve.ED25519)),
    ED448(List.of("-algorithm", "ED448"), SignatureAlgorithm.ED448, new KeyPairSpec.Ed(EdwardsCurve.ED448));

    private final List<String> genpkeyArguments;
    private final SignatureAlgorithm signatureAlgorithm;
    private final KeyPairSpec spec;

    KeyKind(List<String> genpkeyArguments, SignatureAlgorithm signatureAlgorithm, KeyPairSpec spec) {
        this.genpkeyArguments = genpkeyArguments;
        this.signatureAlgorithm = signatureAlgorithm;
        this.spec = spec;
    }

    private static List<String> ec(String curve) {
        return List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-pkeyopt",
                "ec_param_enc:named_curve");
    }

    public List<String> genpkeyArguments() {
        return genpkeyArguments;
    }

    public SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPairSpec spec() {
        return spec;
    }

    /** The {@code openssl rsa} or {@code openssl ec} command for traditional files. */
    public String traditionalCommand() {
        return this == RSA ? "rsa" : "ec";
    }
}
