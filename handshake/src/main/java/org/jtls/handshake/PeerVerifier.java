package org.jtls.handshake;

import java.util.List;

/**
 * Decides whether the peer's certificate chain is acceptable. The engine calls it once the chain
 * has arrived (and, for the server's chain, before trusting its key for anything); the answer is a
 * list of problems, empty when the chain is acceptable. The engine aborts with
 * {@code bad_certificate} (or the more specific alert a problem names) unless the list is empty or
 * the configuration says to report and continue.
 */
@FunctionalInterface
public interface PeerVerifier {
    /**
     * @param chain      the peer's certificates as sent, leaf first, DER
     * @param serverName the name the client wants to reach (client side), or null
     * @param peerRole   whose chain this is
     */
    List<String> verify(List<byte[]> chain, String serverName, Role peerRole);

    /**
     * As {@link #verify(List, String, Role)}, with the OCSP response the server stapled (RFC 6066 §8),
     * if it stapled one. The default ignores the response; a verifier that checks revocation
     * overrides this.
     */
    default List<String> verify(List<byte[]> chain, String serverName, Role peerRole, byte[] stapledOcspResponse) {
        return verify(chain, serverName, peerRole);
    }

    /** Accepts every chain: for tests and for callers that verify after the handshake themselves. */
    PeerVerifier ACCEPT_ANY = (chain, serverName, peerRole) -> List.of();
}
