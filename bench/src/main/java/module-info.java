/**
 * JMH benchmarks: jtls's primitives, record layer, handshakes and socket API side by side with the JDK's
 * SunJSSE. Run from the shaded jar (class path); the module descriptor documents what the
 * benchmarks reach.
 */
module org.jtls.bench {
    requires org.jtls.crypto;
    requires org.jtls.record;
    requires org.jtls.handshake;
    requires org.jtls.api;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires jmh.core;

    exports org.jtls.bench;
    exports org.jtls.bench.jmh_generated;
}
