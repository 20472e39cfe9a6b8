package org.jtls.x509.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PemTest {
    private static final byte[] FIRST = "first block data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECOND = new byte[200];

    static {
        for (int i = 0; i < SECOND.length; i++) {
            SECOND[i] = (byte) i;
        }
    }

    @Test
    void readsSeveralBlocksWithTextBeforeBetweenAndAfter() throws PemException {
        String text = "Subject: example\nissuer=whatever\n"
                + Pem.encode("CERTIFICATE", FIRST)
                + "\n-- some explanatory text --\n\n"
                + Pem.encode("PRIVATE KEY", SECOND)
                + "trailing words\n";
        List<PemBlock> blocks = Pem.parse(text);
        assertEquals(2, blocks.size());
        assertEquals("CERTIFICATE", blocks.get(0).label());
        assertArrayEquals(FIRST, blocks.get(0).data());
        assertEquals(3, blocks.get(0).beginLine());
        assertEquals("PRIVATE KEY", blocks.get(1).label());
        assertArrayEquals(SECOND, blocks.get(1).data());
        assertEquals(List.of(), Pem.parse("no blocks here\n"));
        assertEquals(1, Pem.parseAll(text, "PRIVATE KEY").size());
    }

    @Test
    void toleratesCrlfCrAndWhitespaceInsideTheBase64() throws PemException {
        String base64 = Base64.getEncoder().encodeToString(SECOND);
        String messy = "  -----BEGIN X-----  \r\n"
                + base64.substring(0, 10) + " \t" + base64.substring(10, 50) + "\r"
                + "\f" + base64.substring(50, 100) + "\u000b\r\n\r\n"
                + base64.substring(100) + "   \n"
                + "-----END X-----";
        List<PemBlock> blocks = Pem.parse(messy);
        assertEquals(1, blocks.size());
        assertArrayEquals(SECOND, blocks.get(0).data());
    }

    @Test
    void writesSixtyFourCharacterLines() {
        String pem = Pem.encode("CERTIFICATE", SECOND);
        List<String> lines = pem.lines().toList();
        assertEquals("-----BEGIN CERTIFICATE-----", lines.get(0));
        assertEquals("-----END CERTIFICATE-----", lines.get(lines.size() - 1));
        for (int i = 1; i < lines.size() - 2; i++) {
            assertEquals(64, lines.get(i).length());
        }
        assertTrue(lines.get(lines.size() - 2).length() <= 64);
        assertTrue(pem.endsWith("-----\n"));
    }

    @Test
    void rejectsMismatchedLabels() {
        String text = "junk\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n";
        PemException e = assertThrows(PemException.class, () -> Pem.parse(text));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void rejectsBadBase64WithItsLine() {
        String text = "-----BEGIN X-----\nAAAA\nAA*A\n-----END X-----\n";
        PemException e = assertThrows(PemException.class, () -> Pem.parse(text));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("'*'"), e.getMessage());
    }

    @Test
    void rejectsBase64OfTheWrongLength() {
        PemException e = assertThrows(PemException.class,
                () -> Pem.parse("-----BEGIN X-----\nAAAA\nAAA\n-----END X-----\n"));
        assertEquals(3, e.line());
    }

    @Test
    void rejectsDataAfterPadding() {
        PemException e = assertThrows(PemException.class,
                () -> Pem.parse("-----BEGIN X-----\nAA==\nAAAA\n-----END X-----\n"));
        assertEquals(3, e.line());
        assertThrows(PemException.class, () -> Pem.parse("-----BEGIN X-----\nA===\n-----END X-----\n"));
    }

    @Test
    void rejectsAMissingEndLine() {
        PemException e = assertThrows(PemException.class, () -> Pem.parse("-----BEGIN X-----\nAAAA\n"));
        assertTrue(e.getMessage().contains("no END X"), e.getMessage());
        PemException nested = assertThrows(PemException.class,
                () -> Pem.parse("-----BEGIN X-----\nAAAA\n-----BEGIN Y-----\nAAAA\n-----END Y-----\n"));
        assertEquals(3, nested.line());
    }

    @Test
    void rejectsInvalidLabels() {
        assertThrows(PemException.class, () -> Pem.parse("-----BEGIN A--B-----\n-----END A--B-----\n"));
        assertThrows(IllegalArgumentException.class, () -> Pem.encode(" X", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Pem.encode("X-", new byte[0]));
        assertTrue(Pem.isValidLabel("X509 CRL"));
        assertTrue(Pem.isValidLabel("RSA-PSS KEY"));
        assertTrue(Pem.isValidLabel(""));
    }

    @Test
    void boundariesNeedExactlyFiveDashes() throws PemException {
        assertEquals(List.of(), Pem.parse("----BEGIN X----\nAAAA\n----END X----\n"));
    }

    @Test
    void readsLegacyHeaders() throws PemException {
        String text = "-----BEGIN RSA PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,\n 00112233445566778899AABBCCDDEEFF\n"
                + "\n"
                + "AAAA\n"
                + "-----END RSA PRIVATE KEY-----\n";
        PemBlock block = Pem.parse(text).get(0);
        assertEquals(Map.of("Proc-Type", "4,ENCRYPTED", "DEK-Info", "AES-128-CBC,00112233445566778899AABBCCDDEEFF"),
                block.headers());
        assertArrayEquals(new byte[3], block.data());
    }

    @Property(tries = 200)
    void writtenBlocksReadBack(@ForAll @Size(max = 500) byte[] data) throws PemException {
        List<PemBlock> blocks = Pem.parse("before\n" + Pem.encode("TEST", data) + "after\n" + Pem.encode("TEST", data));
        assertEquals(2, blocks.size());
        assertArrayEquals(data, blocks.get(1).data());
    }

    @Property(tries = 500)
    void arbitraryTextIsParsedOrRejectedWithPemException(@ForAll @Size(max = 200) String noise) {
        String text = "-----BEGIN X-----\n" + noise + "\n-----END X-----\n" + noise;
        try {
            Pem.parse(text);
        } catch (PemException rejected) {
            assertTrue(rejected.line() >= 1);
        }
    }
}
