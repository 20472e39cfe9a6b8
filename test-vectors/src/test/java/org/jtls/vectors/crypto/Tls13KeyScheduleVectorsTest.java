package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.assertHexEquals;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CERTIFICATE;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CERTIFICATE_VERIFY;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_APPLICATION_IV;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_APPLICATION_KEY;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_APPLICATION_TRAFFIC_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_FINISHED;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_FINISHED_KEY;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_FINISHED_VERIFY_DATA;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_HANDSHAKE_IV;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_HANDSHAKE_KEY;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_HANDSHAKE_TRAFFIC_INFO;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_HANDSHAKE_TRAFFIC_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.CLIENT_HELLO;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.DERIVED_FOR_HANDSHAKE;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.DERIVED_FOR_MASTER;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.DERIVED_INFO;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.EARLY_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.EMPTY_HASH;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.ENCRYPTED_EXTENSIONS;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.EXPORTER_MASTER_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.HANDSHAKE_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.HASH_CLIENT_HELLO_TO_CLIENT_FINISHED;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.HASH_CLIENT_HELLO_TO_SERVER_FINISHED;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.HASH_CLIENT_HELLO_TO_SERVER_HELLO;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.IV_INFO;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.KEY_INFO;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.MASTER_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.RESUMPTION_MASTER_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.RESUMPTION_PSK;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_APPLICATION_IV;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_APPLICATION_KEY;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_APPLICATION_TRAFFIC_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_FINISHED;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_FINISHED_KEY;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_FINISHED_VERIFY_DATA;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_HANDSHAKE_IV;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_HANDSHAKE_KEY;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_HANDSHAKE_TRAFFIC_SECRET;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.SERVER_HELLO;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.TICKET_NONCE;
import static org.jtls.vectors.crypto.Rfc8448SimpleHandshake.X25519_SHARED_SECRET;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TLS 1.3 key schedule of RFC 8448 §3 ("Simple 1-RTT Handshake") recomputed from the crypto
 * API's HKDF, HMAC and SHA-256 alone, with a test-local HKDF-Expand-Label (RFC 8446 §7.1). This
 * checks the backends' HKDF against numbers a real TLS implementation produced; the handshake
 * module's own key schedule has its own tests.
 */
