package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.assertHexEquals;

import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.handshake.keyschedule.Tls13KeySchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The handshake module's {@link Tls13KeySchedule} against every secret RFC 8448 §3 prints. */
class HandshakeKeyScheduleTest {

    private static byte[] transcript(Tls13KeySchedule schedule, String... messages) {
        Digest digest = schedule.newTranscript();
        for (String message : messages) {
            digest.update(Hex.bytes(message));
        }
        return digest.finish();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void simpleOneRttScheduleMatchesRfc8448(CryptoBackend backend) {
        Tls13KeySchedule schedule = new Tls13KeySchedule(backend, HashAlgorithm.SHA256);
        byte[] early = schedule.earlySecret(null);
        assertHexEquals(Rfc8448SimpleHandshake.EARLY_SECRET, early, "early secret");
        byte[] handshake = schedule.handshakeSecret(early, Hex.bytes(Rfc8448SimpleHandshake.X25519_SHARED_SECRET));
        assertHexEquals(Rfc8448SimpleHandshake.HANDSHAKE_SECRET, handshake, "handshake secret");

        byte[] helloHash = transcript(schedule, Rfc8448SimpleHandshake.CLIENT_HELLO, Rfc8448SimpleHandshake.SERVER_HELLO);
        byte[] clientHandshake = schedule.deriveSecret(handshake, "c hs traffic", helloHash);
        byte[] serverHandshake = schedule.deriveSecret(handshake, "s hs traffic", helloHash);
        assertHexEquals(Rfc8448SimpleHandshake.CLIENT_HANDSHAKE_TRAFFIC_SECRET, clientHandshake, "c hs traffic");
        assertHexEquals(Rfc8448SimpleHandshake.SERVER_HANDSHAKE_TRAFFIC_SECRET, serverHandshake, "s hs traffic");

        Tls13KeySchedule.TrafficKeys serverKeys = schedule.trafficKeys(serverHandshake, AeadAlgorithm.AES_128_GCM);
        assertHexEquals(Rfc8448SimpleHandshake.SERVER_HANDSHAKE_KEY, serverKeys.key(), "server handshake key");
        assertHexEquals(Rfc8448SimpleHandshake.SERVER_HANDSHAKE_IV, serverKeys.iv(), "server handshake iv");

        byte[] master = schedule.masterSecret(handshake);
        assertHexEquals(Rfc8448SimpleHandshake.MASTER_SECRET, master, "master secret");

        byte[] toCertificateVerify = transcript(schedule, Rfc8448SimpleHandshake.CLIENT_HELLO,
                Rfc8448SimpleHandshake.SERVER_HELLO, Rfc8448SimpleHandshake.ENCRYPTED_EXTENSIONS,
                Rfc8448SimpleHandshake.CERTIFICATE, Rfc8448SimpleHandshake.CERTIFICATE_VERIFY);
        assertHexEquals(Rfc8448SimpleHandshake.SERVER_FINISHED_VERIFY_DATA,
                schedule.finishedVerifyData(serverHandshake, toCertificateVerify), "server Finished");

        byte[] toServerFinished = transcript(schedule, Rfc8448SimpleHandshake.CLIENT_HELLO,
                Rfc8448SimpleHandshake.SERVER_HELLO, Rfc8448SimpleHandshake.ENCRYPTED_EXTENSIONS,
                Rfc8448SimpleHandshake.CERTIFICATE, Rfc8448SimpleHandshake.CERTIFICATE_VERIFY,
                Rfc8448SimpleHandshake.SERVER_FINISHED);
        assertHexEquals(Rfc8448SimpleHandshake.CLIENT_FINISHED_VERIFY_DATA,
                schedule.finishedVerifyData(clientHandshake, toServerFinished), "client Finished");
        byte[] clientApplication = schedule.deriveSecret(master, "c ap traffic", toServerFinished);
        assertHexEquals(Rfc8448SimpleHandshake.CLIENT_APPLICATION_TRAFFIC_SECRET, clientApplication, "c ap traffic");
        assertHexEquals(Rfc8448SimpleHandshake.SERVER_APPLICATION_TRAFFIC_SECRET,
                schedule.deriveSecret(master, "s ap traffic", toServerFinished), "s ap traffic");
        assertHexEquals(Rfc8448SimpleHandshake.EXPORTER_MASTER_SECRET,
                schedule.deriveSecret(master, "exp master", toServerFinished), "exp master");
        Tls13KeySchedule.TrafficKeys clientKeys = schedule.trafficKeys(clientApplication, AeadAlgorithm.AES_128_GCM);
        assertHexEquals(Rfc8448SimpleHandshake.CLIENT_APPLICATION_KEY, clientKeys.key(), "client application key");
        assertHexEquals(Rfc8448SimpleHandshake.CLIENT_APPLICATION_IV, clientKeys.iv(), "client application iv");

        byte[] toClientFinished = transcript(schedule, Rfc8448SimpleHandshake.CLIENT_HELLO,
                Rfc8448SimpleHandshake.SERVER_HELLO, Rfc8448SimpleHandshake.ENCRYPTED_EXTENSIONS,
                Rfc8448SimpleHandshake.CERTIFICATE, Rfc8448SimpleHandshake.CERTIFICATE_VERIFY,
                Rfc8448SimpleHandshake.SERVER_FINISHED, Rfc8448SimpleHandshake.CLIENT_FINISHED);
        byte[] resumptionMaster = schedule.deriveSecret(master, "res master", toClientFinished);
        assertHexEquals(Rfc8448SimpleHandshake.RESUMPTION_MASTER_SECRET, resumptionMaster, "res master");
        assertHexEquals(Rfc8448SimpleHandshake.RESUMPTION_PSK,
                schedule.resumptionPsk(resumptionMaster, Hex.bytes(Rfc8448SimpleHandshake.TICKET_NONCE)),
                "resumption PSK");
    }
}
