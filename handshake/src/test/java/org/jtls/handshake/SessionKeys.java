package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.keyschedule.LegacyKeySchedule;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.EncryptThenMac;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;

/**
 * The record keys of a TLS ≤ 1.2 conversation, worked out the way an eavesdropper with the key log
 * would: the randoms and the encrypt-then-MAC choice from the hellos on the wire (watch both first
 * flights with {@link #apply}), the master secret from the client's key log ({@link #log}). Lets a
 * test seal records as either side, to reach the checks that sit behind record protection.
 */
final class SessionKeys {
    private final Scenario scenario;
    private byte[] clientRandom;
    private byte[] serverRandom;
    private byte[] masterSecret;
    private boolean encryptThenMac;

    SessionKeys(Scenario scenario) {
        this.scenario = scenario;
    }

    /** A {@link KeyLog}. */
    void log(String label, byte[] random, byte[] secret) {
        if (label.equals("CLIENT_RANDOM")) {
            masterSecret = secret.clone();
        }
    }

    /** Watches a flight (use inside a {@link Conversation.Tamper}); takes the randoms from the hellos. */
    void apply(Role sender, int flight, byte[] bytes) {
        if (flight != 0) {
            return;
        }
        byte[] hello = Wire.Flight.parse(bytes).messages().get(0);
        byte[] random = Arrays.copyOfRange(hello, Wire.MESSAGE_HEADER + 2, Wire.MESSAGE_HEADER + 34);
        if (sender == Role.CLIENT) {
            clientRandom = random;
        } else {
            serverRandom = random;
            encryptThenMac = negotiatesEncryptThenMac(Wire.body(hello));
        }
    }

    private boolean negotiatesEncryptThenMac(byte[] serverHelloBody) {
        try {
            ServerHello hello = ServerHello.decode(TlsReader.of(serverHelloBody));
            return hello.extensions().find(EncryptThenMac.class).isPresent() && scenario.suite().cipher().isCbc()
                    && scenario.version() != ProtocolVersion.SSL_3_0;
        } catch (TlsAlertException e) {
            throw new AssertionError("our own ServerHello does not decode", e);
        }
    }

    /** A fresh protection for {@code sender}'s records, at sequence number 0 (its Finished). */
    RecordProtection writeProtection(Role sender) {
        assertNotNull(masterSecret, "the key log gave the master secret");
        LegacyKeySchedule schedule = new LegacyKeySchedule(CryptoBackends.defaultBackend(), scenario.version(),
                scenario.suite());
        LegacyKeySchedule.KeyBlock block = schedule.keyBlock(masterSecret, clientRandom, serverRandom);
        LegacyKeySchedule.WriteKeys keys = sender == Role.CLIENT ? block.client() : block.server();
        return RecordProtections.legacy(CryptoBackends.defaultBackend(), scenario.version(), scenario.suite(),
                keys.macKey(), keys.encryptionKey(), keys.fixedIv(), encryptThenMac, new SecureRandom());
    }

    /** The content of {@code sender}'s first protected record (its Finished). */
    byte[] open(Role sender, Wire.Record record) throws TlsAlertException {
        ByteBuffer plaintext = ByteBuffer.allocate(RecordProtection.MAX_PLAINTEXT + 2048);
        writeProtection(sender).open(ContentType.fromCode(record.type()).orElseThrow(), record.version(),
                ByteBuffer.wrap(record.fragment()), plaintext);
        plaintext.flip();
        byte[] content = new byte[plaintext.remaining()];
        plaintext.get(content);
        return content;
    }

    /** Seals {@code content} as the next record of {@code protection}. */
    Wire.Record seal(RecordProtection protection, ContentType type, byte[] content) throws TlsException {
        ByteBuffer sealed = ByteBuffer.allocate(Wire.RECORD_HEADER + content.length + 2048);
        protection.seal(type, scenario.version().code(), ByteBuffer.wrap(content), sealed);
        return Wire.records(Arrays.copyOf(sealed.array(), sealed.position())).get(0);
    }
}
