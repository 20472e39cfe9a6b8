package org.jtls.handshake.message;

import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/** A message decoder with its context fixed, so tests can treat every message alike. */
@FunctionalInterface
interface BodyDecoder {
    HandshakeBody decode(TlsReader body) throws TlsAlertException;
}
