/** The {@code jtls} command. */
module org.jtls.cli {
    requires org.jtls.crypto;
    requires org.jtls.api;
}
