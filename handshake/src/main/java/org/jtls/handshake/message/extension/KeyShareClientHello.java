package org.jtls.handshake.message.extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * key_share in a ClientHello (RFC 8446 §4.2.8): {@code KeyShareEntry client_shares<0..2^16-1>}, in
 * preference order, at most one per group. Empty is legal: the client asks the server to pick a
 * group in a HelloRetryRequest.
 */
public record KeyShareClientHello(List<KeyShareEntry> clientShares) implements Extension {
    public KeyShareClientHello {
        clientShares = List.copyOf(clientShares);
        long encoded = 0;
        for (KeyShareEntry share : clientShares) {
            encoded += share.encodedLength();
        }
        if (encoded > 0xFFFF) {
            throw new IllegalArgumentException("client_shares encode to " + encoded + " bytes");
        }
        if (repeatsAGroup(clientShares)) {
            throw new IllegalArgumentException("client_shares has two shares for one group (RFC 8446 §4.2.8)");
        }
    }

    /** The share for {@code group}, if the client sent one. */
    public Optional<KeyShareEntry> shareFor(NamedGroup group) {
        for (KeyShareEntry share : clientShares) {
            if (share.groupCode() == group.code()) {
                return Optional.of(share);
            }
        }
        return Optional.empty();
    }

    @Override
    public int typeCode() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.startVector(2, 0xFFFF);
        for (KeyShareEntry share : clientShares) {
            share.encode(writer);
        }
        writer.endVector();
    }

    public static KeyShareClientHello decode(TlsReader data) throws TlsAlertException {
        TlsReader list = data.vector(2, 0, 0xFFFF, 1, "client_shares");
        List<KeyShareEntry> shares = new ArrayList<>();
        while (list.hasRemaining()) {
            shares.add(KeyShareEntry.decode(list));
        }
        data.expectEnd("key_share");
        if (repeatsAGroup(shares)) {
            // RFC 8446 §4.2.8: "Clients MUST NOT offer multiple KeyShareEntry values for the same
            // group ... Servers MAY check for violations of these rules and abort the handshake
            // with an "illegal_parameter" alert".
            throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                    "key_share offers two shares for the same group");
        }
        return new KeyShareClientHello(shares);
    }

    private static boolean repeatsAGroup(List<KeyShareEntry> shares) {
        Set<Integer> groups = new HashSet<>();
        for (KeyShareEntry share : shares) {
            if (!groups.add(share.groupCode())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "key_share{client_shares=" + clientShares + "}";
    }
}
