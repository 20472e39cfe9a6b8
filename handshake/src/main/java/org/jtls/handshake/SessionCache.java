package org.jtls.handshake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded, expiring store of sessions, safe to share between connections (and threads). Servers
 * key it by session id, clients by "host:port". The oldest entry goes when the cache is full, and an
 * entry older than the lifetime is never returned.
 */
public final class SessionCache {
    private final int capacity;
    private final Duration lifetime;
    private final Clock clock;
    private final LinkedHashMap<String, Session> entries;

    public SessionCache(int capacity, Duration lifetime, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("session cache capacity must be positive");
        }
        this.capacity = capacity;
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > SessionCache.this.capacity;
            }
        };
    }

    public synchronized void put(String key, Session session) {
        entries.put(Objects.requireNonNull(key), Objects.requireNonNull(session));
    }

    /** The session under {@code key} if present and not expired (an expired one is dropped). */
    public synchronized Optional<Session> get(String key) {
        Session session = entries.get(key);
        if (session == null) {
            return Optional.empty();
        }
        if (expired(session)) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public synchronized void remove(String key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    public Duration lifetime() {
        return lifetime;
    }

    boolean expired(Session session) {
        Instant now = clock.instant();
        return session.created().plus(lifetime).isBefore(now);
    }
}
