package org.jtls.handshake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.CryptoBackend;

/**
 * The keys that seal session tickets (RFC 5077 §4 recommends this shape): a ticket is
 * {@code key_name[16] || nonce[12] || AES-256-GCM(state)} with the key name as associated data.
 * A new key is made every {@code rotation}; tickets sealed under the previous keys still open
 * until they are older than {@code lifetime}. Thread-safe.
 */
public final class TicketKeys {
    private static final int KEY_NAME_LENGTH = 16;
    private static final int NONCE_LENGTH = AeadAlgorithm.NONCE_LENGTH;

    private final CryptoBackend crypto;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration rotation;
    private final Duration lifetime;
    private final ArrayDeque<Key> keys = new ArrayDeque<>();
    /** Tickets already used for 0-RTT (SHA-256 of the ticket), oldest first: the strike register. */
    private final java.util.LinkedHashSet<String> usedForEarlyData = new java.util.LinkedHashSet<>();
    private static final int STRIKE_REGISTER_SIZE = 100_000;
    /**
     * Tickets another server sealed, each with the state it opens to: filled only by the test-only
     * {@link #admitForTesting}, so always empty in production.
     */
    private final Map<String, byte[]> admittedForTesting = new HashMap<>();

    private record Key(byte[] name, byte[] secret, Instant created) {
    }

    public TicketKeys(CryptoBackend crypto, SecureRandom random, Clock clock, Duration rotation, Duration lifetime) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (rotation.isNegative() || rotation.isZero() || lifetime.compareTo(rotation) < 0) {
            throw new IllegalArgumentException("ticket keys need 0 < rotation <= lifetime");
        }
    }

    /** How long a ticket stays valid; servers announce it as the lifetime hint. */
    public Duration lifetime() {
        return lifetime;
    }

    public synchronized byte[] seal(byte[] state) {
        Key key = currentKey();
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] sealed = crypto.aead(AeadAlgorithm.AES_256_GCM, key.secret()).seal(nonce, key.name(), state);
        byte[] ticket = new byte[KEY_NAME_LENGTH + NONCE_LENGTH + sealed.length];
        System.arraycopy(key.name(), 0, ticket, 0, KEY_NAME_LENGTH);
        System.arraycopy(nonce, 0, ticket, KEY_NAME_LENGTH, NONCE_LENGTH);
        System.arraycopy(sealed, 0, ticket, KEY_NAME_LENGTH + NONCE_LENGTH, sealed.length);
        return ticket;
    }

    /**
     * Test-only seam (package-private; nothing in the library calls it): makes {@link #open} answer
     * {@code state} for exactly {@code ticket}, so that a test can replay a trace whose ticket another
     * server sealed (RFC 8448 §4, whose ticket keys are not given). It changes nothing else.
     */
    synchronized void admitForTesting(byte[] ticket, byte[] state) {
        admittedForTesting.put(HexFormat.of().formatHex(ticket), state.clone());
    }

    /** The state inside {@code ticket}, or empty if no live key made it or it was tampered with. */
    public synchronized Optional<byte[]> open(byte[] ticket) {
        if (!admittedForTesting.isEmpty()) {
            byte[] admitted = admittedForTesting.get(HexFormat.of().formatHex(ticket));
            if (admitted != null) {
                return Optional.of(admitted.clone());
            }
        }
        if (ticket.length < KEY_NAME_LENGTH + NONCE_LENGTH + 16) {
            return Optional.empty();
        }
        dropExpiredKeys();
        byte[] name = Arrays.copyOfRange(ticket, 0, KEY_NAME_LENGTH);
        for (Key key : keys) {
            if (ConstantTime.equals(key.name(), name)) {
                try {
                    byte[] nonce = Arrays.copyOfRange(ticket, KEY_NAME_LENGTH, KEY_NAME_LENGTH + NONCE_LENGTH);
                    byte[] sealed = Arrays.copyOfRange(ticket, KEY_NAME_LENGTH + NONCE_LENGTH, ticket.length);
                    return Optional.of(crypto.aead(AeadAlgorithm.AES_256_GCM, key.secret()).open(nonce, key.name(), sealed));
                } catch (AeadException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private Key currentKey() {
        Instant now = clock.instant();
        Key newest = keys.peekFirst();
        if (newest == null || !newest.created().plus(rotation).isAfter(now)) {
            byte[] name = new byte[KEY_NAME_LENGTH];
            byte[] secret = new byte[32];
            random.nextBytes(name);
            random.nextBytes(secret);
            newest = new Key(name, secret, now);
            keys.addFirst(newest);
        }
        dropExpiredKeys();
        return newest;
    }

    private void dropExpiredKeys() {
        Instant oldestUseful = clock.instant().minus(lifetime).minus(rotation);
        for (Iterator<Key> iterator = keys.descendingIterator(); iterator.hasNext();) {
            Key key = iterator.next();
            if (key.created().isBefore(oldestUseful) && key != keys.peekFirst()) {
                iterator.remove();
            }
        }
    }

    /**
     * Records that {@code ticket} carried 0-RTT data; true only the first time (RFC 8446 §8.1:
     * single-use tickets against replay). When the register is full, early data is refused rather
     * than forgetting a ticket that might be replayed.
     */
    public synchronized boolean firstEarlyDataUse(byte[] ticket) {
        org.jtls.crypto.Digest digest = crypto.digest(org.jtls.crypto.HashAlgorithm.SHA256);
        digest.update(ticket);
        String key = HexFormat.of().formatHex(digest.finish());
        if (usedForEarlyData.contains(key) || usedForEarlyData.size() >= STRIKE_REGISTER_SIZE) {
            return false;
        }
        usedForEarlyData.add(key);
        return true;
    }

    /** Keys currently held (for tests and monitoring). */
    public synchronized int keyCount() {
        return keys.size();
    }
}
