package org.jtls.record.protection;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * CBC record protection for SSL 3.0 through TLS 1.2 (RFC 6101 §5.2.3.2, RFC 2246 §6.2.3.2,
 * RFC 5246 §6.2.3.2), MAC-then-encrypt or, when negotiated, encrypt-then-MAC (RFC 7366).
 * <ul>
 *   <li>SSL 3.0 and TLS 1.0 chain the IV: each record's IV is the last ciphertext block of the
 *       previous record, starting from the IV in the key block.</li>
 *   <li>TLS 1.1 and 1.2 send a fresh random IV block in front of every record.</li>
 *   <li>SSL 3.0 padding is arbitrary bytes, shorter than a block, and only its length is checked;
 *       TLS padding bytes must all equal the padding length.</li>
 * </ul>
 *
 * <p>MAC-then-encrypt decryption does the same work whatever the padding is: the padding is checked
 * with masks over the last 256 bytes, the MAC is computed over the content as if the padding were
 * valid (or empty when it is not, RFC 5246 §6.2.3.2), extra hash compressions make up the
 * difference to the longest possible content, and the received MAC is read from its secret
 * position with a full scan. Every failure is the same bad_record_mac (the Lucky 13
 * countermeasures).
 */
public final class CbcProtection implements RecordProtection {
    private static final int MAX_PADDING_SCAN = 256;

    private final ProtocolVersion version;
    private final CbcAlgorithm algorithm;
    private final int blockLength;
    private final CbcCipher encryptor;
    private final CbcCipher decryptor;
    private final RecordMac mac;
    private final boolean encryptThenMac;
    private final SecureRandom random;
    private final SequenceNumber sequence;
    /** The chained IV of SSL 3.0 / TLS 1.0; unused from TLS 1.1 on. */
    private final byte[] chainedIv;
    private final byte[] explicitIv;
    private final byte[] scratch;
    private final ByteBuffer scratchBuffer;
    private final byte[] plain;
    private final ByteBuffer plainBuffer;
    private final byte[] pendingIv;
    private final byte[] computedMac;
    private final byte[] receivedMac;

    /**
     * @param version        the negotiated version (SSL 3.0 … TLS 1.2)
     * @param encryptionKey  {@code [sender]_write_key}
     * @param initialIv      {@code [sender]_write_IV} for SSL 3.0 and TLS 1.0; ignored (may be empty) later
     * @param macHash        the suite's MAC hash (MD5 or SHA-1 for SSL 3.0)
     * @param macKey         {@code [sender]_write_MAC_key}
     * @param encryptThenMac whether RFC 7366 was negotiated (not defined for SSL 3.0)
     * @param random         source of the explicit IVs of TLS 1.1+
     */
    public CbcProtection(CryptoBackend crypto, ProtocolVersion version, CbcAlgorithm algorithm, byte[] encryptionKey,
            byte[] initialIv, HashAlgorithm macHash, byte[] macKey, boolean encryptThenMac, SecureRandom random) {
        this(crypto, version, algorithm, encryptionKey, initialIv, macHash, macKey, encryptThenMac, random, 0);
    }

    CbcProtection(CryptoBackend crypto, ProtocolVersion version, CbcAlgorithm algorithm, byte[] encryptionKey,
            byte[] initialIv, HashAlgorithm macHash, byte[] macKey, boolean encryptThenMac, SecureRandom random,
            long firstSequenceNumber) {
        this.version = Objects.requireNonNull(version, "version");
        if (version == ProtocolVersion.TLS_1_3) {
            throw new IllegalArgumentException("TLS 1.3 has no CBC suites");
        }
        if (encryptThenMac && version == ProtocolVersion.SSL_3_0) {
            throw new IllegalArgumentException("encrypt-then-MAC is not defined for SSL 3.0");
        }
        this.algorithm = algorithm;
        this.blockLength = algorithm.blockLength();
        this.encryptor = crypto.cbc(algorithm, encryptionKey, true);
        this.decryptor = crypto.cbc(algorithm, encryptionKey, false);
        this.mac = version == ProtocolVersion.SSL_3_0
                ? new Ssl3Mac(crypto, macHash, macKey)
                : new TlsHmac(crypto, macHash, macKey);
        this.encryptThenMac = encryptThenMac;
        this.random = Objects.requireNonNull(random, "random");
        this.sequence = new SequenceNumber(firstSequenceNumber, SequenceNumber.UNSIGNED_MAX);
        if (usesChainedIv() && initialIv.length != blockLength) {
            throw new IllegalArgumentException(version + " CBC needs a " + blockLength + "-byte initial IV");
        }
        this.chainedIv = usesChainedIv() ? initialIv.clone() : new byte[blockLength];
        this.explicitIv = new byte[blockLength];
        this.scratch = new byte[MAX_PLAINTEXT + 2048 + 256];
        this.scratchBuffer = ByteBuffer.wrap(scratch);
        this.plain = new byte[scratch.length];
        this.plainBuffer = ByteBuffer.wrap(plain);
        this.pendingIv = new byte[blockLength];
        this.computedMac = new byte[mac.length()];
        this.receivedMac = new byte[mac.length()];
    }