class Tls13KeyScheduleVectorsTest {
    private static final HashAlgorithm SHA256 = HashAlgorithm.SHA256;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void earlySecretIsExtractOfZeros(CryptoBackend backend) {
        // RFC 8446 §7.1: with no PSK, the salt is 0 and the IKM a string of Hash.length zeros.
        assertHexEquals(EARLY_SECRET, backend.hkdfExtract(SHA256, null, new byte[32]), "early secret, null salt");
        assertHexEquals(EARLY_SECRET, backend.hkdfExtract(SHA256, new byte[32], new byte[32]),
                "early secret, zero salt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void hkdfLabelEncodingMatchesTheTrace(CryptoBackend backend) {
        // Guards the test's own helper: the "info" lines of the trace are the encoded HkdfLabel.
        assertHexEquals(DERIVED_INFO, hkdfLabel("derived", Hex.bytes(EMPTY_HASH), 32), "derived HkdfLabel");
        assertHexEquals(CLIENT_HANDSHAKE_TRAFFIC_INFO,
                hkdfLabel("c hs traffic", Hex.bytes(HASH_CLIENT_HELLO_TO_SERVER_HELLO), 32), "c hs traffic HkdfLabel");
        assertHexEquals(KEY_INFO, hkdfLabel("key", new byte[0], 16), "key HkdfLabel");
        assertHexEquals(IV_INFO, hkdfLabel("iv", new byte[0], 12), "iv HkdfLabel");
        assertHexEquals(EMPTY_HASH, transcriptHash(backend), "Transcript-Hash of no messages");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void handshakeSecretsFollowFromTheSharedSecret(CryptoBackend backend) {
        byte[] derived = deriveSecret(backend, Hex.bytes(EARLY_SECRET), "derived", transcriptHash(backend));
        assertHexEquals(DERIVED_FOR_HANDSHAKE, derived, "derived (for handshake)");

        byte[] handshakeSecret = backend.hkdfExtract(SHA256, derived, Hex.bytes(X25519_SHARED_SECRET));
        assertHexEquals(HANDSHAKE_SECRET, handshakeSecret, "handshake secret");

        byte[] helloHash = transcriptHash(backend, CLIENT_HELLO, SERVER_HELLO);
        assertHexEquals(HASH_CLIENT_HELLO_TO_SERVER_HELLO, helloHash, "Transcript-Hash(ClientHello..ServerHello)");
        assertHexEquals(CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                deriveSecret(backend, handshakeSecret, "c hs traffic", helloHash), "client_handshake_traffic_secret");
        assertHexEquals(SERVER_HANDSHAKE_TRAFFIC_SECRET,
                deriveSecret(backend, handshakeSecret, "s hs traffic", helloHash), "server_handshake_traffic_secret");

        byte[] derivedForMaster = deriveSecret(backend, handshakeSecret, "derived", transcriptHash(backend));
        assertHexEquals(DERIVED_FOR_MASTER, derivedForMaster, "derived (for master)");
        assertHexEquals(MASTER_SECRET, backend.hkdfExtract(SHA256, derivedForMaster, new byte[32]), "master secret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void trafficKeysAndIvs(CryptoBackend backend) {
        // RFC 8446 §7.3: key = HKDF-Expand-Label(Secret, "key", "", key_length), iv likewise with "iv".
        assertTrafficKeyAndIv(backend, SERVER_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_KEY, SERVER_HANDSHAKE_IV);
        assertTrafficKeyAndIv(backend, CLIENT_HANDSHAKE_TRAFFIC_SECRET, CLIENT_HANDSHAKE_KEY, CLIENT_HANDSHAKE_IV);
        assertTrafficKeyAndIv(backend, SERVER_APPLICATION_TRAFFIC_SECRET, SERVER_APPLICATION_KEY,
                SERVER_APPLICATION_IV);
        assertTrafficKeyAndIv(backend, CLIENT_APPLICATION_TRAFFIC_SECRET, CLIENT_APPLICATION_KEY,
                CLIENT_APPLICATION_IV);
    }

    private static void assertTrafficKeyAndIv(CryptoBackend backend, String secretHex, String keyHex, String ivHex) {
        byte[] secret = Hex.bytes(secretHex);
        assertHexEquals(keyHex, expandLabel(backend, secret, "key", new byte[0], 16), "key from " + secretHex);
        assertHexEquals(ivHex, expandLabel(backend, secret, "iv", new byte[0], 12), "iv from " + secretHex);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void serverFinishedVerifyData(CryptoBackend backend) {
        // RFC 8446 §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length);
        // verify_data = HMAC(finished_key, Transcript-Hash(ClientHello..CertificateVerify)).
        byte[] finishedKey = expandLabel(backend, Hex.bytes(SERVER_HANDSHAKE_TRAFFIC_SECRET), "finished",
                new byte[0], 32);
        assertHexEquals(SERVER_FINISHED_KEY, finishedKey, "server finished_key");
        byte[] transcript = transcriptHash(backend, CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE,
                CERTIFICATE_VERIFY);
        assertHexEquals(SERVER_FINISHED_VERIFY_DATA, hmac(backend, finishedKey, transcript), "server verify_data");
        // The Finished message is its 4-byte handshake header followed by verify_data.
        assertHexEquals(SERVER_FINISHED_VERIFY_DATA, Arrays.copyOfRange(Hex.bytes(SERVER_FINISHED), 4, 36),
                "Finished message body");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void applicationSecretsAndClientFinished(CryptoBackend backend) {
        byte[] throughServerFinished = transcriptHash(backend, CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS,
                CERTIFICATE, CERTIFICATE_VERIFY, SERVER_FINISHED);
        assertHexEquals(HASH_CLIENT_HELLO_TO_SERVER_FINISHED, throughServerFinished,
                "Transcript-Hash(ClientHello..server Finished)");
        byte[] master = Hex.bytes(MASTER_SECRET);
        assertHexEquals(CLIENT_APPLICATION_TRAFFIC_SECRET,
                deriveSecret(backend, master, "c ap traffic", throughServerFinished), "client ap traffic secret");
        assertHexEquals(SERVER_APPLICATION_TRAFFIC_SECRET,
                deriveSecret(backend, master, "s ap traffic", throughServerFinished), "server ap traffic secret");
        assertHexEquals(EXPORTER_MASTER_SECRET, deriveSecret(backend, master, "exp master", throughServerFinished),
                "exporter_master_secret");

        byte[] clientFinishedKey = expandLabel(backend, Hex.bytes(CLIENT_HANDSHAKE_TRAFFIC_SECRET), "finished",
                new byte[0], 32);
        assertHexEquals(CLIENT_FINISHED_KEY, clientFinishedKey, "client finished_key");
        assertHexEquals(CLIENT_FINISHED_VERIFY_DATA, hmac(backend, clientFinishedKey, throughServerFinished),
                "client verify_data");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void resumptionSecrets(CryptoBackend backend) {
        byte[] throughClientFinished = transcriptHash(backend, CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS,
                CERTIFICATE, CERTIFICATE_VERIFY, SERVER_FINISHED, CLIENT_FINISHED);
        assertHexEquals(HASH_CLIENT_HELLO_TO_CLIENT_FINISHED, throughClientFinished,
                "Transcript-Hash(ClientHello..client Finished)");
        byte[] resumptionMaster = deriveSecret(backend, Hex.bytes(MASTER_SECRET), "res master", throughClientFinished);
        assertHexEquals(RESUMPTION_MASTER_SECRET, resumptionMaster, "resumption_master_secret");
        // RFC 8446 §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce,
        // Hash.length).
        assertHexEquals(RESUMPTION_PSK,
                expandLabel(backend, resumptionMaster, "resumption", Hex.bytes(TICKET_NONCE), 32), "ticket PSK");
    }

    /** A transcript hash fed through one running digest, read with current() as a handshake does. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void runningTranscriptReadsEveryTraceHash(CryptoBackend backend) {
        Digest transcript = backend.digest(SHA256);
        assertHexEquals(EMPTY_HASH, transcript.current(), "empty transcript");
        transcript.update(Hex.bytes(CLIENT_HELLO));
        transcript.update(Hex.bytes(SERVER_HELLO));
        assertHexEquals(HASH_CLIENT_HELLO_TO_SERVER_HELLO, transcript.current(), "after ServerHello");
        for (String message : new String[] {ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY, SERVER_FINISHED}) {
            transcript.update(Hex.bytes(message));
        }
        assertHexEquals(HASH_CLIENT_HELLO_TO_SERVER_FINISHED, transcript.current(), "after server Finished");
        transcript.update(Hex.bytes(CLIENT_FINISHED));
        assertHexEquals(HASH_CLIENT_HELLO_TO_CLIENT_FINISHED, transcript.finish(), "after client Finished");
    }

    // ---- RFC 8446 §7.1, written out here so that the test depends on nothing but the crypto API ----

    /**
     * <pre>
     * struct {
     *     uint16 length = Length;
     *     opaque label<7..255> = "tls13 " + Label;
     *     opaque context<0..255> = Context;
     * } HkdfLabel;
     * </pre>
     */
    private static byte[] hkdfLabel(String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(length >>> 8);
        out.write(length);
        out.write(fullLabel.length);
        out.writeBytes(fullLabel);
        out.write(context.length);
        out.writeBytes(context);
        return out.toByteArray();
    }

    private static byte[] expandLabel(CryptoBackend backend, byte[] secret, String label, byte[] context, int length) {
        return backend.hkdfExpand(SHA256, secret, hkdfLabel(label, context, length), length);
    }

    private static byte[] deriveSecret(CryptoBackend backend, byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(backend, secret, label, transcriptHash, SHA256.outputLength());
    }

    private static byte[] transcriptHash(CryptoBackend backend, String... messagesHex) {
        Digest digest = backend.digest(SHA256);
        for (String message : messagesHex) {
            digest.update(Hex.bytes(message));
        }
        return digest.finish();
    }

    private static byte[] hmac(CryptoBackend backend, byte[] key, byte[] data) {
        Mac mac = backend.hmac(SHA256, key);
        mac.update(data);
        return mac.finish();
    }
}
