package org.jtls.x509.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.GeneralSubtree;
import org.jtls.x509.cert.NameConstraints;
import org.jtls.x509.cert.SubjectAlternativeName;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.name.GeneralName;

/**
 * RFC 5280 §4.2.1.10 and §6.1.3 (b)-(c): the name constraints of the CAs above a certificate (and
 * of the trust anchor certificate), applied to its subject name and subject alternative names.
 *
 * <p>Instead of computing the intersection of permitted subtrees (§6.1.4 (g)), each CA's
 * constraints are kept as they are: a name must fall within one permitted subtree of its form in
 * every CA that permits subtrees of that form, and within no excluded subtree of any CA — which is
 * the same set of names.
 *
 * <p>Name forms and rules:
 * <ul>
 *   <li>directoryName: the subject (when not empty) and directoryName alternative names, RDN by
 *       RDN with §7.1 matching;</li>
 *   <li>rfc822Name: a mailbox ({@code user@host}, local part case-sensitive), a host, or with a
 *       leading period a domain; applied to rfc822Name alternative names and also to the subject's
 *       emailAddress attributes whether or not the certificate has alternative names (stricter
 *       than §4.2.1.10, which asks for it when there are none, and what OpenSSL does);</li>
 *   <li>dNSName: the constraint and any name made by adding labels on the left; a leading period
 *       admits subdomains only; an excluded subtree also catches a wildcard name that could stand
 *       for a name in it ({@code *.example.com} against excluded {@code bad.example.com});</li>
 *   <li>iPAddress: address and mask of the same family;</li>
 *   <li>uniformResourceIdentifier: the host of the URI's authority, as for rfc822 hosts and
 *       domains; a URI without a DNS host name fails any URI constraint;</li>
 *   <li>for TLS purposes, when the leaf has no dNSName and no iPAddress alternative names, its
 *       host-name-like common names are checked as dNSNames, so a CN fallback cannot escape;</li>
 *   <li>otherName, x400Address, ediPartyName and registeredID constraints, and subtrees with a
 *       minimum or maximum, cannot be processed: a certificate with a name of such a constrained
 *       form is rejected, as §4.2.1.10 requires.</li>
 * </ul>
 */
final class NameConstraintsChecker {
    private final List<NameConstraints> applied = new ArrayList<>();
    private final Work work;

    NameConstraintsChecker(Work work) {
        this.work = work;
    }

    /** §6.1.4 (g): later certificates must also satisfy these constraints. */
    void add(NameConstraints constraints) {
        applied.add(constraints);
    }

    /** One sentence per violation; empty when the certificate's names satisfy every constraint. */
    List<String> violations(Certificate certificate, boolean tlsLeaf) throws BudgetExhaustedException {
        List<String> violations = new ArrayList<>();
        if (applied.isEmpty()) {
            return violations;
        }
        for (String email : certificate.subject().values(AttributeType.EMAIL_ADDRESS)) {
            if (!isAscii(email) && applied.stream().anyMatch(NameConstraintsChecker::constrainsEmail)) {
                violations.add("subject emailAddress '" + email
                        + "' is not an address rfc822Name constraints can check");
            }
        }
        for (GeneralName name : namesOf(certificate, tlsLeaf)) {
            for (NameConstraints constraints : applied) {
                String problem = check(name, constraints);
                if (problem != null) {
                    violations.add(problem);
                }
            }
        }
        return violations;
    }

    /** The names constraints apply to: subject, alternative names, e-mail attributes, TLS CN fallback. */
    private static List<GeneralName> namesOf(Certificate certificate, boolean tlsLeaf) {
        List<GeneralName> names = new ArrayList<>();
        DistinguishedName subject = certificate.subject();
        if (!subject.isEmpty()) {
            names.add(new GeneralName.DirectoryName(subject));
        }
        List<GeneralName> alternativeNames = certificate.subjectAlternativeName()
                .map(SubjectAlternativeName::names).orElse(List.of());
        names.addAll(alternativeNames);
        for (String email : subject.values(AttributeType.EMAIL_ADDRESS)) {
            if (isAscii(email)) {
                names.add(new GeneralName.Rfc822Name(email));
            }
        }
        boolean hasHostNames = alternativeNames.stream()
                .anyMatch(name -> name instanceof GeneralName.DnsName || name instanceof GeneralName.IpAddress);
        if (tlsLeaf && !hasHostNames) {
            for (String commonName : subject.commonNames()) {
                if (looksLikeHostName(commonName)) {
                    names.add(new GeneralName.DnsName(commonName));
                }
            }
        }
        return names;
    }

    private static boolean isAscii(String value) {
        return value.chars().allMatch(c -> c < 0x80);
    }

    private static boolean constrainsEmail(NameConstraints constraints) {
        return constraints.permitted().stream().anyMatch(NameConstraintsChecker::isEmailSubtree)
                || constraints.excluded().stream().anyMatch(NameConstraintsChecker::isEmailSubtree);
    }

    private static boolean isEmailSubtree(GeneralSubtree subtree) {
        return subtree.base() instanceof GeneralName.Rfc822Name;
    }