    private boolean usesChainedIv() {
        return version == ProtocolVersion.SSL_3_0 || version == ProtocolVersion.TLS_1_0;
    }

    private int explicitIvLength() {
        return usesChainedIv() ? 0 : blockLength;
    }

    /** Whether outgoing application data should be split 1/n-1 (BEAST): chained IVs only. */
    public boolean needsRecordSplitting() {
        return usesChainedIv();
    }

    @Override
    public boolean isProtected() {
        return true;
    }

    @Override
    public boolean isTls13() {
        return false;
    }

    @Override
    public int maxFragmentLength() {
        return MAX_PLAINTEXT + 2048; // RFC 5246 §6.2.3
    }

    @Override
    public int maxOverhead() {
        return explicitIvLength() + mac.length() + blockLength;
    }

    @Override
    public void seal(ContentType type, int recordVersion, ByteBuffer plaintext, ByteBuffer out) throws TlsException {
        int contentLength = plaintext.remaining();
        if (contentLength > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext of " + contentLength + " bytes exceeds 2^14");
        }
        long sequenceNumber = sequence.advance();
        plaintext.get(scratch, 0, contentLength);
        int macLength = mac.length();
        int toPad = encryptThenMac ? contentLength : contentLength + macLength;
        if (!encryptThenMac) {
            mac.compute(sequenceNumber, type.code(), recordVersion, scratch, 0, contentLength, scratch, contentLength);
        }
        // Minimal padding: padding_length + 1 bytes bring the length to a multiple of the block.
        int paddingLength = blockLength - 1 - (toPad % blockLength);
        for (int i = 0; i <= paddingLength; i++) {
            scratch[toPad + i] = (byte) paddingLength;
        }
        int encryptedLength = toPad + paddingLength + 1;
        int ivLength = explicitIvLength();
        int fragmentLength = ivLength + encryptedLength + (encryptThenMac ? macLength : 0);
        Records.writeHeader(out, type.code(), recordVersion, fragmentLength);
        int fragmentStart = out.position();
        byte[] iv;
        if (ivLength > 0) {
            random.nextBytes(explicitIv);
            out.put(explicitIv);
            iv = explicitIv;
        } else {
            iv = chainedIv;
        }
        int cipherStart = out.position();
        scratchBuffer.clear().limit(encryptedLength);
        encryptor.process(iv, scratchBuffer, out);
        if (usesChainedIv()) {
            out.get(cipherStart + encryptedLength - blockLength, chainedIv, 0, blockLength);
        }
        if (encryptThenMac) {
            // RFC 7366 §3: the MAC covers the IV and the ciphertext, with their combined length.
            byte[] macInput = scratch; // content is no longer needed
            int macInputLength = ivLength + encryptedLength;
            out.get(fragmentStart, macInput, 0, macInputLength);
            mac.compute(sequenceNumber, type.code(), recordVersion, macInput, 0, macInputLength, computedMac, 0);
            out.put(computedMac);
        }
    }

