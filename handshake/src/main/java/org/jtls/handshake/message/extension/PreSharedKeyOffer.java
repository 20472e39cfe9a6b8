package org.jtls.handshake.message.extension;

import java.util.ArrayList;
import java.util.List;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * pre_shared_key in a ClientHello (RFC 8446 §4.2.11), the {@code OfferedPsks}:
 * <pre>
 * PskIdentity identities&lt;7..2^16-1&gt;;
 * PskBinderEntry binders&lt;33..2^16-1&gt;;     opaque PskBinderEntry&lt;32..255&gt;
 * </pre>
 * with one binder per identity, in the same order. It must be the last extension of the ClientHello;
 * {@link org.jtls.handshake.message.ClientHello#truncatedForBinders()} gives the bytes the binders
 * are computed over.
 */
public record PreSharedKeyOffer(List<PskIdentity> identities, List<Opaque> binders) implements Extension {
    public PreSharedKeyOffer {
        identities = List.copyOf(identities);
        long identitiesLength = 0;
        for (PskIdentity identity : identities) {
            identitiesLength += identity.encodedLength();
        }
        if (identitiesLength < 7 || identitiesLength > 0xFFFF) {
            throw new IllegalArgumentException("identities must encode to 7..65535 bytes, not " + identitiesLength);
        }
        binders = Checks.opaqueList(binders, 1, 32, 255, 33, 0xFFFF, "binders");
        if (binders.size() != identities.size()) {
            throw new IllegalArgumentException(identities.size() + " identities but " + binders.size() + " binders");
        }
    }

    /** The same identities with other binders (the client fills them in after hashing the truncated hello). */
    public PreSharedKeyOffer withBinders(List<Opaque> newBinders) {
        return new PreSharedKeyOffer(identities, newBinders);
    }

    /** The bytes the binders list occupies at the end of the extension, its length prefix included. */
    public int bindersEncodedLength() {
        TlsWriter writer = new TlsWriter();
        Vectors.writeOpaqueList(writer, 2, 0xFFFF, 1, binders);
        return writer.size();
    }

    @Override
    public int typeCode() {
        return ExtensionType.PRE_SHARED_KEY.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.startVector(2, 0xFFFF);
        for (PskIdentity identity : identities) {
            identity.encode(writer);
        }
        writer.endVector();
        Vectors.writeOpaqueList(writer, 2, 0xFFFF, 1, binders);
    }

    public static PreSharedKeyOffer decode(TlsReader data) throws TlsAlertException {
        TlsReader identityList = data.vector(2, 7, 0xFFFF, 1, "identities");
        List<PskIdentity> identities = new ArrayList<>();
        while (identityList.hasRemaining()) {
            identities.add(PskIdentity.decode(identityList));
        }
        List<Opaque> binders = Vectors.readOpaqueList(data, 2, 33, 0xFFFF, 1, 32, 255, "binders");
        data.expectEnd("pre_shared_key");
        if (binders.size() != identities.size()) {
            // RFC 8446 §4.2.11: binders holds one entry per identity. Both lists decoded, so this is
            // an inconsistency between fields, not a syntax error.
            throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                    "pre_shared_key has " + identities.size() + " identities but " + binders.size() + " binders");
        }
        return new PreSharedKeyOffer(identities, binders);
    }

    @Override
    public String toString() {
        return "pre_shared_key{identities=" + identities + ", binders=" + binders + "}";
    }
}
