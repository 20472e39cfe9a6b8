package org.jtls.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.jtls.handshake.HandshakeObserver;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;

/**
 * {@code --trace}: every handshake message, change_cipher_spec and alert as one line of a ladder
 * diagram, {@code C → S  ClientHello (512 bytes)}, in the order the engine sent or received them.
 */
final class HandshakeTrace implements HandshakeObserver {
    /** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
    private static final byte[] HELLO_RETRY_REQUEST_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    /** ServerHello: legacy_version (2 bytes), then the random. */
    private static final int RANDOM_OFFSET = 2;

    private final PrintWriter out;
    private final boolean weAreClient;

    HandshakeTrace(PrintWriter out, boolean weAreClient) {
        this.out = out;
        this.weAreClient = weAreClient;
    }

    @Override
    public void messageSent(HandshakeMessage message) {
        print(true, describe(message));
    }

    @Override
    public void messageReceived(HandshakeMessage message) {
        print(false, describe(message));
    }

    @Override
    public void changeCipherSpec(boolean sent) {
        print(sent, "ChangeCipherSpec");
    }

    @Override
    public void alert(boolean sent, AlertLevel level, int description) {
        String name = AlertDescription.fromCode(description).map(AlertDescription::rfcName)
                .orElse("unknown(" + description + ")");
        print(sent, "Alert " + level.name().toLowerCase(Locale.ROOT) + " " + name);
    }

    private void print(boolean sent, String what) {
        boolean clientToServer = sent == weAreClient;
        out.println((clientToServer ? "C → S  " : "C ← S  ") + what);
        out.flush();
    }

    static String describe(HandshakeMessage message) {
        return name(message) + " (" + message.bodyLength() + " bytes)";
    }

    /** {@code ClientHello}, {@code HelloRetryRequest}, ... or {@code handshake(type)} for unknown types. */
    static String name(HandshakeMessage message) {
        if (message.type() == HandshakeType.SERVER_HELLO.code() && isHelloRetryRequest(message.body())) {
            return "HelloRetryRequest";
        }
        return HandshakeType.fromCode(message.type()).map(HandshakeTrace::camelCase)
                .orElse("handshake(" + message.type() + ")");
    }

    private static boolean isHelloRetryRequest(byte[] body) {
        int end = RANDOM_OFFSET + HELLO_RETRY_REQUEST_RANDOM.length;
        return body.length >= end
                && Arrays.equals(body, RANDOM_OFFSET, end, HELLO_RETRY_REQUEST_RANDOM, 0, HELLO_RETRY_REQUEST_RANDOM.length);
    }

    private static String camelCase(HandshakeType type) {
        StringBuilder name = new StringBuilder();
        for (String word : type.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
