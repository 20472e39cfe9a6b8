package org.jtls.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jtls.api.SslSocket;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --starttls}: the plaintext exchange that precedes the TLS handshake, as openssl s_client
 * does it. SMTP (RFC 3207): greeting, {@code EHLO}, {@code STARTTLS}, {@code 220}. IMAP (RFC 3501
 * §6.2.1): greeting, {@code CAPABILITY}, {@code STARTTLS}, {@code OK}.
 */
enum StartTls {
    SMTP {
        @Override
        void negotiate(Conversation conversation) throws IOException {
            conversation.expectReply("220", "greeting");
            conversation.send("EHLO jtls.localhost");
            String capabilities = conversation.expectReply("250", "EHLO");
            if (!capabilities.toUpperCase(Locale.ROOT).contains("STARTTLS")) {
                throw new IOException("the server does not offer STARTTLS: " + capabilities.strip());
            }
            conversation.send("STARTTLS");
            conversation.expectReply("220", "STARTTLS");
        }
    },
    IMAP {
        @Override
        void negotiate(Conversation conversation) throws IOException {
            String greeting = conversation.readLine();
            if (!greeting.startsWith("* OK")) {
                throw new IOException("unexpected greeting: " + greeting.strip());
            }
            conversation.send(". CAPABILITY");
            String capabilities = conversation.expectTagged("CAPABILITY");
            if (!capabilities.toUpperCase(Locale.ROOT).contains("STARTTLS")) {
                throw new IOException("the server does not offer STARTTLS: " + capabilities.strip());
            }
            conversation.send(". STARTTLS");
            conversation.expectTagged("STARTTLS");
        }
    };

    /** Runs the plaintext part on a connected, unencrypted socket; afterwards the handshake may start. */
    void negotiate(SslSocket socket, int timeoutMs) throws IOException {
        negotiate(new Conversation(socket, timeoutMs));
    }

    abstract void negotiate(Conversation conversation) throws IOException;

    /** Line-by-line plaintext over the socket before encryption. */
    static final class Conversation {
        private static final int MAX_LINE = 4096;
        private final SslSocket socket;
        private final int timeoutMs;

        Conversation(SslSocket socket, int timeoutMs) {
            this.socket = socket;
            this.timeoutMs = timeoutMs;
        }

        void send(String line) throws IOException {
            if (socket.write(line + "\r\n") < 0) {
                throw new IOException("cannot send '" + line + "': " + socket.errorString());
            }
            socket.flush();
            if (socket.state() != SslSocket.SocketState.CONNECTED) {
                throw new IOException("cannot send '" + line + "': " + socket.errorString());
            }
        }

        /** One line with its line end; reads only as far as the line, so TLS bytes after it stay unread. */
        String readLine() throws IOException {
            while (!socket.canReadLine()) {
                if (socket.bytesAvailable() > MAX_LINE) {
                    throw new IOException("line longer than " + MAX_LINE + " bytes");
                }
                if (!socket.waitForReadyRead(timeoutMs)) {
                    throw new IOException("no reply: " + socket.errorString());
                }
            }
            return new String(socket.readLine(), StandardCharsets.UTF_8);
        }

        /** SMTP: a reply of one or more lines ({@code 250-...}, then {@code 250 ...}) with this code. */
        String expectReply(String code, String step) throws IOException {
            StringBuilder reply = new StringBuilder();
            while (true) {
                String line = readLine();
                reply.append(line);
                if (!line.startsWith(code)) {
                    throw new IOException("unexpected reply to " + step + ": " + line.strip());
                }
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return reply.toString();
                }
            }
        }

        /** IMAP: untagged lines, then the tagged {@code . OK}. */
        String expectTagged(String command) throws IOException {
            StringBuilder reply = new StringBuilder();
            while (true) {
                String line = readLine();
                reply.append(line);
                if (line.startsWith(". ")) {
                    if (!line.startsWith(". OK")) {
                        throw new IOException(command + " refused: " + line.strip());
                    }
                    return reply.toString();
                }
            }
        }
    }

    static final class Converter implements ITypeConverter<StartTls> {
        @Override
        public StartTls convert(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown STARTTLS protocol '" + value + "' (smtp or imap)");
            }
        }
    }
}
