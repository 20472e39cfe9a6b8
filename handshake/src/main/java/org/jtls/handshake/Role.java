package org.jtls.handshake;

/** Which side of the connection an engine plays. */
public enum Role {
    CLIENT,
    SERVER;

    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
