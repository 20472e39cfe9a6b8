package org.jtls.x509.ocsp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerLimits;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.Tag;

/**
 * {@code BasicOCSPResponse} (RFC 6960 §4.2.1), parsed strictly from DER and immutable. It keeps
 * the exact ResponseData bytes that the signature covers ({@link #tbsResponseData()}).
 *
 * <pre>
 * BasicOCSPResponse ::= SEQUENCE {
 *     tbsResponseData      ResponseData,
 *     signatureAlgorithm   AlgorithmIdentifier,
 *     signature            BIT STRING,
 *     certs            [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
 *
 * ResponseData ::= SEQUENCE {
 *     version              [0] EXPLICIT Version DEFAULT v1,
 *     responderID              ResponderID,
 *     producedAt               GeneralizedTime,
 *     responses                SEQUENCE OF SingleResponse,
 *     responseExtensions   [1] EXPLICIT Extensions OPTIONAL }
 * </pre>
 *
 * Only version v1 exists (§4.2.2.3); as a DEFAULT it is omitted in DER, so an explicit v1 is an
 * encoding error and any other version is refused. Times follow RFC 5280 §4.1.2.5.2 (§4.2.2.1):
 * {@code YYYYMMDDHHMMSSZ}, no fractions. Each certificate in {@code certs} is parsed like any
 * other; errors inside one report offsets in the outermost input.
 */
public final class BasicOcspResponse {
    private final byte[] tbsResponseData;
    private final ResponderId responderId;
    private final Instant producedAt;
    private final List<SingleResponse> responses;
    private final List<Extension> responseExtensions;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final BitString signature;
    private final List<Certificate> certs;

    private BasicOcspResponse(byte[] tbsResponseData, ResponderId responderId, Instant producedAt,
            List<SingleResponse> responses, List<Extension> responseExtensions, AlgorithmIdentifier signatureAlgorithm,
            BitString signature, List<Certificate> certs) {
        this.tbsResponseData = tbsResponseData;
        this.responderId = responderId;
        this.producedAt = producedAt;
        this.responses = List.copyOf(responses);
        this.responseExtensions = List.copyOf(responseExtensions);
        this.signatureAlgorithm = signatureAlgorithm;
        this.signature = signature;
        this.certs = List.copyOf(certs);
    }

    /** Parses a complete DER-encoded BasicOCSPResponse. */
    public static BasicOcspResponse parse(byte[] der) throws DerException {
        DerReader reader = DerReader.of(der);
        BasicOcspResponse response = decode(reader, DerLimits.DEFAULT);
        reader.end();
        return response;
    }

    /** Reads a BasicOCSPResponse; {@code limits} also bound each certificate in {@code certs}. */
    static BasicOcspResponse decode(DerReader reader, DerLimits limits) throws DerException {
        DerReader fields = reader.readSequence();
        DerElement tbs = fields.read(Tag.SEQUENCE);
        AlgorithmIdentifier signatureAlgorithm = AlgorithmIdentifier.decode(fields);
        BitString signature = fields.readBitString();
        List<Certificate> certs = new ArrayList<>();
        DerReader certsField = fields.readOptionalExplicit(0);
        if (certsField != null) {
            DerReader sequence = certsField.readSequence();
            certsField.end();
            while (sequence.hasRemaining()) {
                certs.add(certificate(sequence.read(Tag.SEQUENCE), limits));
            }
        }
        fields.end();

        DerReader data = tbs.contentReader();
        DerReader versionField = data.readOptionalExplicit(0);
        if (versionField != null) {
            int versionOffset = versionField.position();
            long version = versionField.readLong(Long.MIN_VALUE, Long.MAX_VALUE);
            versionField.end();
            throw new DerException(version == 0 ? "version v1 must be omitted in DER (it is the DEFAULT)"
                    : "unsupported ResponseData version " + version + " (only v1 is defined)", versionOffset);
        }
        ResponderId responderId = ResponderId.decode(data);
        Instant producedAt = data.readGeneralizedTime();
        DerReader responseList = data.readSequence();
        List<SingleResponse> responses = new ArrayList<>();
        while (responseList.hasRemaining()) {
            responses.add(SingleResponse.decode(responseList));
        }
        List<Extension> extensions = OcspExtensions.decodeOptional(data, 1);
        data.end();
        return new BasicOcspResponse(tbs.encoded(), responderId, producedAt, responses, extensions,
                signatureAlgorithm, signature, certs);
    }

    /** A certificate from {@code certs}, with any error's offset moved into the outermost input. */
    private static Certificate certificate(DerElement element, DerLimits limits) throws DerException {
        try {
            return Certificate.parse(element.encoded(), limits);
        } catch (DerException e) {
            throw new DerException("in a certificate of certs: " + e.problem(), element.offset() + e.offset(), e);
        }
    }

    /** The exact ResponseData DER, which the signature covers. */
    public byte[] tbsResponseData() {
        return tbsResponseData.clone();
    }

    public ResponderId responderId() {
        return responderId;
    }

    /** When the responder signed this response. */
    public Instant producedAt() {
        return producedAt;
    }

    public List<SingleResponse> responses() {
        return responses;
    }

    public List<Extension> responseExtensions() {
        return responseExtensions;
    }

    /**
     * The nonce (RFC 6960 §4.4.1), which binds a fetched response to its request; stapled responses
     * normally have none. RFC 6960 makes the extnValue a DER {@code OCTET STRING}, whose contents
     * are returned; a responder that put the bare nonce there (as RFC 2560-era ones did) gets its
     * extnValue returned as it is.
     */
    public Optional<byte[]> nonce() {
        for (Extension extension : responseExtensions) {
            if (extension.oid().equals(OcspExtensions.NONCE)) {
                byte[] value = extension.value();
                try {
                    DerElement wrapped = DerReader.parse(value);
                    return Optional.of(wrapped.tag().equals(Tag.OCTET_STRING) ? wrapped.octetStringValue() : value);
                } catch (DerException notWrapped) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public BitString signature() {
        return signature;
    }

    /** The certificates the responder sent to help verify its signature, in order; possibly none. */
    public List<Certificate> certs() {
        return certs;
    }

    @Override
    public String toString() {
        return "BasicOCSPResponse[" + responderId + ", producedAt " + producedAt + ", " + responses.size()
                + " responses, " + certs.size() + " certs]";
    }
}
