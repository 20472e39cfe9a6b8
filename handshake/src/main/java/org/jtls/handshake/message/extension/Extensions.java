package org.jtls.handshake.message.extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jtls.handshake.message.CodeNames;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * An extension block, {@code Extension extensions<..>} with each {@code struct { ExtensionType
 * extension_type; opaque extension_data<0..2^16-1>; }}: the extensions in wire order, unknown and
 * GREASE ones included, at most one of each type.
 */
public record Extensions(List<Extension> entries) {
    private static final Extensions EMPTY = new Extensions(List.of());

    public Extensions {
        entries = List.copyOf(entries);
        int repeated = firstRepeatedType(entries);
        if (repeated >= 0) {
            throw new IllegalArgumentException("two extensions of type " + CodeNames.extensionType(repeated));
        }
        long blockLength = 0;
        for (Extension extension : entries) {
            int dataLength = extension.encodeData().length;
            if (dataLength > 0xFFFF) {
                throw new IllegalArgumentException(extension.getClass().getSimpleName() + " encodes to "
                        + dataLength + " bytes, more than extension_data<0..2^16-1> holds");
            }
            blockLength += 4 + dataLength;
        }
        if (blockLength > 0xFFFF) {
            throw new IllegalArgumentException("extensions encode to " + blockLength + " bytes");
        }
    }

    public static Extensions empty() {
        return EMPTY;
    }

    public static Extensions of(Extension... entries) {
        return new Extensions(List.of(entries));
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean contains(ExtensionType type) {
        return find(type).isPresent();
    }

    /** The extension of {@code type}, in whatever form it was decoded (possibly a {@link RawExtension}). */
    public Optional<Extension> find(ExtensionType type) {
        return findCode(type.code());
    }

    /** The extension with this {@code extension_type} code, known or not. */
    public Optional<Extension> findCode(int typeCode) {
        for (Extension extension : entries) {
            if (extension.typeCode() == typeCode) {
                return Optional.of(extension);
            }
        }
        return Optional.empty();
    }

    /** The extension decoded as {@code form}, for example {@code find(KeyShareServerHello.class)}. */
    public <T extends Extension> Optional<T> find(Class<T> form) {
        for (Extension extension : entries) {
            if (form.isInstance(extension)) {
                return Optional.of(form.cast(extension));
            }
        }
        return Optional.empty();
    }

    /** A copy with {@code extension} added at the end, or in the place of the one of its type. */
    public Extensions with(Extension extension) {
        List<Extension> updated = new ArrayList<>(entries);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).typeCode() == extension.typeCode()) {
                updated.set(i, extension);
                return new Extensions(updated);
            }
        }
        updated.add(extension);
        return new Extensions(updated);
    }

    /** A copy without the extension of {@code typeCode}. */
    public Extensions without(int typeCode) {
        List<Extension> updated = new ArrayList<>(entries);
        updated.removeIf(extension -> extension.typeCode() == typeCode);
        return new Extensions(updated);
    }

    /** Whether pre_shared_key, if present, is the last extension. */
    public boolean preSharedKeyIsLast() {
        for (int i = 0; i < entries.size() - 1; i++) {
            if (entries.get(i).typeCode() == ExtensionType.PRE_SHARED_KEY.code()) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 8446 §4.2.11: pre_shared_key "MUST be the last extension in the ClientHello ... Servers
     * MUST check that it is the last extension and otherwise fail the handshake with an
     * "illegal_parameter" alert."
     */
    public void requirePreSharedKeyLast() throws TlsAlertException {
        if (!preSharedKeyIsLast()) {
            throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                    "pre_shared_key is not the last extension of the ClientHello");
        }
    }

    /**
     * RFC 8446 §4.2: "If an implementation receives an extension which it recognizes and which is
     * not specified for the message in which it appears, it MUST abort the handshake with an
     * "illegal_parameter" alert." Unknown types pass: they are ignored.
     */
    public void requireAllowedInTls13(ExtensionContext context) throws TlsAlertException {
        for (Extension extension : entries) {
            Optional<ExtensionType> type = extension.type();
            if (type.isPresent() && !type.get().allowedInTls13(context)) {
                throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER, type.get().rfcName()
                        + " is not allowed in a TLS 1.3 " + context.abbreviation() + " (RFC 8446 §4.2)");
            }
        }
    }

    /** The bytes of the block, its two-byte length included. */
    public int encodedLength() {
        TlsWriter writer = new TlsWriter();
        encode(writer);
        return writer.size();
    }

    /** Writes the block with its two-byte length. */
    public void encode(TlsWriter writer) {
        writer.startVector(2, 0xFFFF);
        for (Extension extension : entries) {
            writer.u16(extension.typeCode());
            writer.startVector(2, 0xFFFF);
            extension.encode(writer);
            writer.endVector();
        }
        writer.endVector();
    }

    /**
     * Reads a block with its two-byte length, within the bounds the {@code context}'s message sets,
     * decoding each extension into its form for that message.
     *
     * @throws TlsAlertException decode_error for a malformed block or a repeated extension type,
     *         or whatever an extension's own decoding raises
     */
    public static Extensions decode(TlsReader reader, ExtensionContext context) throws TlsAlertException {
        TlsReader block = reader.vector(2, context.blockFloor(), context.blockCeiling(), 1, "extensions");
        List<Extension> entries = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (block.hasRemaining()) {
            int typeCode = block.u16("extension_type");
            TlsReader data = block.vector(2, 0, 0xFFFF, 1, "extension_data");
            if (!seen.add(typeCode)) {
                // RFC 8446 §4.2 and RFC 5246 §7.4.1.4: "There MUST NOT be more than one extension of
                // the same type" in a block. Neither names an alert. jtls treats it as a block that
                // does not decode (decode_error, RFC 8446 §6.2: "a message could not be decoded"), as
                // BoringSSL does (OpenSSL sends illegal_parameter): the rule belongs to the block's
                // syntax, and a block with two values for one type has no single meaning that could
                // be "inconsistent with other fields", illegal_parameter's definition.
                throw TlsAlertException.local(AlertDescription.DECODE_ERROR,
                        "extension " + CodeNames.extensionType(typeCode) + " appears twice");
            }
            entries.add(ExtensionForms.decode(typeCode, data, context));
        }
        return new Extensions(entries);
    }

    private static int firstRepeatedType(List<Extension> entries) {
        Set<Integer> seen = new HashSet<>();
        for (Extension extension : entries) {
            if (!seen.add(extension.typeCode())) {
                return extension.typeCode();
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
