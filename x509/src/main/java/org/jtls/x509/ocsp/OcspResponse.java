package org.jtls.x509.ocsp;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerLimits;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;

/**
 * {@code OCSPResponse} (RFC 6960 §4.2.1), as a responder sends it and as a TLS server staples it
 * (RFC 6066 §8, RFC 8446 §4.4.2.1), parsed strictly from DER:
 *
 * <pre>
 * OCSPResponse ::= SEQUENCE {
 *     responseStatus         OCSPResponseStatus,
 *     responseBytes          [0] EXPLICIT ResponseBytes OPTIONAL }
 *
 * ResponseBytes ::= SEQUENCE {
 *     responseType   OBJECT IDENTIFIER,
 *     response       OCTET STRING }
 * </pre>
 *
 * A successful response must carry responseBytes and an error response must not (§4.2.1). A
 * response of type id-pkix-ocsp-basic is decoded into a {@link BasicOcspResponse}; any other type
 * is kept as its OID and bytes. Every error is a {@link DerException} whose offset counts from the
 * first byte of the OCSPResponse.
 */
public final class OcspResponse {
    /** {@code id-pkix-ocsp-basic}, 1.3.6.1.5.5.7.48.1.1. */
    public static final ObjectIdentifier BASIC_RESPONSE_TYPE = OcspExtensions.BASIC_RESPONSE;

    private final byte[] encoded;
    private final OcspResponseStatus status;
    private final ObjectIdentifier responseType;
    private final byte[] responseBytes;
    private final BasicOcspResponse basicResponse;

    private OcspResponse(byte[] encoded, OcspResponseStatus status, ObjectIdentifier responseType, byte[] responseBytes,
            BasicOcspResponse basicResponse) {
        this.encoded = encoded;
        this.status = status;
        this.responseType = responseType;
        this.responseBytes = responseBytes;
        this.basicResponse = basicResponse;
    }

    public static OcspResponse parse(byte[] der) throws DerException {
        return parse(der, DerLimits.DEFAULT);
    }

    public static OcspResponse parse(byte[] der, DerLimits limits) throws DerException {
        Objects.requireNonNull(der, "der");
        DerReader input = DerReader.of(der, limits);
        DerElement whole = input.read(Tag.SEQUENCE);
        input.end();
        DerReader fields = whole.contentReader();
        DerElement statusElement = fields.read(Tag.ENUMERATED);
        OcspResponseStatus status = OcspResponseStatus.forCode(statusElement.longValue(0, Integer.MAX_VALUE));
        if (status == null) {
            throw new DerException("responseStatus " + statusElement.integerValue() + " is not defined (RFC 6960 §4.2.1)",
                    statusElement.contentOffset());
        }
        int responseBytesOffset = fields.position();
        DerReader responseBytesField = fields.readOptionalExplicit(0);
        fields.end();
        if (responseBytesField == null) {
            if (status == OcspResponseStatus.SUCCESSFUL) {
                throw new DerException("a successful OCSPResponse must carry responseBytes (RFC 6960 §4.2.1)",
                        responseBytesOffset);
            }
            return new OcspResponse(whole.encoded(), status, null, null, null);
        }
        if (status != OcspResponseStatus.SUCCESSFUL) {
            throw new DerException("an OCSPResponse with status " + status + " must not carry responseBytes "
                    + "(RFC 6960 §4.2.1)", responseBytesOffset);
        }
        DerReader responseBytes = responseBytesField.readSequence();
        responseBytesField.end();
        ObjectIdentifier responseType = responseBytes.readOid();
        DerElement response = responseBytes.read(Tag.OCTET_STRING);
        responseBytes.end();
        BasicOcspResponse basic = null;
        if (responseType.equals(BASIC_RESPONSE_TYPE)) {
            DerReader inner = response.contentReader();
            basic = BasicOcspResponse.decode(inner, limits);
            inner.end();
        }
        return new OcspResponse(whole.encoded(), status, responseType, response.content(), basic);
    }

    /** The exact DER this response was parsed from. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public OcspResponseStatus status() {
        return status;
    }

    /** The responseType OID, when responseBytes are present. */
    public Optional<ObjectIdentifier> responseType() {
        return Optional.ofNullable(responseType);
    }

    /** The response OCTET STRING's contents, when responseBytes are present. */
    public Optional<byte[]> responseBytes() {
        return Optional.ofNullable(responseBytes).map(byte[]::clone);
    }

    /** The decoded response, when its type is id-pkix-ocsp-basic. */
    public Optional<BasicOcspResponse> basicResponse() {
        return Optional.ofNullable(basicResponse);
    }

    /** Responses are equal when their encodings are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof OcspResponse that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "OCSPResponse[" + status + (basicResponse != null ? ", " + basicResponse
                : responseType != null ? ", type " + responseType : "") + "]";
    }
}
