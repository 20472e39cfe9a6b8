package org.jtls.api;

/** Whether an {@link SslKey} is the private or the public half (Qt's {@code QSsl::KeyType}). */
public enum KeyType {
    PRIVATE_KEY,
    PUBLIC_KEY
}
