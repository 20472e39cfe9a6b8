package org.jtls.handshake;

import static org.jtls.handshake.EngineRobustnessProperties.about;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;

/**
 * A hostile TLS 1.3 peer: it holds its keys and puts what it likes in its (correctly protected,
 * transcript-consistent) handshake flights, through the interceptor seam. A message of a type the
 * receiver's state does not allow is unexpected_message (RFC 8446 §4, §6.2); a second
 * HelloRetryRequest is unexpected_message and one that changes nothing is illegal_parameter
 * (§4.1.4); a KeyUpdate's update_requested outside {0, 1} is illegal_parameter (§4.6.3). Never an
 * unchecked exception, never a hang.
 */
class Tls13HostilePeerProperties {
    private static final int TRIES = 120;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);
    /** Handshake types a hostile peer puts where another message belongs. */
    private static final int[] TYPES = {0, 1, 2, 4, 5, 8, 11, 13, 15, 20, 24, 25, 99, 254};
    private static final int SERVER_HELLO = HandshakeType.SERVER_HELLO.code();
    private static final int KEY_UPDATE = HandshakeType.KEY_UPDATE.code();
    private static final int NEW_SESSION_TICKET = HandshakeType.NEW_SESSION_TICKET.code();
    /** When a message of a type the state allows carries a body meant for another. */
    private static final Set<AlertDescription> MISPLACED_BODY = EnumSet.of(AlertDescription.DECODE_ERROR,
            AlertDescription.ILLEGAL_PARAMETER, AlertDescription.UNEXPECTED_MESSAGE, AlertDescription.DECRYPT_ERROR,
            AlertDescription.BAD_CERTIFICATE, AlertDescription.UNSUPPORTED_CERTIFICATE,
            AlertDescription.HANDSHAKE_FAILURE, AlertDescription.UNSUPPORTED_EXTENSION);

    static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3))
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1));
    }

    /** A TLS 1.3 Certificate body carrying our P-256 chain. */
    static byte[] certificateBody() {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (byte[] certificate : P256.chain()) {
            entries.writeBytes(uint24(certificate.length));
            entries.writeBytes(certificate);
            entries.writeBytes(new byte[] {0, 0});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.writeBytes(uint24(entries.size()));
        body.writeBytes(entries.toByteArray());
        return body.toByteArray();
    }

    private static byte[] uint24(int value) {
        return new byte[] {(byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** A body for a message of {@code type}: well-formed where that is easy, so the state check decides. */
    static byte[] bodyFor(int type, byte[] original) {
        if (type == HandshakeType.CERTIFICATE.code()) {
            return certificateBody();
        }
        if (type == KEY_UPDATE) {
            return new byte[] {0};
        }
        if (type == NEW_SESSION_TICKET) {
            // lifetime, age_add, nonce<0..255>, ticket<1..2^16-1>, extensions<0..2^16-2>
            return new byte[] {0, 0, 0, 60, 1, 2, 3, 4, 1, 0, 0, 2, 7, 7, 0, 0};
        }
        if (type == HandshakeType.END_OF_EARLY_DATA.code() || type == 0) {
            return new byte[0];
        }
        return original;
    }

    // ---------------------------------------------------------------------------------------------
    // A message of another type in the handshake flights
    // ---------------------------------------------------------------------------------------------

    /** The server's flight: ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished. */
    private static final int[] SERVER_FLIGHT = {2, 8, 11, 15, 20};
    /** The client's flight under client authentication: Certificate, CertificateVerify, Finished. */
    private static final int[] CLIENT_FLIGHT = {11, 15, 20};

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.of(java.util.Arrays.stream(TYPES).boxed().toList());
    }

    @Property(tries = TRIES)
    void serverMessageOfAnotherTypeIsRefused(@ForAll @IntRange(min = 0, max = 4) int position,
            @ForAll("types") int type) {
        Assume.that(type != SERVER_FLIGHT[position]);
        about("server message " + position + " as type " + type, () -> {
            int[] count = {0};
            HandshakeInterceptor replace = message -> count[0]++ == position
                    ? HandshakeMessage.of(type, bodyFor(type, message.body())) : message;
            Conversation conversation = new Conversation(config().build(),
                    config().certificates(List.of(P256)).interceptor(replace).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            // After ServerHello only EncryptedExtensions; after it CertificateRequest or Certificate.
            boolean allowed = position == 2 && type == HandshakeType.CERTIFICATE_REQUEST.code();
            expect(conversation, Role.CLIENT, allowed ? MISPLACED_BODY : EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE),
                    false, "RFC 8446 §4: a message the state does not allow is unexpected_message");
        });
    }

    @Property(tries = TRIES)
    void clientMessageOfAnotherTypeIsRefused(@ForAll @IntRange(min = 0, max = 2) int position,
            @ForAll("types") int type) {
        Assume.that(type != CLIENT_FLIGHT[position]);
        about("client message " + position + " as type " + type, () -> {
            int[] count = {0};
            // The ClientHello is message 0; the second flight follows it.
            HandshakeInterceptor replace = message -> count[0]++ == position + 1
                    ? HandshakeMessage.of(type, bodyFor(type, message.body())) : message;
            Conversation conversation = new Conversation(
                    config().certificates(List.of(P256)).interceptor(replace).build(),
                    config().certificates(List.of(P256)).clientAuth(TlsConfig.ClientAuth.REQUIRE).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            expect(conversation, Role.SERVER, EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE), false,
                    "RFC 8446 §4.4: the client's flight is Certificate, CertificateVerify, Finished in that order");
        });
    }

    enum BodyDamage { FLIP_BIT, TRUNCATE, APPEND }

    /** What a hostile server's damaged EncryptedExtensions or Certificate may end in, besides success. */
    private static final Set<AlertDescription> CONTENT_DAMAGE = EnumSet.of(AlertDescription.DECODE_ERROR,
            AlertDescription.ILLEGAL_PARAMETER, AlertDescription.UNSUPPORTED_EXTENSION,
            AlertDescription.BAD_CERTIFICATE, AlertDescription.UNSUPPORTED_CERTIFICATE,
            AlertDescription.DECRYPT_ERROR, AlertDescription.HANDSHAKE_FAILURE);

    /**
     * The server's protected messages damaged by the server itself, so both transcripts agree: only
     * the receiver's parsing and verification stand between the damage and a handshake. A changed
     * Finished is decrypt_error (RFC 8446 §4.4.4), one of the wrong length decode_error (§6.2); a
     * CertificateVerify whose signature no longer verifies is decrypt_error (§4.4.3), one with another
     * length decode_error. EncryptedExtensions and Certificate carry bytes nobody checks (an unknown
     * extension, the certificate's own signature under ACCEPT_ANY), so there success is allowed.
     */
    @Property(tries = TRIES)
    void serverDamagesItsOwnMessage(@ForAll @IntRange(min = 1, max = 4) int position, @ForAll BodyDamage damage,
            @ForAll @IntRange(min = 0, max = 1 << 16) int offset, @ForAll @IntRange(min = 0, max = 7) int bit) {
        peerDamagesItsOwnMessage(Role.SERVER, position, SERVER_FLIGHT[position], damage, offset, bit);
    }

    /** The same for the client's flight under client authentication: Certificate, CertificateVerify, Finished. */
    @Property(tries = TRIES)
    void clientDamagesItsOwnMessage(@ForAll @IntRange(min = 0, max = 2) int position, @ForAll BodyDamage damage,
            @ForAll @IntRange(min = 0, max = 1 << 16) int offset, @ForAll @IntRange(min = 0, max = 7) int bit) {
        // The ClientHello is the client's message 0.
        peerDamagesItsOwnMessage(Role.CLIENT, position + 1, CLIENT_FLIGHT[position], damage, offset, bit);
    }

    private static void peerDamagesItsOwnMessage(Role sender, int position, int type, BodyDamage damage, int offset,
            int bit) {
        Role receiver = sender == Role.SERVER ? Role.CLIENT : Role.SERVER;
        about(sender + " message " + position + " " + damage + " at " + offset + " bit " + bit, () -> {
            int[] count = {0};
            int[] changedByte = {-1};
            HandshakeInterceptor damaging = message -> {
                if (count[0]++ != position) {
                    return message;
                }
                byte[] body = message.body();
                byte[] changed = switch (damage) {
                    case FLIP_BIT -> {
                        changedByte[0] = offset % body.length;
                        body[changedByte[0]] ^= (byte) (1 << bit);
                        yield body;
                    }
                    case TRUNCATE -> java.util.Arrays.copyOf(body, offset % body.length);
                    case APPEND -> java.util.Arrays.copyOf(body, body.length + 1 + offset % 8);
                };
                return HandshakeMessage.of(message.type(), changed);
            };
            TlsConfig.Builder client = config().certificates(List.of(P256));
            TlsConfig.Builder server = config().certificates(List.of(P256));
            if (sender == Role.SERVER) {
                server.interceptor(damaging);
            } else {
                client.interceptor(damaging);
                server.clientAuth(TlsConfig.ClientAuth.REQUIRE);
            }
            Conversation conversation = new Conversation(client.build(), server.build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            if (type == HandshakeType.FINISHED.code()) {
                expect(conversation, receiver, EnumSet.of(damage == BodyDamage.FLIP_BIT
                        ? AlertDescription.DECRYPT_ERROR : AlertDescription.DECODE_ERROR), false,
                        "RFC 8446 §4.4.4: a wrong Finished is decrypt_error, one of the wrong length decode_error");
            } else if (type == HandshakeType.CERTIFICATE_VERIFY.code()) {
                if (damage != BodyDamage.FLIP_BIT) {
                    expect(conversation, receiver, EnumSet.of(AlertDescription.DECODE_ERROR), false,
                            "RFC 8446 §6.2: a CertificateVerify of the wrong length is decode_error");
                } else if (changedByte[0] >= 4) {
                    expect(conversation, receiver, EnumSet.of(AlertDescription.DECRYPT_ERROR), false,
                            "RFC 8446 §4.4.3: a signature that does not verify is decrypt_error");
                } else {
                    // The scheme (an unoffered one is illegal_parameter, §4.4.3) or the signature's length.
                    expect(conversation, receiver, EnumSet.of(AlertDescription.ILLEGAL_PARAMETER,
                            AlertDescription.DECODE_ERROR, AlertDescription.DECRYPT_ERROR,
                            AlertDescription.HANDSHAKE_FAILURE), false, "a damaged scheme or length");
                }
            } else if (conversation.bothConnected()) {
                assertTrue(damage == BodyDamage.FLIP_BIT, "only a changed byte can go unnoticed");
                Statistics.label("alert").collect("unnoticed");
            } else {
                expect(conversation, receiver, CONTENT_DAMAGE, false, "damaged " + type);
            }
        });
    }

    /** One field of the ServerHello (or the HelloRetryRequest before it) changed by the server. */
    enum HelloField {
        /** RFC 8446 §4.1.3: legacy_session_id_echo must echo the client's: illegal_parameter. */
        SESSION_ID_ECHO,
        /** §4.1.3: a cipher suite the client did not offer: illegal_parameter. */
        UNOFFERED_SUITE,
        /** §4.1.3: a TLS 1.2 suite in a TLS 1.3 ServerHello: illegal_parameter. */
        TLS12_SUITE,
        /** §4.2.1: selected_version not offered: illegal_parameter. */
        UNOFFERED_VERSION,
        /** §4.2.1: supported_versions naming a version before TLS 1.3: illegal_parameter. */
        OLD_VERSION_IN_EXTENSION,
        /** §4.2.8: the server's share in a group the client sent no share for: illegal_parameter. */
        SHARE_GROUP_WITHOUT_CLIENT_SHARE,
        /** §4.2.8: the server's share in a group the client never offered: illegal_parameter. */
        SHARE_GROUP_UNOFFERED,
        /** §4.1.4: the HelloRetryRequest's suite differs from the ServerHello's: illegal_parameter. */
        RETRY_SUITE_DIFFERS,
        /** §4.2: an extension unknown to the client, so never requested: unsupported_extension. */
        UNREQUESTED_EXTENSION,
        /** §4.2: a known extension (heartbeat) that a TLS 1.3 ServerHello may not carry: illegal_parameter. */
        MISPLACED_EXTENSION
    }

    @Property(tries = 45)
    void serverHelloFieldsAreChecked(@ForAll HelloField field) {
        about(field, () -> {
            boolean retry = field == HelloField.RETRY_SUITE_DIFFERS;
            int[] hellos = {0};
            HandshakeInterceptor change = message -> {
                if (message.type() != SERVER_HELLO) {
                    return message;
                }
                boolean retryRequest = hellos[0]++ == 0 && retry;
                if (retry != retryRequest) {
                    return message;
                }
                return HandshakeMessage.of(SERVER_HELLO, changeServerHello(message.body(), field));
            };
            // The client offers AES-128-GCM and AES-256-GCM, X25519 (with a share) and P-256 (without).
            TlsConfig client = config().cipherSuites(List.of(org.jtls.crypto.registry.CipherSuite.TLS_AES_128_GCM_SHA256,
                    org.jtls.crypto.registry.CipherSuite.TLS_AES_256_GCM_SHA384)).build();
            TlsConfig.Builder server = (retry ? retryingServer() : config().certificates(List.of(P256)))
                    .cipherSuites(List.of(org.jtls.crypto.registry.CipherSuite.TLS_AES_128_GCM_SHA256))
                    .interceptor(change);
            Conversation conversation = new Conversation(client, server.build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            expect(conversation, Role.CLIENT, EnumSet.of(field == HelloField.UNREQUESTED_EXTENSION
                    ? AlertDescription.UNSUPPORTED_EXTENSION : AlertDescription.ILLEGAL_PARAMETER), false,
                    "RFC 8446 §4.1.3, §4.1.4, §4.2: " + field);
        });
    }

    private static byte[] changeServerHello(byte[] body, HelloField field) {
        int sessionId = 2 + 32;
        int sessionIdLength = body[sessionId] & 0xFF;
        int suite = sessionId + 1 + sessionIdLength;
        int extensions = suite + 2 + 1;
        switch (field) {
            case SESSION_ID_ECHO -> {
                if (sessionIdLength == 0) {
                    return splice(body, sessionId, 1, new byte[] {1, 0x55});
                }
                body[sessionId + 1] ^= 1;
            }
            case UNOFFERED_SUITE -> {
                body[suite] = 0x13;
                body[suite + 1] = 0x03;
            }
            case TLS12_SUITE -> {
                body[suite] = (byte) 0xC0;
                body[suite + 1] = 0x2B;
            }
            case RETRY_SUITE_DIFFERS -> {
                body[suite] = 0x13;
                body[suite + 1] = 0x02;
            }
            case UNREQUESTED_EXTENSION, MISPLACED_EXTENSION -> {
                int length = ((body[extensions] & 0xFF) << 8 | (body[extensions + 1] & 0xFF)) + 4;
                byte[] longer = java.util.Arrays.copyOf(body, body.length + 4);
                longer[extensions] = (byte) (length >>> 8);
                longer[extensions + 1] = (byte) length;
                // 0x1234: unassigned; heartbeat (15): known, never offered by jtls, not for ServerHello
                longer[body.length] = (byte) (field == HelloField.MISPLACED_EXTENSION ? 0 : 0x12);
                longer[body.length + 1] = (byte) (field == HelloField.MISPLACED_EXTENSION ? 15 : 0x34);
                return longer;
            }
            default -> {
                int offset = extensions + 2;
                while (offset + 4 <= body.length) {
                    int type = (body[offset] & 0xFF) << 8 | (body[offset + 1] & 0xFF);
                    int length = (body[offset + 2] & 0xFF) << 8 | (body[offset + 3] & 0xFF);
                    int data = offset + 4;
                    if (type == 43 && field == HelloField.UNOFFERED_VERSION) {
                        body[data] = 0x7F;
                        body[data + 1] = 0x1C;
                    } else if (type == 43 && field == HelloField.OLD_VERSION_IN_EXTENSION) {
                        body[data + 1] = 0x03;
                    } else if (type == 51 && field == HelloField.SHARE_GROUP_WITHOUT_CLIENT_SHARE) {
                        body[data] = 0;
                        body[data + 1] = 0x17;
                    } else if (type == 51 && field == HelloField.SHARE_GROUP_UNOFFERED) {
                        body[data] = 0;
                        body[data + 1] = 0x18;
                    }
                    offset = data + length;
                }
            }
        }
        return body;
    }

    /** {@code body} with {@code length} bytes at {@code at} replaced by {@code replacement}. */
    private static byte[] splice(byte[] body, int at, int length, byte[] replacement) {
        byte[] result = new byte[body.length - length + replacement.length];
        System.arraycopy(body, 0, result, 0, at);
        System.arraycopy(replacement, 0, result, at, replacement.length);
        System.arraycopy(body, at + length, result, at + replacement.length, body.length - at - length);
        return result;
    }

    // ---------------------------------------------------------------------------------------------
    // HelloRetryRequest
    // ---------------------------------------------------------------------------------------------

    /** A server that only takes P-256, so a client that leads with X25519 is retried. */
    static TlsConfig.Builder retryingServer() {
        return config().groups(List.of(NamedGroup.SECP256R1)).certificates(List.of(P256));
    }

    @Property(tries = 20)
    void aSecondHelloRetryRequestIsUnexpected(@ForAll boolean otherGroup) {
        byte[][] retry = new byte[1][];
        int[] serverHellos = {0};
        HandshakeInterceptor twice = message -> {
            if (message.type() != SERVER_HELLO) {
                return message;
            }
            if (serverHellos[0]++ == 0) {
                retry[0] = message.body();
                return message;
            }
            byte[] body = retry[0].clone();
            if (otherGroup) {
                setHelloRetryGroup(body, NamedGroup.SECP384R1);
            }
            return HandshakeMessage.of(SERVER_HELLO, body);
        };
        Conversation conversation = new Conversation(config().build(), retryingServer().interceptor(twice).build()).tls13()
                .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
        assertEquals(2, serverHellos[0], "a HelloRetryRequest, then the ServerHello made into another one");
        expect(conversation, Role.CLIENT, EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE), false,
                "RFC 8446 §4.1.4: a second HelloRetryRequest is unexpected_message");
    }

    @Property(tries = 20)
    void aHelloRetryRequestThatChangesNothingOrAsksForAnUnofferedGroupIsIllegal(
            @ForAll("retryGroups") NamedGroup group) {
        about(group, () -> {
            HandshakeInterceptor regroup = message -> {
                if (message.type() != SERVER_HELLO) {
                    return message;
                }
                byte[] body = message.body();
                if (!setHelloRetryGroup(body, group)) {
                    return message;
                }
                return HandshakeMessage.of(SERVER_HELLO, body);
            };
            Conversation conversation = new Conversation(config().build(),
                    retryingServer().interceptor(regroup).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            expect(conversation, Role.CLIENT, EnumSet.of(AlertDescription.ILLEGAL_PARAMETER), false,
                    "RFC 8446 §4.1.4/§4.2.8: the retry must name an offered group without a share");
        });
    }

    @Provide
    Arbitrary<NamedGroup> retryGroups() {
        // X25519: the client already sent that share; the others it never offered.
        return Arbitraries.of(NamedGroup.X25519, NamedGroup.SECP384R1, NamedGroup.SECP521R1, NamedGroup.FFDHE2048);
    }

    /**
     * In a HelloRetryRequest body, sets key_share's selected_group; false if {@code body} is a
     * ServerHello (its key_share is longer than a group).
     */
    static boolean setHelloRetryGroup(byte[] body, NamedGroup group) {
        int offset = 2 + 32;
        offset += 1 + (body[offset] & 0xFF);
        offset += 2 + 1;
        int end = offset + 2 + (((body[offset] & 0xFF) << 8) | (body[offset + 1] & 0xFF));
        offset += 2;
        while (offset + 4 <= end) {
            int type = ((body[offset] & 0xFF) << 8) | (body[offset + 1] & 0xFF);
            int length = ((body[offset + 2] & 0xFF) << 8) | (body[offset + 3] & 0xFF);
            if (type == 51) {
                if (length != 2) {
                    return false;
                }
                body[offset + 4] = (byte) (group.code() >>> 8);
                body[offset + 5] = (byte) group.code();
                return true;
            }
            offset += 4 + length;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Extensions the client never asked for
    // ---------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Integer> unrequestedExtensions() {
        // early_data (42): the client offered none, so it cannot have been accepted; and responses to
        // the other requests this client does not make: ALPN (16), max_fragment_length (1).
        return Arbitraries.of(42, 16, 1);
    }

    /**
     * RFC 8446 §4.2: an extension response the client did not request is unsupported_extension; the
     * server here gets no ALPN, max_fragment_length or early_data offer.
     */
    @Property(tries = 30)
    void encryptedExtensionsTheClientNeverRequested(@ForAll("unrequestedExtensions") int extension) {
        about("extension " + extension, () -> {
            byte[] data = switch (extension) {
                case 16 -> new byte[] {0, 3, 2, 'h', '2'};
                case 1 -> new byte[] {1};
                default -> new byte[0];
            };
            HandshakeInterceptor unrequested = message -> {
                if (message.type() != HandshakeType.ENCRYPTED_EXTENSIONS.code()) {
                    return message;
                }
                byte[] body = message.body();
                int length = ((body[0] & 0xFF) << 8 | (body[1] & 0xFF)) + 4 + data.length;
                ByteArrayOutputStream changed = new ByteArrayOutputStream();
                changed.write(length >>> 8);
                changed.write(length);
                changed.write(body, 2, body.length - 2);
                changed.writeBytes(new byte[] {(byte) (extension >>> 8), (byte) extension, 0, (byte) data.length});
                changed.writeBytes(data);
                return HandshakeMessage.of(message.type(), changed.toByteArray());
            };
            Conversation conversation = new Conversation(config().build(),
                    config().certificates(List.of(P256)).interceptor(unrequested).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            expect(conversation, Role.CLIENT, EnumSet.of(AlertDescription.UNSUPPORTED_EXTENSION), false,
                    "RFC 8446 §4.2: a response to an extension never requested is unsupported_extension");
        });
    }

    // ---------------------------------------------------------------------------------------------
    // After the handshake: KeyUpdate and NewSessionTicket
    // ---------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> keyUpdateBodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.bytes().map(b -> new byte[] {b})),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(new byte[] {0}, new byte[] {1})),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(4)));
    }

    @Property(tries = TRIES)
    void keyUpdateWithAnyBody(@ForAll("keyUpdateBodies") byte[] body, @ForAll boolean fromServer) {
        about(java.util.HexFormat.of().formatHex(body) + (fromServer ? " from the server" : " from the client"), () -> {
            HandshakeInterceptor rewrite = message -> message.type() == KEY_UPDATE
                    ? HandshakeMessage.of(KEY_UPDATE, body) : message;
            TlsConfig plain = config().build();
            TlsConfig hostile = config().interceptor(rewrite).build();
            Conversation conversation = new Conversation(fromServer ? plain : hostile,
                    config().certificates(List.of(P256)).interceptor(fromServer ? rewrite : null).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            assertTrue(conversation.bothConnected(), conversation.toString());
            Conversation.Endpoint sender = fromServer ? conversation.server : conversation.client;
            updateKeys(sender);
            conversation.run(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            Role receiver = fromServer ? Role.CLIENT : Role.SERVER;
            if (body.length != 1) {
                expect(conversation, receiver, EnumSet.of(AlertDescription.DECODE_ERROR), false,
                        "RFC 8446 §4.6.3: KeyUpdate is one byte");
            } else if (body[0] != 0 && body[0] != 1) {
                expect(conversation, receiver, EnumSet.of(AlertDescription.ILLEGAL_PARAMETER), false,
                        "RFC 8446 §4.6.3: update_requested other than 0 or 1 is illegal_parameter");
            } else {
                byte[] data = {1, 2, 3};
                conversation.write(conversation.client, data);
                conversation.write(conversation.server, data);
                conversation.run(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
                assertTrue(conversation.bothConnected(), conversation.toString());
                assertEquals(3, conversation.client.applicationData.size(), "data flows under the new keys");
                assertEquals(3, conversation.server.applicationData.size(), "data flows under the new keys");
                Statistics.label("outcome").collect("updated");
                return;
            }
            Statistics.label("outcome").collect(conversation.side(receiver).failure.alert().rfcName());
        });
    }

    /** Post-handshake types in place of a KeyUpdate; the client may only send KeyUpdate unasked. */
    @Property(tries = TRIES)
    void postHandshakeMessageOfAnotherType(@ForAll("types") int type, @ForAll boolean fromServer) {
        about("type " + type + (fromServer ? " from the server" : " from the client"), () -> {
            HandshakeInterceptor rewrite = message -> message.type() == KEY_UPDATE
                    ? HandshakeMessage.of(type, bodyFor(type, message.body())) : message;
            Conversation conversation = new Conversation(config().interceptor(fromServer ? null : rewrite).build(),
                    config().certificates(List.of(P256)).interceptor(fromServer ? rewrite : null).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            assertTrue(conversation.bothConnected(), conversation.toString());
            updateKeys(fromServer ? conversation.server : conversation.client);
            conversation.run(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            Role receiver = fromServer ? Role.CLIENT : Role.SERVER;
            if (type == KEY_UPDATE || (fromServer && type == NEW_SESSION_TICKET)) {
                assertTrue(conversation.bothConnected(), "a well-formed " + type + ": " + conversation);
                Statistics.label("outcome").collect("accepted");
                return;
            }
            // RFC 8446 §4.6: after the handshake only NewSessionTicket (to the client), KeyUpdate and
            // post-handshake authentication (never offered here) may come.
            expect(conversation, receiver, EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE), false,
                    "RFC 8446 §4.6: a handshake message after the handshake is unexpected_message");
        });
    }

    /**
     * A NewSessionTicket the server damages. Cut or lengthened, its length fields no longer add up:
     * decode_error (RFC 8446 §6.2). A changed byte may land in the opaque ticket, nonce, lifetime or
     * age_add, which the client cannot check, or in a length field or extension.
     */
    @Property(tries = 100)
    void damagedNewSessionTicket(@ForAll BodyDamage damage, @ForAll @IntRange(min = 0, max = 1 << 16) int offset,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        about(damage + " at " + offset + " bit " + bit, () -> {
            HandshakeInterceptor damaging = message -> {
                if (message.type() != NEW_SESSION_TICKET) {
                    return message;
                }
                byte[] body = message.body();
                byte[] changed = switch (damage) {
                    case FLIP_BIT -> {
                        body[offset % body.length] ^= (byte) (1 << bit);
                        yield body;
                    }
                    case TRUNCATE -> java.util.Arrays.copyOf(body, offset % body.length);
                    case APPEND -> java.util.Arrays.copyOf(body, body.length + 1 + offset % 8);
                };
                return HandshakeMessage.of(NEW_SESSION_TICKET, changed);
            };
            TicketKeys keys = new TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(),
                    java.time.Duration.ofHours(1), java.time.Duration.ofHours(2));
            Conversation conversation = new Conversation(config().build(),
                    config().certificates(List.of(P256)).ticketKeys(keys).interceptor(damaging).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            if (damage != BodyDamage.FLIP_BIT) {
                expect(conversation, Role.CLIENT, EnumSet.of(AlertDescription.DECODE_ERROR), false,
                        "RFC 8446 §6.2: a NewSessionTicket whose lengths do not add up is decode_error");
            } else if (!conversation.bothConnected()) {
                expect(conversation, Role.CLIENT, EnumSet.of(AlertDescription.DECODE_ERROR,
                        AlertDescription.ILLEGAL_PARAMETER, AlertDescription.UNSUPPORTED_EXTENSION), false,
                        "a changed length field or extension");
            } else {
                Statistics.label("alert").collect("unnoticed");
            }
        });
    }

    private static void updateKeys(Conversation.Endpoint side) {
        try {
            side.engine.updateKeys(false);
        } catch (org.jtls.record.TlsException e) {
            throw new AssertionError(side.role + " could not update its keys", e);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The {@code receiver} failed first, on its own account, with one of {@code alerts}; with
     * {@code peerMayFailFirst} the other side may have caught the damage first (when it only shows
     * in the transcript), with any of the same alerts.
     */
    static void expect(Conversation conversation, Role receiver, Set<AlertDescription> alerts,
            boolean peerMayFailFirst, String rule) {
        Conversation.Endpoint first = conversation.firstLocalFailure();
        assertNotNull(first, rule + ": nobody failed: " + conversation);
        if (!peerMayFailFirst) {
            assertEquals(receiver, first.role, rule + ": the wrong side failed: " + conversation);
        }
        assertTrue(alerts.contains(first.failure.alert()),
                rule + ": expected one of " + alerts + ", got " + first.failure.alert() + " (" + first.failure.getMessage()
                        + ") " + conversation);
        assertTrue(!conversation.client.connected() || !conversation.server.connected(), "not both connected");
        Statistics.label("alert").collect(first.failure.alert().rfcName());
    }
}
