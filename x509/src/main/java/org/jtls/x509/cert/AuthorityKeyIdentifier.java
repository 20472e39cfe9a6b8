package org.jtls.x509.cert;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.GeneralNames;

/**
 * {@code AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] KeyIdentifier OPTIONAL,
 * authorityCertIssuer [1] GeneralNames OPTIONAL, authorityCertSerialNumber [2]
 * CertificateSerialNumber OPTIONAL }} (RFC 5280 §4.2.1.1), all IMPLICIT.
 */
public final class AuthorityKeyIdentifier implements ExtensionValue {
    private final byte[] keyIdentifier;
    private final List<GeneralName> authorityCertIssuer;
    private final BigInteger authorityCertSerialNumber;

    /**
     * @param keyIdentifier {@code null} when absent
     * @param authorityCertIssuer empty when absent
     * @param authorityCertSerialNumber {@code null} when absent
     */
    public AuthorityKeyIdentifier(byte[] keyIdentifier, List<GeneralName> authorityCertIssuer,
            BigInteger authorityCertSerialNumber) {
        this.keyIdentifier = keyIdentifier == null ? null : keyIdentifier.clone();
        this.authorityCertIssuer = List.copyOf(authorityCertIssuer);
        this.authorityCertSerialNumber = authorityCertSerialNumber;
    }

    public static AuthorityKeyIdentifier ofKeyIdentifier(byte[] keyIdentifier) {
        return new AuthorityKeyIdentifier(Objects.requireNonNull(keyIdentifier), List.of(), null);
    }

    static AuthorityKeyIdentifier decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        DerElement keyId = sequence.readOptional(Tag.contextSpecific(0, false));
        List<GeneralName> issuer = List.of();
        if (sequence.nextIs(Tag.contextSpecific(1, true))) {
            int offset = sequence.position();
            issuer = GeneralNames.decodeContents(sequence.enter(Tag.contextSpecific(1, true)), offset);
        }
        DerElement serial = sequence.readOptional(Tag.contextSpecific(2, false));
        sequence.end();
        return new AuthorityKeyIdentifier(keyId == null ? null : keyId.octetStringValue(), issuer,
                serial == null ? null : serial.integerValue());
    }

    public Optional<byte[]> keyIdentifier() {
        return Optional.ofNullable(keyIdentifier).map(byte[]::clone);
    }

    public List<GeneralName> authorityCertIssuer() {
        return authorityCertIssuer;
    }

    public Optional<BigInteger> authorityCertSerialNumber() {
        return Optional.ofNullable(authorityCertSerialNumber);
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.AUTHORITY_KEY_IDENTIFIER;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            if (keyIdentifier != null) {
                sequence.writeElement(Tag.contextSpecific(0, false), keyIdentifier);
            }
            if (!authorityCertIssuer.isEmpty()) {
                sequence.writeConstructed(Tag.contextSpecific(1, true),
                        names -> GeneralNames.encodeContents(names, authorityCertIssuer));
            }
            if (authorityCertSerialNumber != null) {
                sequence.writeImplicit(2, field -> field.writeInteger(authorityCertSerialNumber));
            }
        });
    }

    @Override
    public String describe() {
        List<String> lines = new ArrayList<>();
        if (keyIdentifier != null) {
            lines.add("keyid:" + Text.colonHex(keyIdentifier));
        }
        authorityCertIssuer.forEach(name -> lines.add(name.toString()));
        if (authorityCertSerialNumber != null) {
            lines.add("serial:" + Text.colonHex(authorityCertSerialNumber.toByteArray()));
        }
        return Text.joinLines(lines);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthorityKeyIdentifier that && Arrays.equals(keyIdentifier, that.keyIdentifier)
                && authorityCertIssuer.equals(that.authorityCertIssuer)
                && Objects.equals(authorityCertSerialNumber, that.authorityCertSerialNumber);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keyIdentifier) * 31 + Objects.hash(authorityCertIssuer, authorityCertSerialNumber);
    }

    @Override
    public String toString() {
        return "AuthorityKeyIdentifier[" + describe().replace('\n', ' ') + "]";
    }
}
