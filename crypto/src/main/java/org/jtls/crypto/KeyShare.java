package org.jtls.crypto;

/**
 * One side's ephemeral key-exchange value: the public part to send, and the secret part that stays
 * inside the {@link KeyExchange} that made it. Pass it back only to that same {@code KeyExchange}.
 */
public interface KeyShare {
    /** The bytes that go on the wire (TLS 1.3 {@code key_exchange}, TLS 1.2 ECPoint or dh_Ys). */
    byte[] publicValue();
}