    private static boolean looksLikeHostName(String value) {
        if (value.isEmpty() || value.indexOf('.') < 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '*' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The violation of one CA's constraints by one name, or {@code null}. */
    private String check(GeneralName name, NameConstraints constraints) throws BudgetExhaustedException {
        Class<?> form = name.getClass();
        boolean permittedOfForm = false;
        boolean permitted = false;
        for (GeneralSubtree subtree : constraints.permitted()) {
            if (subtree.base().getClass() != form) {
                continue;
            }
            permittedOfForm = true;
            work.chargeConstraintChecks(1);
            Boolean match = matches(subtree, name, false);
            if (match == null) {
                return describe(name) + " is of a constrained name form jtls cannot check (" + subtree.base() + ")";
            }
            if (match) {
                permitted = true;
                break;
            }
        }
        if (permittedOfForm && !permitted) {
            return describe(name) + " is not within any permitted subtree";
        }
        for (GeneralSubtree subtree : constraints.excluded()) {
            if (subtree.base().getClass() != form) {
                continue;
            }
            work.chargeConstraintChecks(1);
            Boolean match = matches(subtree, name, true);
            if (match == null) {
                return describe(name) + " is of a constrained name form jtls cannot check (" + subtree.base() + ")";
            }
            if (match) {
                return describe(name) + " is within the excluded subtree " + subtree.base();
            }
        }
        return null;
    }

    private static String describe(GeneralName name) {
        return name instanceof GeneralName.DirectoryName directory ? "subject " + directory.name() : name.toString();
    }

    /** Whether the name is within the subtree; {@code null} when jtls cannot decide. */
    private static Boolean matches(GeneralSubtree subtree, GeneralName name, boolean excluded) {
        if (subtree.minimum() != 0 || subtree.maximum().isPresent()) {
            return null;
        }
        GeneralName base = subtree.base();
        if (base instanceof GeneralName.DirectoryName constraint && name instanceof GeneralName.DirectoryName dn) {
            return dn.name().isWithinSubtree(constraint.name());
        }
        if (base instanceof GeneralName.DnsName constraint && name instanceof GeneralName.DnsName dns) {
            return dnsMatches(constraint.name(), dns.name(), excluded);
        }
        if (base instanceof GeneralName.Rfc822Name constraint && name instanceof GeneralName.Rfc822Name email) {
            return emailMatches(constraint.address(), email.address());
        }
        if (base instanceof GeneralName.UniformResourceIdentifier constraint
                && name instanceof GeneralName.UniformResourceIdentifier uri) {
            String host = uriHost(uri.uri());
            // §4.2.1.10: a URI without a DNS host name fails every URI constraint.
            return host == null ? !excluded : hostMatches(constraint.uri(), host);
        }
        if (base instanceof GeneralName.IpAddress constraint && name instanceof GeneralName.IpAddress ip) {
            return ipMatches(constraint.octets(), ip.octets());
        }
        return null;
    }

    /** §4.2.1.10: names made by adding labels on the left; a leading period admits subdomains only. */
    static boolean dnsMatches(String constraint, String name, boolean excluded) {
        String c = stripTrailingDot(constraint.toLowerCase(Locale.ROOT));
        String n = stripTrailingDot(name.toLowerCase(Locale.ROOT));
        if (c.isEmpty()) {
            return true;
        }
        if (c.startsWith(".")) {
            if (n.endsWith(c) && n.length() > c.length()) {
                return true;
            }
        } else if (n.equals(c) || n.endsWith("." + c)) {
            return true;
        }
        // A wildcard stands for one label: *.example.com could be bad.example.com.
        if (excluded && n.startsWith("*.")) {
            String wildcardParent = n.substring(1);
            String bare = c.startsWith(".") ? c.substring(1) : c;
            int firstDot = bare.indexOf('.');
            return firstDot > 0 && bare.substring(firstDot).equals(wildcardParent);
        }
        return false;
    }

    private static String stripTrailingDot(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    /** A mailbox matches exactly (local part case-sensitive); a host or {@code .domain} matches the domain part. */
    static boolean emailMatches(String constraint, String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String domain = address.substring(at + 1);
        int constraintAt = constraint.lastIndexOf('@');
        if (constraintAt >= 0) {
            return address.substring(0, at).equals(constraint.substring(0, constraintAt))
                    && domain.equalsIgnoreCase(constraint.substring(constraintAt + 1));
        }
        return hostMatches(constraint, domain);
    }

    /** A host equals the constraint; with a leading period the constraint names a domain, not its apex. */
    private static boolean hostMatches(String constraint, String host) {
        String c = constraint.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (c.startsWith(".")) {
            return h.endsWith(c) && h.length() > c.length();
        }
        return h.equals(c);
    }

    /**
     * The DNS host of a URI's authority ({@code scheme://[userinfo@]host[:port]...}), or
     * {@code null} when there is no authority or its host is an IP literal.
     */
    static String uriHost(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !uri.startsWith("//", colon + 1)) {
            return null;
        }
        int start = colon + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        String authority = uri.substring(start, end);
        int at = authority.lastIndexOf('@');
        String hostPort = authority.substring(at + 1);
        if (hostPort.startsWith("[")) {
            return null;
        }
        int portColon = hostPort.indexOf(':');
        String host = portColon >= 0 ? hostPort.substring(0, portColon) : hostPort;
        if (host.isEmpty() || host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return null;
        }
        return host;
    }

    /** The address lies in the constraint's network: same family, equal under the mask. */
    static boolean ipMatches(byte[] constraint, byte[] address) {
        if (constraint.length != address.length * 2) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            int mask = constraint[address.length + i];
            if (((address[i] ^ constraint[i]) & mask) != 0) {
                return false;
            }
        }
        return true;
    }
}
