package org.jtls.cli.verify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jtls.x509.cert.CertificatePolicies;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.path.PolicyInputs;
import org.jtls.x509.path.Purpose;
import org.jtls.x509.path.RevocationMode;

/**
 * One case of the batch format ({@code shared/x509-cases.md}), its fields checked and typed.
 * Unknown fields are ignored, and so — deliberately — is {@code expected}: a validator must not
 * read the answer. Certificates and CRLs stay PEM text here; the runner parses them.
 *
 * <p>Defaults for absent fields: purpose serverAuth, no intermediates, no CRLs, revocation none,
 * no names, no extra usages, the validator's depth limit, the default policy inputs. {@code id},
 * {@code trusted}, {@code leaf} and {@code time} are required.
 */
record BatchCase(String id, Purpose purpose, List<String> trusted, List<String> intermediates, String leaf,
        List<String> crls, RevocationMode revocation, Instant time, Optional<String> serverName,
        Optional<String> serverNameType, List<PeerName> peerNames, Set<ObjectIdentifier> requiredExtendedKeyUsages,
        Set<KeyUsage.Bit> requiredKeyUsages, OptionalInt maxChainDepth, PolicyInputs policy) {

    /** Instant.MAX is about 3.2e16 seconds; real cases are near 1.7e9. */
    private static final BigDecimal MAX_EPOCH_SECONDS = new BigDecimal("1e15");

    /** The {@code id} of a case object, or {@code null} when it has none that is a string. */
    static String idOf(Map<String, Object> object) {
        return object.get("id") instanceof String id ? id : null;
    }

    static BatchCase fromJson(Map<String, Object> object) throws MalformedCaseException {
        String id = requiredString(object, "id");
        Purpose purpose = switch (optionalString(object, "purpose").orElse("serverAuth")) {
            case "serverAuth" -> Purpose.SERVER_AUTH;
            case "clientAuth" -> Purpose.CLIENT_AUTH;
            case "any" -> Purpose.ANY;
            default -> throw new MalformedCaseException("purpose must be serverAuth, clientAuth or any");
        };
        List<String> trusted = stringList(object, "trusted", true);
        List<String> intermediates = stringList(object, "intermediates", false);
        String leaf = requiredString(object, "leaf");
        List<String> crls = stringList(object, "crls", false);
        RevocationMode revocation = switch (optionalString(object, "revocation").orElse("none")) {
            case "none" -> RevocationMode.NONE;
            case "crl" -> RevocationMode.CRL;
            default -> throw new MalformedCaseException("revocation must be none or crl");
        };
        Instant time = time(object);
        Optional<String> serverName = optionalString(object, "server_name");
        Optional<String> serverNameType = optionalString(object, "server_name_type");
        if (serverNameType.isPresent() && !serverNameType.get().equals("dns") && !serverNameType.get().equals("ip")) {
            throw new MalformedCaseException("server_name_type must be dns, ip or null");
        }
        List<PeerName> peerNames = peerNames(object);
        Set<ObjectIdentifier> extendedKeyUsages = new LinkedHashSet<>();
        for (String name : stringList(object, "required_eku", false)) {
            extendedKeyUsages.add(extendedKeyUsage(name));
        }
        Set<KeyUsage.Bit> keyUsages = new LinkedHashSet<>();
        for (String name : stringList(object, "required_key_usage", false)) {
            keyUsages.add(keyUsage(name));
        }
        OptionalInt maxChainDepth = OptionalInt.empty();
        Object depth = object.get("max_chain_depth");
        if (depth != null) {
            maxChainDepth = OptionalInt.of(nonNegativeInt(depth, "max_chain_depth"));
        }
        return new BatchCase(id, purpose, trusted, intermediates, leaf, crls, revocation, time, serverName,
                serverNameType, peerNames, extendedKeyUsages, keyUsages, maxChainDepth, policy(object));
    }

    private static Instant time(Map<String, Object> object) throws MalformedCaseException {
        if (!(object.get("time") instanceof BigDecimal seconds)) {
            throw new MalformedCaseException("time must be a number of seconds since the epoch");
        }
        // Checked before any arithmetic, so that 1e999999 costs nothing.
        if (seconds.abs().compareTo(MAX_EPOCH_SECONDS) > 0) {
            throw new MalformedCaseException("time " + seconds.toString() + " is out of range");
        }
        try {
            BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.FLOOR)
                    .longValueExact();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new MalformedCaseException("time " + seconds + " is out of range", e);
        }
    }

    private static PolicyInputs policy(Map<String, Object> object) throws MalformedCaseException {
        Object value = object.get("policy");
        if (value == null) {
            return PolicyInputs.DEFAULT;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new MalformedCaseException("policy must be an object or null");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) map;
        Set<ObjectIdentifier> initialPolicySet = new LinkedHashSet<>();
        for (String oid : stringList(policy, "initial_policy_set", false)) {
            initialPolicySet.add(oid(oid, "initial_policy_set"));
        }
        if (initialPolicySet.isEmpty()) {
            initialPolicySet.add(CertificatePolicies.ANY_POLICY);
        }
        return new PolicyInputs(initialPolicySet, flag(policy, "initial_explicit_policy"),
                flag(policy, "initial_policy_mapping_inhibit"), flag(policy, "initial_inhibit_any_policy"));
    }

    private static List<PeerName> peerNames(Map<String, Object> object) throws MalformedCaseException {
        Object value = object.get("peer_names");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new MalformedCaseException("peer_names must be a list");
        }
        List<PeerName> names = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> name) || !(name.get("type") instanceof String type)
                    || !(name.get("value") instanceof String nameValue)) {
                throw new MalformedCaseException("each peer name must be {\"type\": ..., \"value\": ...}");
            }
            if (!type.equals("email") && !type.equals("dns") && !type.equals("ip")) {
                throw new MalformedCaseException("peer name type must be email, dns or ip, not " + type);
            }
            names.add(new PeerName(type, nameValue));
        }
        return names;
    }

    private static ObjectIdentifier extendedKeyUsage(String name) throws MalformedCaseException {
        KeyPurpose purpose = switch (name) {
            case "serverAuth" -> KeyPurpose.SERVER_AUTH;
            case "clientAuth" -> KeyPurpose.CLIENT_AUTH;
            case "codeSigning" -> KeyPurpose.CODE_SIGNING;
            case "emailProtection" -> KeyPurpose.EMAIL_PROTECTION;
            case "timeStamping" -> KeyPurpose.TIME_STAMPING;
            case "OCSPSigning" -> KeyPurpose.OCSP_SIGNING;
            case "anyExtendedKeyUsage" -> KeyPurpose.ANY_EXTENDED_KEY_USAGE;
            default -> null;
        };
        return purpose != null ? purpose.oid() : oid(name, "required_eku");
    }

    private static KeyUsage.Bit keyUsage(String name) throws MalformedCaseException {
        return switch (name) {
            case "digitalSignature" -> KeyUsage.Bit.DIGITAL_SIGNATURE;
            case "nonRepudiation", "contentCommitment" -> KeyUsage.Bit.NON_REPUDIATION;
            case "keyEncipherment" -> KeyUsage.Bit.KEY_ENCIPHERMENT;
            case "dataEncipherment" -> KeyUsage.Bit.DATA_ENCIPHERMENT;
            case "keyAgreement" -> KeyUsage.Bit.KEY_AGREEMENT;
            case "keyCertSign" -> KeyUsage.Bit.KEY_CERT_SIGN;
            case "cRLSign" -> KeyUsage.Bit.CRL_SIGN;
            case "encipherOnly" -> KeyUsage.Bit.ENCIPHER_ONLY;
            case "decipherOnly" -> KeyUsage.Bit.DECIPHER_ONLY;
            default -> throw new MalformedCaseException("unknown key usage " + name);
        };
    }

    private static ObjectIdentifier oid(String dotted, String field) throws MalformedCaseException {
        try {
            return ObjectIdentifier.of(dotted);
        } catch (IllegalArgumentException e) {
            throw new MalformedCaseException(field + ": '" + dotted + "' is neither a known name nor an OID", e);
        }
    }

    private static String requiredString(Map<String, Object> object, String field) throws MalformedCaseException {
        return optionalString(object, field)
                .orElseThrow(() -> new MalformedCaseException(field + " is required"));
    }

    private static Optional<String> optionalString(Map<String, Object> object, String field)
            throws MalformedCaseException {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String string)) {
            throw new MalformedCaseException(field + " must be a string");
        }
        return Optional.of(string);
    }

    private static List<String> stringList(Map<String, Object> object, String field, boolean required)
            throws MalformedCaseException {
        Object value = object.get(field);
        if (value == null) {
            if (required) {
                throw new MalformedCaseException(field + " is required");
            }
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new MalformedCaseException(field + " must be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof String string)) {
                throw new MalformedCaseException(field + " must be a list of strings");
            }
            strings.add(string);
        }
        return strings;
    }

    private static boolean flag(Map<String, Object> object, String field) throws MalformedCaseException {
        Object value = object.get(field);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean bool)) {
            throw new MalformedCaseException(field + " must be true or false");
        }
        return bool;
    }

    private static int nonNegativeInt(Object value, String field) throws MalformedCaseException {
        if (!(value instanceof BigDecimal number)) {
            throw new MalformedCaseException(field + " must be a number");
        }
        try {
            int result = number.intValueExact();
            if (result < 0) {
                throw new MalformedCaseException(field + " must not be negative");
            }
            return result;
        } catch (ArithmeticException e) {
            throw new MalformedCaseException(field + " must be a whole number", e);
        }
    }

    @Override
    public String toString() {
        return "BatchCase[" + id + ", " + purpose.name().toLowerCase(Locale.ROOT) + "]";
    }
}
