/**
 * The one seam between jtls and cryptographic primitives: {@link org.jtls.crypto.CryptoBackend}
 * with a JCA implementation and a Bouncy Castle lightweight implementation, and the registries of
 * protocol versions, cipher suites, named groups and signature schemes.
 */
module org.jtls.crypto {
    requires org.bouncycastle.provider;

    exports org.jtls.crypto;
    exports org.jtls.crypto.registry;
}
