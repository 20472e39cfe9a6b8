package org.jtls.handshake;

import java.util.List;

/**
 * Server: the certificates to choose from for the name a client asked for (server_name, RFC 6066
 * §3), best first; the handshake then picks the first that fits the negotiated suite and
 * signature algorithms, trying first the chains signed only with what the client's
 * signature_algorithms_cert (else signature_algorithms) lists and skipping leaves whose Key Usage
 * forbids the operation (see {@link CertificateSignatures}). An empty list refuses the name with a
 * fatal unrecognized_name alert.
 */
@FunctionalInterface
public interface CertificateSelector {
    /** @param serverName the client's SNI host name, or null when it sent none */
    List<CertifiedKey> select(String serverName);
}
