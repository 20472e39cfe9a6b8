package org.jtls.crypto;

import java.security.SecureRandom;

/**
 * Key agreement for one group, in the shape TLS 1.3's key_share needs, which also covers TLS 1.2's
 * ECDHE and DHE:
 * <ul>
 *   <li>the initiator calls {@link #generate} and sends {@link KeyShare#publicValue()};</li>
 *   <li>the responder calls {@link #respond} on that value: it returns its own value to send back and
 *       the shared secret (for Diffie-Hellman: a fresh share and the agreement; for a KEM: the
 *       encapsulation);</li>
 *   <li>the initiator calls {@link #complete} with the response to obtain the same secret.</li>
 * </ul>
 *
 * <p>Every peer value is validated: wrong length, a point not on the curve, the identity, a
 * Diffie-Hellman value outside [2, p-2], an ML-KEM encapsulation key failing the FIPS 203 §7.2
 * check, or an all-zero shared secret throw {@link InvalidKeyShareException}.
 *
 * <p>Secret formats: ECDH gives the x-coordinate, X25519/X448 the u-coordinate, finite-field DH the
 * secret left-padded to the length of p (TLS 1.3 §7.4.1; TLS 1.2 strips leading zeros itself,
 * RFC 5246 §8.1.2), ML-KEM its 32-byte shared key, and a hybrid the concatenation its draft defines.
 */
public interface KeyExchange {
    /** A short name for messages: the group name. */
    String name();

    KeyShare generate(SecureRandom random);

    /** The responder's half: its public value and the shared secret. */
    Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException;

    /** The initiator's half: the shared secret from the responder's value. */
    byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException;

    /** What the responder sends back, and the secret both sides now hold. */
    record Response(byte[] publicValue, byte[] sharedSecret) {
    }
}
