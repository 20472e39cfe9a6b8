package org.jtls.cli.json;

/** The text is not the JSON that was expected; {@link #offset()} is the character where that was found. */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public JsonException(String problem, int offset) {
        super(problem + " (at character " + offset + ")");
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
