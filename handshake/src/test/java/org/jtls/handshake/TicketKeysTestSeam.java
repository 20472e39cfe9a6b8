package org.jtls.handshake;

/** Test sources only: reaches {@link TicketKeys#admitForTesting} from tests in other packages. */
public final class TicketKeysTestSeam {
    private TicketKeysTestSeam() {
    }

    /** Makes {@code keys} open {@code ticket}, which another server sealed, to {@code state}. */
    public static void admit(TicketKeys keys, byte[] ticket, byte[] state) {
        keys.admitForTesting(ticket, state);
    }
}
