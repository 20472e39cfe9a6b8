package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jtls.crypto.CryptoBackends;
import org.junit.jupiter.api.Test;

/** The test-only {@link TicketKeys#admitForTesting} seam answers for exactly the admitted ticket. */
class TicketKeysSeamTest {
    private static TicketKeys keys() {
        return new TicketKeys(CryptoBackends.bouncyCastle(), new SecureRandom(), Clock.systemUTC(),
                Duration.ofHours(1), Duration.ofHours(2));
    }

    @Test
    void withoutTheSeamAForeignTicketDoesNotOpen() {
        byte[] foreign = new byte[64];
        assertEquals(Optional.empty(), keys().open(foreign));
    }

    @Test
    void anAdmittedTicketOpensToItsStateAndNothingElseChanges() {
        TicketKeys keys = keys();
        byte[] foreign = new byte[64];
        byte[] state = {1, 2, 3};
        byte[] sealed = keys.seal(new byte[] {9});
        TicketKeysTestSeam.admit(keys, foreign, state);
        assertArrayEquals(state, keys.open(foreign).orElseThrow());
        byte[] other = foreign.clone();
        other[63] = 1;
        assertTrue(keys.open(other).isEmpty());
        assertTrue(keys.open(Arrays.copyOf(foreign, 63)).isEmpty());
        assertArrayEquals(new byte[] {9}, keys.open(sealed).orElseThrow());
    }
}
