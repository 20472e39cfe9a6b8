package org.jtls.crypto.bc;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;

/**
 * Raw CBC (no padding) over AES or 3DES, one direction, IV per call. As with {@link BcAead}, the key
 * goes to Bouncy Castle once; later calls pass only the IV so the key schedule is kept.
 */
final class BcCbc implements CbcCipher {
    private final CbcAlgorithm algorithm;
    private final boolean forEncryption;
    private final CBCModeCipher cipher;
    private final KeyParameter key;
    private final BufferAccess buffers = new BufferAccess();
    private boolean initialised;

    BcCbc(CbcAlgorithm algorithm, byte[] key, boolean forEncryption) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got "
                    + key.length);
        }
        this.algorithm = algorithm;
        this.forEncryption = forEncryption;
        this.key = new KeyParameter(key);
        BlockCipher engine = algorithm == CbcAlgorithm.TRIPLE_DES_EDE_CBC ? new DESedeEngine() : AESEngine.newInstance();
        this.cipher = CBCBlockCipher.newInstance(engine);
    }

    @Override
    public CbcAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public boolean forEncryption() {
        return forEncryption;
    }

    @Override
    public void process(byte[] iv, ByteBuffer input, ByteBuffer output) {
        Objects.requireNonNull(iv, "iv");
        int blockLength = algorithm.blockLength();
        if (iv.length != blockLength) {
            throw new IllegalArgumentException(algorithm + " needs a " + blockLength + "-byte IV, got " + iv.length);
        }
        int length = input.remaining();
        if (length % blockLength != 0) {
            throw new IllegalArgumentException(algorithm + " input must be a whole number of " + blockLength
                    + "-byte blocks, got " + length + " bytes");
        }
        BufferAccess.requireRoom(output, length);
        cipher.init(forEncryption, new ParametersWithIV(initialised ? null : key, iv));
        initialised = true;

        byte[] in = buffers.inputArray(input);
        byte[] out = buffers.outputArray(output, length);
        if (length > 0) {
            cipher.processBlocks(in, BufferAccess.inputOffset(input), length / blockLength,
                    out, BufferAccess.outputOffset(output));
        }
        buffers.commit(input, output, length);
    }
}
