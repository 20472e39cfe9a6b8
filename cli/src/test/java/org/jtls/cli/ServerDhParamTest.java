package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.FiniteFieldGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jtls server --dhparam}: the DHE group for TLS 1.2 clients that name no RFC 7919 group. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerDhParamTest {
    @TempDir
    static Path directory;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws IOException {
        pki = TestPki.create(directory);
    }

    /** PKCS#3 DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER }, as PEM. */
    private static Path dhParamPem(BigInteger prime, BigInteger generator, String name) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInteger(body, prime);
        writeInteger(body, generator);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        writeLength(sequence, body.size());
        body.writeTo(sequence);
        String pem = "-----BEGIN DH PARAMETERS-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(sequence.toByteArray())
                + "\n-----END DH PARAMETERS-----\n";
        Path file = directory.resolve(name);
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return file;
    }

    private static void writeInteger(ByteArrayOutputStream out, BigInteger value) {
        byte[] bytes = value.toByteArray();
        out.write(0x02);
        writeLength(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
    }

    private static ClientRun dheClient(ServerRun server) {
        return ClientRun.of("x", server.address(), "--ca", pki.path("ca.pem"), "--servername", "localhost",
                "--wait-ms", "500", "--protocols", "TLSv1.2", "--ciphers", "DHE-RSA-AES128-GCM-SHA256",
                "--groups", "x25519");
    }

    private static String line(ClientRun run, String prefix) {
        return run.err().lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no " + prefix + " line)");
    }

    @Test
    void theConfiguredGroupIsUsedForClientsNamingNoFiniteFieldGroup() throws Exception {
        Path ffdhe3072 = dhParamPem(FiniteFieldGroup.FFDHE3072.prime(), FiniteFieldGroup.FFDHE3072.generator(),
                "ffdhe3072.pem");
        try (ServerRun server = ServerRun.start("--cert", pki.path("server-rsa.pem"), "--key",
                pki.path("server-rsa.key"), "--ciphers", "DHE-RSA-AES128-GCM-SHA256", "--dhparam", ffdhe3072.toString())) {
            ClientRun run = dheClient(server);
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("Cipher: TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", line(run, "Cipher:"), run.toString());
            assertEquals("Group: ffdhe3072", line(run, "Group:"), run.toString());
        }
    }

    @Test
    void withoutDhParamTheServerUsesFfdhe2048() throws Exception {
        try (ServerRun server = ServerRun.start("--cert", pki.path("server-rsa.pem"), "--key",
                pki.path("server-rsa.key"), "--ciphers", "DHE-RSA-AES128-GCM-SHA256")) {
            ClientRun run = dheClient(server);
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("Group: ffdhe2048", line(run, "Group:"), run.toString());
        }
    }

    @Test
    void aSmallOrBrokenGroupIsBadUsage() throws Exception {
        // RFC 2409's 768-bit Oakley group 1: a safe prime, but far below the 2048-bit floor.
        BigInteger oakley768 = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
                + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
                + "E485B576625E7EC6F44C42E9A63A3620FFFFFFFFFFFFFFFF", 16);
        Path small = dhParamPem(oakley768, BigInteger.TWO, "small.pem");
        String[] refused = serverCommand("--self-signed", "--port", "0", "--dhparam", small.toString());
        assertEquals("2", refused[0], refused[1]);
        assertTrue(refused[1].contains("--dhparam"), refused[1]);

        Path garbage = directory.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN DH PARAMETERS-----\nAAAA\n-----END DH PARAMETERS-----\n");
        String[] broken = serverCommand("--self-signed", "--port", "0", "--dhparam", garbage.toString());
        assertEquals("2", broken[0], broken[1]);
    }

    /** Runs {@code jtls server} with arguments that must be refused before it listens: exit status and stderr. */
    private static String[] serverCommand(String... args) {
        picocli.CommandLine commandLine = Main.newCommandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        commandLine.setErr(new java.io.PrintWriter(err, true));
        String[] command = new String[args.length + 1];
        command[0] = "server";
        System.arraycopy(args, 0, command, 1, args.length);
        int status = commandLine.execute(command);
        return new String[] {Integer.toString(status), err.toString()};
    }
}
