/** The TLS record layer: framing and record protection (built in the record-layer issue). */
module org.jtls.record {
    requires org.jtls.crypto;
}
