package org.jtls.x509.algorithm;

/**
 * An algorithm identifier that jtls reads but cannot use: MD5 or MD2 signatures, DSA, unusual
 * RSASSA-PSS parameters, an OID it does not know, or parameters that do not fit the algorithm.
 */
public class UnsupportedAlgorithmException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsupportedAlgorithmException(String message) {
        super(message);
    }

    public UnsupportedAlgorithmException(String message, Throwable cause) {
        super(message, cause);
    }
}
