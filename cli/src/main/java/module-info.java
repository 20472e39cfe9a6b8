/** The {@code jtls} command. */
module org.jtls.cli {
    requires org.jtls.crypto;
    requires org.jtls.api;
    requires org.jtls.x509;
    requires info.picocli;

    // picocli reads the command classes' annotations and sets their fields reflectively.
    opens org.jtls.cli to info.picocli;
}