    @Override
    public ContentType open(ContentType outerType, int recordVersion, ByteBuffer fragment, ByteBuffer out)
            throws TlsAlertException {
        long sequenceNumber;
        try {
            sequenceNumber = sequence.advance();
        } catch (TlsException e) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE, e.getMessage());
        }
        return encryptThenMac
                ? openEncryptThenMac(sequenceNumber, outerType, recordVersion, fragment, out)
                : openMacThenEncrypt(sequenceNumber, outerType, recordVersion, fragment, out);
    }

    private ContentType openEncryptThenMac(long sequenceNumber, ContentType type, int recordVersion,
            ByteBuffer fragment, ByteBuffer out) throws TlsAlertException {
        int macLength = mac.length();
        int ivLength = explicitIvLength();
        int fragmentLength = fragment.remaining();
        int encryptedLength = fragmentLength - ivLength - macLength;
        if (encryptedLength < blockLength || encryptedLength % blockLength != 0) {
            throw Records.badRecordMac();
        }
        int authenticatedLength = ivLength + encryptedLength;
        fragment.get(scratch, 0, authenticatedLength);
        fragment.get(receivedMac);
        mac.compute(sequenceNumber, type.code(), recordVersion, scratch, 0, authenticatedLength, computedMac, 0);
        if (!ConstantTime.equals(computedMac, receivedMac)) {
            throw Records.badRecordMac();
        }
        // Authenticated: from here on nothing is secret about the padding.
        byte[] iv = chainedIv;
        if (ivLength > 0) {
            System.arraycopy(scratch, 0, explicitIv, 0, ivLength);
            iv = explicitIv;
        } else {
            System.arraycopy(scratch, authenticatedLength - blockLength, pendingIv, 0, blockLength);
        }
        scratchBuffer.clear().position(ivLength).limit(authenticatedLength);
        plainBuffer.clear();
        decryptor.process(iv, scratchBuffer, plainBuffer);
        if (usesChainedIv()) {
            System.arraycopy(pendingIv, 0, chainedIv, 0, blockLength);
        }
        int paddingLength = plain[encryptedLength - 1] & 0xFF;
        int contentLength = encryptedLength - paddingLength - 1;
        if (contentLength < 0) {
            throw Records.badRecordMac();
        }
        for (int i = contentLength; i < encryptedLength; i++) {
            if ((plain[i] & 0xFF) != paddingLength) {
                throw Records.badRecordMac();
            }
        }
        out.put(plain, 0, contentLength);
        return type;
    }

    private ContentType openMacThenEncrypt(long sequenceNumber, ContentType type, int recordVersion,
            ByteBuffer fragment, ByteBuffer out) throws TlsAlertException {
        int macLength = mac.length();
        int ivLength = explicitIvLength();
        int fragmentLength = fragment.remaining();
        int encryptedLength = fragmentLength - ivLength;
        // Public checks only: the lengths are visible on the wire anyway.
        int minimumEncrypted = ((macLength + 1 + blockLength - 1) / blockLength) * blockLength;
        if (encryptedLength < minimumEncrypted || encryptedLength % blockLength != 0) {
            throw Records.badRecordMac();
        }
        byte[] iv;
        if (ivLength > 0) {
            fragment.get(explicitIv);
            iv = explicitIv;
        } else {
            iv = chainedIv;
        }
        if (usesChainedIv()) {
            fragment.get(fragment.position() + encryptedLength - blockLength, pendingIv, 0, blockLength);
        }
        scratchBuffer.clear();
        decryptor.process(iv, fragment, scratchBuffer);
        if (usesChainedIv()) {
            System.arraycopy(pendingIv, 0, chainedIv, 0, blockLength);
        }
        int length = encryptedLength;
        int paddingLength = scratch[length - 1] & 0xFF;

        // good = -1 while everything checks out, 0 otherwise; no branch depends on it until the end.
        int good = ~ConstantTime.lessThanMask(length, paddingLength + 1 + macLength);
        if (version == ProtocolVersion.SSL_3_0) {
            // RFC 6101 §5.2.3.2: the padding is shorter than a block; its bytes are unspecified.
            good &= ConstantTime.lessThanMask(paddingLength, blockLength);
        } else {
            int toCheck = Math.min(MAX_PADDING_SCAN, length);
            for (int i = 0; i < toCheck; i++) {
                int inPadding = ConstantTime.lessThanMask(i, paddingLength + 1);
                int matches = ConstantTime.equalMask(scratch[length - 1 - i] & 0xFF, paddingLength);
                good &= ~(inPadding & ~matches);
            }
        }
        // With bad padding, MAC the record as if it had none (RFC 5246 §6.2.3.2).
        int effectivePadding = ConstantTime.select(good, paddingLength, 0);
        int contentLength = length - macLength - 1 - effectivePadding;
        int longestContent = length - macLength - 1;

        mac.compute(sequenceNumber, type.code(), recordVersion, scratch, 0, contentLength, computedMac, 0);
        mac.burnCompressions(mac.innerCompressions(longestContent) - mac.innerCompressions(contentLength));

        // Read the received MAC from its secret offset by scanning every position it could start at.
        java.util.Arrays.fill(receivedMac, (byte) 0);
        int scanStart = Math.max(0, length - macLength - MAX_PADDING_SCAN);
        for (int position = scanStart; position < length; position++) {
            int value = scratch[position] & 0xFF;
            for (int j = 0; j < macLength; j++) {
                receivedMac[j] |= (byte) (value & ConstantTime.equalMask(position, contentLength + j));
            }
        }
        good &= ConstantTime.equals(computedMac, receivedMac) ? -1 : 0;
        if (good == 0) {
            throw Records.badRecordMac();
        }
        out.put(scratch, 0, contentLength);
        return type;
    }

    /** The block cipher in use. */
    public CbcAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public long sequenceNumber() {
        return sequence.current();
    }

    @Override
    public boolean keyUpdateRecommended() {
        return sequence.updateRecommended();
    }
}
