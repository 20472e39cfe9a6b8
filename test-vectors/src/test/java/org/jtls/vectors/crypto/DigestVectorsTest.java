package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.ascii;
import static org.jtls.vectors.crypto.Hex.assertHexEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Digests against their published examples, and the running-hash semantics a TLS transcript relies
 * on: {@link Digest#fork()} and {@link Digest#current()}. The FIPS 180 and RFC 1321 values are
 * well-known published facts (the FIPS documents are not in the project's RFC folder); each was
 * cross-checked with Python's {@code hashlib} before being written down.
 */
class DigestVectorsTest {

    record DigestVector(HashAlgorithm algorithm, byte[] message, String digestHex) {
    }

    private static final String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ALPHABET_PAIRS = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    private static final String ALPHABET_OCTETS = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

    static Stream<Arguments> vectors() {
        return Backends.eachWith(List.of(
                // RFC 1321 Appendix A.5, the MD5 test suite.
                named("RFC 1321 A.5 MD5 \"\"", HashAlgorithm.MD5, "", "d41d8cd98f00b204e9800998ecf8427e"),
                named("RFC 1321 A.5 MD5 \"a\"", HashAlgorithm.MD5, "a", "0cc175b9c0f1b6a831c399e269772661"),
                named("RFC 1321 A.5 MD5 \"abc\"", HashAlgorithm.MD5, "abc", "900150983cd24fb0d6963f7d28e17f72"),
                named("RFC 1321 A.5 MD5 \"message digest\"", HashAlgorithm.MD5, "message digest",
                        "f96b697d7cb7938d525a2f31aaf161d0"),
                named("RFC 1321 A.5 MD5 a..z", HashAlgorithm.MD5, "abcdefghijklmnopqrstuvwxyz",
                        "c3fcd3d76192e4007dfb496cca67e13b"),
                named("RFC 1321 A.5 MD5 A..Z a..z 0..9", HashAlgorithm.MD5,
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                        "d174ab98d277d9f5a5611c2c9f419d9f"),
                named("RFC 1321 A.5 MD5 8 x 1234567890", HashAlgorithm.MD5, "1234567890".repeat(8),
                        "57edf4a22be3c955ac49da2e2107b67a"),
                // FIPS 180-2 examples (SHA-224: its Change Notice 1): the one-block message "abc".
                named("FIPS 180 SHA-1 \"abc\"", HashAlgorithm.SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
                named("FIPS 180 SHA-224 \"abc\"", HashAlgorithm.SHA224, "abc",
                        "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
                named("FIPS 180 SHA-256 \"abc\"", HashAlgorithm.SHA256, "abc",
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                named("FIPS 180 SHA-384 \"abc\"", HashAlgorithm.SHA384, "abc",
                        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                        + "8086072ba1e7cc2358baeca134c825a7"),
                named("FIPS 180 SHA-512 \"abc\"", HashAlgorithm.SHA512, "abc",
                        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
                // FIPS 180-2 examples: the multi-block messages (448 bits for SHA-1/224/256, 896 for 384/512).
                named("FIPS 180 SHA-1 two blocks", HashAlgorithm.SHA1, ALPHABET_PAIRS,
                        "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
                named("FIPS 180 SHA-224 two blocks", HashAlgorithm.SHA224, ALPHABET_PAIRS,
                        "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525"),
                named("FIPS 180 SHA-256 two blocks", HashAlgorithm.SHA256, ALPHABET_PAIRS,
                        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
                named("FIPS 180 SHA-384 two blocks", HashAlgorithm.SHA384, ALPHABET_OCTETS,
                        "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
                        + "fcc7c71a557e2db966c3e9fa91746039"),
                named("FIPS 180 SHA-512 two blocks", HashAlgorithm.SHA512, ALPHABET_OCTETS,
                        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                        + "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
                // RFC 8017 §7.1.1, note on lHash: the hashes of the empty string.
                named("RFC 8017 7.1.1 SHA-1 \"\"", HashAlgorithm.SHA1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
                named("RFC 8017 7.1.1 SHA-256 \"\"", HashAlgorithm.SHA256, "",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                named("RFC 8017 7.1.1 SHA-384 \"\"", HashAlgorithm.SHA384, "",
                        "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
                        + "274edebfe76f65fbd51ad2f14898b95b"),
                named("RFC 8017 7.1.1 SHA-512 \"\"", HashAlgorithm.SHA512, "",
                        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                        + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")));
    }

    private static Named<DigestVector> named(String name, HashAlgorithm algorithm, String message, String digestHex) {
        return Named.of(name, new DigestVector(algorithm, ascii(message), digestHex));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void digestMatchesPublishedValue(CryptoBackend backend, DigestVector vector) {
        Digest digest = backend.digest(vector.algorithm());
        assertEquals(vector.algorithm(), digest.algorithm());
        digest.update(vector.message());
        byte[] result = digest.finish();
        assertEquals(vector.algorithm().outputLength(), result.length);
        assertHexEquals(vector.digestHex(), result, "digest");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void byteAtATimeAndByteBufferUpdatesGiveTheSameDigest(CryptoBackend backend, DigestVector vector) {
        Digest oneByteAtATime = backend.digest(vector.algorithm());
        for (byte b : vector.message()) {
            oneByteAtATime.update(new byte[] {b});
        }
        assertHexEquals(vector.digestHex(), oneByteAtATime.finish(), "byte-at-a-time digest");

        Digest fromDirectBuffer = backend.digest(vector.algorithm());
        ByteBuffer direct = ByteBuffer.allocateDirect(vector.message().length);
        direct.put(vector.message()).flip();
        fromDirectBuffer.update(direct);
        assertEquals(0, direct.remaining(), "update(ByteBuffer) consumes the buffer");
        assertHexEquals(vector.digestHex(), fromDirectBuffer.finish(), "direct ByteBuffer digest");
    }

    /** FIPS 180-2: one million repetitions of "a", fed in uneven chunks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void sha256OfOneMillionAs(CryptoBackend backend) {
        Digest digest = backend.digest(HashAlgorithm.SHA256);
        byte[] chunk = Hex.repeated('a', 999);
        int fed = 0;
        while (fed < 1_000_000) {
            int length = Math.min(chunk.length, 1_000_000 - fed);
            digest.update(chunk, 0, length);
            fed += length;
        }
        assertHexEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", digest.finish(),
                "SHA-256 of 10^6 'a'");
    }

    /** finish() resets: the same object hashes a second message from scratch. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void finishResetsForTheNextMessage(CryptoBackend backend) {
        Digest digest = backend.digest(HashAlgorithm.SHA256);
        digest.update(ascii("something else first"));
        digest.finish();
        digest.update(ascii("abc"));
        assertHexEquals(SHA256_OF_ABC, digest.finish(), "after finish");

        digest.update(ascii("discarded"));
        digest.reset();
        digest.update(ascii("abc"));
        assertHexEquals(SHA256_OF_ABC, digest.finish(), "after reset");
    }

    /**
     * Forking mid-stream gives two independent hashes: both continue with different input and each
     * ends with the digest of its own whole message.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndHashes")
    void forkedDigestsContinueIndependently(CryptoBackend backend, HashAlgorithm algorithm) {
        // The fork point leaves a partial block buffered, which the fork must copy.
        byte[] prefix = ascii("abcdbcdecdefdefgefghfghighijhijkijkljklm");
        Digest original = backend.digest(algorithm);
        original.update(prefix);
        Digest fork = original.fork();

        original.update(ascii("klmnlmnomnopnopq"));
        fork.update(ascii(" and then something else entirely, long enough to cross a block boundary"));

        assertArrayEquals(oneShot(backend, algorithm, ascii(ALPHABET_PAIRS)), original.finish(), "original after fork");
        assertArrayEquals(oneShot(backend, algorithm, ascii("abcdbcdecdefdefgefghfghighijhijkijkljklm"
                        + " and then something else entirely, long enough to cross a block boundary")),
                fork.finish(), "fork");
    }

    /** Finishing a fork leaves the original running; finishing the original leaves the fork. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndHashes")
    void finishingOneSideOfAForkDoesNotTouchTheOther(CryptoBackend backend, HashAlgorithm algorithm) {
        Digest original = backend.digest(algorithm);
        original.update(ascii("ab"));
        Digest fork = original.fork();
        fork.finish();
        original.update(ascii("c"));
        assertArrayEquals(oneShot(backend, algorithm, ascii("abc")), original.finish());

        Digest second = backend.digest(algorithm);
        second.update(ascii("ab"));
        Digest secondFork = second.fork();
        second.finish();
        secondFork.update(ascii("c"));
        assertArrayEquals(oneShot(backend, algorithm, ascii("abc")), secondFork.finish());
    }

    /** current() reads the hash so far and the running hash carries on as if it had not been asked. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndHashes")
    void currentDoesNotDisturbTheRunningHash(CryptoBackend backend, HashAlgorithm algorithm) {
        Digest running = backend.digest(algorithm);
        running.update(ascii("ab"));
        assertArrayEquals(oneShot(backend, algorithm, ascii("ab")), running.current());
        assertArrayEquals(oneShot(backend, algorithm, ascii("ab")), running.current(), "asking twice");
        running.update(ascii("c"));
        assertArrayEquals(oneShot(backend, algorithm, ascii("abc")), running.current());
        assertArrayEquals(oneShot(backend, algorithm, ascii("abc")), running.finish());
    }

    static Stream<Arguments> backendsAndHashes() {
        return Backends.both().flatMap(backend -> Stream.of(HashAlgorithm.values())
                .map(algorithm -> Arguments.of(backend, algorithm)));
    }

    private static byte[] oneShot(CryptoBackend backend, HashAlgorithm algorithm, byte[] message) {
        Digest digest = backend.digest(algorithm);
        digest.update(message);
        return digest.finish();
    }
}
