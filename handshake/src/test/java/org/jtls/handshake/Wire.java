package org.jtls.handshake;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Records and handshake messages as raw bytes, for tests that take a flight apart, damage it and
 * put it back together. Deliberately independent of the record layer and the message codecs under
 * test: it only reads the 5-byte record header and the 4-byte handshake header.
 */
final class Wire {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int RECORD_HEADER = 5;
    static final int MESSAGE_HEADER = 4;
    static final int MAX_FRAGMENT = 1 << 14;

    private Wire() {
    }

    /** One record as it travels: content type, version field, fragment (protected or not). */
    record Record(int type, int version, byte[] fragment) {
        byte[] encoded() {
            byte[] encoded = new byte[RECORD_HEADER + fragment.length];
            encoded[0] = (byte) type;
            encoded[1] = (byte) (version >>> 8);
            encoded[2] = (byte) version;
            encoded[3] = (byte) (fragment.length >>> 8);
            encoded[4] = (byte) fragment.length;
            System.arraycopy(fragment, 0, encoded, RECORD_HEADER, fragment.length);
            return encoded;
        }

        @Override
        public String toString() {
            return "Record[type=" + type + ", version=" + Integer.toHexString(version) + ", " + fragment.length
                    + " bytes]";
        }
    }

    /** Splits bytes an engine produced into records; the engine only ever produces whole records. */
    static List<Record> records(byte[] bytes) {
        List<Record> records = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            if (bytes.length - offset < RECORD_HEADER) {
                throw new AssertionError("engine output ends inside a record header");
            }
            int type = bytes[offset] & 0xFF;
            int version = ((bytes[offset + 1] & 0xFF) << 8) | (bytes[offset + 2] & 0xFF);
            int length = ((bytes[offset + 3] & 0xFF) << 8) | (bytes[offset + 4] & 0xFF);
            int end = offset + RECORD_HEADER + length;
            if (end > bytes.length) {
                throw new AssertionError("engine output ends inside a record");
            }
            records.add(new Record(type, version, Arrays.copyOfRange(bytes, offset + RECORD_HEADER, end)));
            offset = end;
        }
        return records;
    }

    static byte[] encode(List<Record> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(record -> out.writeBytes(record.encoded()));
        return out.toByteArray();
    }

    /** A handshake message with a correct header. */
    static byte[] message(int type, byte[] body) {
        byte[] message = new byte[MESSAGE_HEADER + body.length];
        message[0] = (byte) type;
        writeLength(message, body.length);
        System.arraycopy(body, 0, message, MESSAGE_HEADER, body.length);
        return message;
    }

    static void writeLength(byte[] message, int length) {
        message[1] = (byte) (length >>> 16);
        message[2] = (byte) (length >>> 8);
        message[3] = (byte) length;
    }

    static int type(byte[] message) {
        return message[0] & 0xFF;
    }

    static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, MESSAGE_HEADER, message.length);
    }

    /** Splits concatenated handshake messages by their headers; the input must hold whole messages. */
    static List<byte[]> messages(byte[] handshakeBytes) {
        List<byte[]> messages = new ArrayList<>();
        int offset = 0;
        while (offset < handshakeBytes.length) {
            int length = ((handshakeBytes[offset + 1] & 0xFF) << 16) | ((handshakeBytes[offset + 2] & 0xFF) << 8)
                    | (handshakeBytes[offset + 3] & 0xFF);
            int end = offset + MESSAGE_HEADER + length;
            messages.add(Arrays.copyOfRange(handshakeBytes, offset, end));
            offset = end;
        }
        return messages;
    }

    /**
     * A flight taken apart: the handshake messages of its leading plaintext handshake records, and
     * every record from the first other one on (change_cipher_spec, the encrypted Finished, alerts),
     * which stay as they are.
     */
    record Flight(int recordVersion, List<byte[]> messages, List<Record> tail) {
        static Flight parse(byte[] bytes) {
            List<Record> records = records(bytes);
            ByteArrayOutputStream handshake = new ByteArrayOutputStream();
            int version = records.isEmpty() ? 0x0301 : records.get(0).version();
            int index = 0;
            while (index < records.size() && records.get(index).type() == HANDSHAKE) {
                handshake.writeBytes(records.get(index).fragment());
                index++;
            }
            return new Flight(version, Wire.messages(handshake.toByteArray()), records.subList(index, records.size()));
        }

        List<Integer> types() {
            return messages.stream().map(Wire::type).toList();
        }

        /**
         * The given messages framed into handshake records whose fragment sizes come from
         * {@code fragmentSizes} (each 1..2^14), then the tail.
         */
        byte[] reframe(List<byte[]> newMessages, IntSupplier fragmentSizes) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            newMessages.forEach(joined::writeBytes);
            byte[] handshake = joined.toByteArray();
            List<Record> records = new ArrayList<>();
            int offset = 0;
            while (offset < handshake.length) {
                int wanted = Math.max(1, Math.min(MAX_FRAGMENT, fragmentSizes.getAsInt()));
                int size = Math.min(handshake.length - offset, wanted);
                records.add(new Record(HANDSHAKE, recordVersion, Arrays.copyOfRange(handshake, offset, offset + size)));
                offset += size;
            }
            records.addAll(tail);
            return encode(records);
        }
    }
}
