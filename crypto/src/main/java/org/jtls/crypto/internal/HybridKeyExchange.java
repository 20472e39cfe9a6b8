package org.jtls.crypto.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.registry.NamedGroup;

/**
 * A hybrid group built from two key exchanges whose values and secrets are concatenated in a fixed
 * order (draft-ietf-tls-ecdhe-mlkem §4). Each component validates its own part; the lengths of the
 * parts are fixed, so a value of the wrong total length is rejected before any split.
 */
public final class HybridKeyExchange implements KeyExchange {
    private final String name;
    private final KeyExchange first;
    private final int firstShareLength;
    private final int firstResponseLength;
    private final KeyExchange second;
    private final int secondShareLength;
    private final int secondResponseLength;

    private HybridKeyExchange(String name, KeyExchange first, int firstShareLength, int firstResponseLength,
            KeyExchange second, int secondShareLength, int secondResponseLength) {
        this.name = name;
        this.first = first;
        this.firstShareLength = firstShareLength;
        this.firstResponseLength = firstResponseLength;
        this.second = second;
        this.secondShareLength = secondShareLength;
        this.secondResponseLength = secondResponseLength;
    }

    /** ML-KEM-768 encapsulation key length and ciphertext length (FIPS 203 Table 3). */
    public static final int MLKEM768_ENCAPSULATION_KEY_LENGTH = 1184;
    public static final int MLKEM768_CIPHERTEXT_LENGTH = 1088;

    /**
     * Composes {@code group} from its parts.
     *
     * @param mlkem768 the backend's pure ML-KEM-768 key exchange
     * @param classical the backend's X25519 (for X25519MLKEM768) or P-256 (for SecP256r1MLKEM768)
     */
    public static HybridKeyExchange of(NamedGroup group, KeyExchange mlkem768, KeyExchange classical) {
        return switch (group) {
            // §4.1: "the concatenation of the client's ML-KEM-768 encapsulation key and the client's
            // X25519 ephemeral share" — ML-KEM first, for historical reasons.
            case X25519MLKEM768 -> new HybridKeyExchange(group.ianaName(),
                    mlkem768, MLKEM768_ENCAPSULATION_KEY_LENGTH, MLKEM768_CIPHERTEXT_LENGTH,
                    classical, 32, 32);
            case SECP256R1MLKEM768 -> new HybridKeyExchange(group.ianaName(),
                    classical, 65, 65,
                    mlkem768, MLKEM768_ENCAPSULATION_KEY_LENGTH, MLKEM768_CIPHERTEXT_LENGTH);
            default -> throw new IllegalArgumentException(group + " is not a hybrid group");
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        KeyShare firstShare = first.generate(random);
        KeyShare secondShare = second.generate(random);
        return new HybridShare(firstShare, secondShare, concat(firstShare.publicValue(), secondShare.publicValue()));
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        if (peerPublicValue.length != firstShareLength + secondShareLength) {
            throw new InvalidKeyShareException(name + " key share must be " + (firstShareLength + secondShareLength)
                    + " bytes, got " + peerPublicValue.length);
        }
        Response firstResponse = first.respond(Arrays.copyOfRange(peerPublicValue, 0, firstShareLength), random);
        Response secondResponse = second.respond(
                Arrays.copyOfRange(peerPublicValue, firstShareLength, peerPublicValue.length), random);
        return new Response(concat(firstResponse.publicValue(), secondResponse.publicValue()),
                concat(firstResponse.sharedSecret(), secondResponse.sharedSecret()));
    }

    @Override
    public byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException {
        if (!(ownShare instanceof HybridShare share)) {
            throw new IllegalArgumentException("key share was not made by this " + name + " key exchange");
        }
        if (peerResponse.length != firstResponseLength + secondResponseLength) {
            throw new InvalidKeyShareException(name + " response must be " + (firstResponseLength + secondResponseLength)
                    + " bytes, got " + peerResponse.length);
        }
        byte[] firstSecret = first.complete(share.first, Arrays.copyOfRange(peerResponse, 0, firstResponseLength));
        byte[] secondSecret = second.complete(share.second,
                Arrays.copyOfRange(peerResponse, firstResponseLength, peerResponse.length));
        return concat(firstSecret, secondSecret);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private record HybridShare(KeyShare first, KeyShare second, byte[] publicValue) implements KeyShare {
        @Override
        public byte[] publicValue() {
            return publicValue.clone();
        }
    }
}
