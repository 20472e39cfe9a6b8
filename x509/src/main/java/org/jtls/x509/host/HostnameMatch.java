package org.jtls.x509.host;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a certificate against a reference identity: whether it matched, by which
 * kind of presented identifier, and in words why or why not.
 *
 * @param outcome what happened
 * @param reference the reference identity as it was compared (normalised), or the text given when
 *        it was not a valid identity
 * @param presentedIdentifier the certificate's identifier that matched, or {@code null}
 * @param explanation one sentence for a log or an error dialog, naming the identifiers that were
 *        compared and those that were ignored and why
 */
public record HostnameMatch(Outcome outcome, String reference, String presentedIdentifier, String explanation) {
    public enum Outcome {
        /** A subjectAltName dNSName equals the reference. */
        MATCHED_DNS_NAME(true),
        /** A subjectAltName dNSName of the form {@code *.rest} matches the reference. */
        MATCHED_WILDCARD_DNS_NAME(true),
        /** A subjectAltName iPAddress holds the reference's octets. */
        MATCHED_IP_ADDRESS(true),
        /** The certificate has no subjectAltName and its most specific common name matches (legacy, off by default). */
        MATCHED_COMMON_NAME(true),
        /** A subjectAltName rfc822Name equals the reference e-mail address. */
        MATCHED_EMAIL_ADDRESS(true),
        /** A subjectAltName uniformResourceIdentifier has the reference's scheme and host. */
        MATCHED_URI(true),
        /** The reference is not a valid host name, IP literal, e-mail address or URI. */
        INVALID_REFERENCE_IDENTITY(false),
        /** The certificate has no subjectAltName, and the common-name fallback was not allowed. */
        NO_SUBJECT_ALT_NAME(false),
        /**
         * The certificate presents no identifier of the reference's type: its subjectAltName has
         * no entry of that type (so its common name is not consulted), or it has neither a
         * subjectAltName nor a common name.
         */
        NO_IDENTIFIER_OF_TYPE(false),
        /** Identifiers of the reference's type are present and none matches. */
        NO_MATCH(false);

        private final boolean matched;

        Outcome(boolean matched) {
            this.matched = matched;
        }

        public boolean matched() {
            return matched;
        }
    }

    public HostnameMatch {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(explanation, "explanation");
        if (outcome.matched() != (presentedIdentifier != null)) {
            throw new IllegalArgumentException("a match names the presented identifier, a failure none");
        }
    }

    public boolean matched() {
        return outcome.matched();
    }

    public Optional<String> matchedIdentifier() {
        return Optional.ofNullable(presentedIdentifier);
    }

    @Override
    public String toString() {
        return outcome + ": " + explanation;
    }
}
