package org.jtls.vectors.crypto;

import java.security.SecureRandom;

/**
 * A random source that first hands out fixed bytes, then real randomness. The crypto API takes its
 * randomness as a parameter and has no way to import a private key for key exchange; a backend that
 * draws an X25519/X448 private key straight from {@code nextBytes} (as RFC 7748 §6 describes: "Alice
 * generates 32 random bytes") therefore generates exactly the key of a published vector when the
 * script holds that key. Tests check the resulting public value before relying on this.
 */
final class ScriptedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final byte[] script;
    private int served;
    private final SecureRandom afterScript = new SecureRandom();

    ScriptedRandom(byte[] script) {
        this.script = script.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        int fromScript = Math.min(bytes.length, script.length - served);
        System.arraycopy(script, served, bytes, 0, fromScript);
        served += fromScript;
        if (fromScript < bytes.length) {
            byte[] rest = new byte[bytes.length - fromScript];
            afterScript.nextBytes(rest);
            System.arraycopy(rest, 0, bytes, fromScript, rest.length);
        }
    }
}
