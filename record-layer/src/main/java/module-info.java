/**
 * The TLS record layer: record framing, handshake-message reassembly and record protection for every
 * version; also the alert vocabulary and the bounds-checked codec the layers above share.
 */
module org.jtls.record {
    requires transitive org.jtls.crypto;

    exports org.jtls.record;
    exports org.jtls.record.codec;
    // RecordLayer.installReadProtection/installWriteProtection and RecordLayerSettings name these types.
    exports org.jtls.record.protection;
}
