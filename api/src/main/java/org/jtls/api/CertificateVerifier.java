package org.jtls.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.CryptoBackend;

/**
 * Decides what is wrong with a peer's certificate chain, as a list of {@link SslError}s (empty when
 * nothing is). A socket asks it once the chain has arrived; what happens next is the socket's
 * {@link PeerVerifyMode}'s business, not the verifier's. Configured with
 * {@link SslConfiguration.Builder#certificateVerifier}; the default is {@link #pathValidation()},
 * RFC 5280 path validation ({@code org.jtls.x509.path}).
 *
 * <p>Implementations must be thread-safe: one configuration serves many sockets.
 */
@FunctionalInterface
public interface CertificateVerifier {
    /** Which extended key usage the leaf needs (RFC 5280 §4.2.1.12). */
    enum Purpose {
        /** The leaf authenticates a TLS server (id-kp-serverAuth). */
        SERVER_AUTH,
        /** The leaf authenticates a TLS client (id-kp-clientAuth). */
        CLIENT_AUTH,
        /** No particular purpose: {@link SslCertificate#verify} checks chains this way. */
        ANY
    }

    /**
     * What to verify.
     *
     * @param chain                the peer's certificates as sent, leaf first
     * @param trustAnchors         the CA certificates to trust
     * @param peerName             the host name or IP literal the leaf must be for, or null to skip
     *                             the name check
     * @param purpose              what the leaf is used for
     * @param maxDepth             most certificates to check from the leaf up, the anchor included;
     *                             0 for no limit (Qt's {@code peerVerifyDepth})
     * @param time                 when the certificates must be valid
     * @param stapledOcspResponse  the DER OCSP response the server stapled, or null
     * @param ocspStaplingRequired whether a good stapled response is required (the client asked for one)
     * @param crypto               for signature checks
     */
    record Request(List<SslCertificate> chain, List<SslCertificate> trustAnchors, String peerName, Purpose purpose,
            int maxDepth, Instant time, byte[] stapledOcspResponse, boolean ocspStaplingRequired,
            CryptoBackend crypto) {
        public Request {
            chain = List.copyOf(chain);
            trustAnchors = List.copyOf(trustAnchors);
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(crypto, "crypto");
            stapledOcspResponse = stapledOcspResponse == null ? null : stapledOcspResponse.clone();
            if (maxDepth < 0) {
                throw new IllegalArgumentException("maxDepth must not be negative");
            }
        }

        @Override
        public byte[] stapledOcspResponse() {
            return stapledOcspResponse == null ? null : stapledOcspResponse.clone();
        }

        public Optional<String> peerNameIfAny() {
            return Optional.ofNullable(peerName);
        }
    }

    List<SslError> verify(Request request);

    /**
     * RFC 5280 path validation from the leaf through the certificates the peer sent to a trust
     * anchor, with the name, purpose, depth and stapled-OCSP checks: see
     * {@link PathValidationVerifier}. The default of every {@link SslConfiguration}.
     */
    static CertificateVerifier pathValidation() {
        return PathValidationVerifier.INSTANCE;
    }
}
