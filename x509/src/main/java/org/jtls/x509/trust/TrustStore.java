package org.jtls.x509.trust;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.SubjectKeyIdentifier;
import org.jtls.x509.name.DistinguishedName;

/**
 * An immutable set of trust anchors: certificates trusted as they are, whose subject names and
 * public keys start certification paths (RFC 5280 §6.1.1 (d)). Duplicates (by DER encoding) are
 * kept once. Lookups by subject name use RFC 5280 §7.1 name matching; lookups by subject key
 * identifier serve the authority key identifier of the certificate a path builder is extending.
 * Nothing here judges an anchor (expiry, key usage): path validation does.
 */
public final class TrustStore {
    private static final TrustStore EMPTY = new TrustStore(List.of());

    private final List<Certificate> anchors;
    private final Map<DistinguishedName, List<Certificate>> bySubject = new HashMap<>();
    private final Map<String, List<Certificate>> bySubjectKeyIdentifier = new HashMap<>();

    private TrustStore(Collection<Certificate> certificates) {
        this.anchors = List.copyOf(new LinkedHashSet<>(certificates));
        for (Certificate anchor : anchors) {
            bySubject.computeIfAbsent(anchor.subject(), name -> new ArrayList<>()).add(anchor);
            anchor.subjectKeyIdentifier().ifPresent(ski -> bySubjectKeyIdentifier
                    .computeIfAbsent(hex(ski.keyIdentifier()), id -> new ArrayList<>()).add(anchor));
        }
    }

    public static TrustStore empty() {
        return EMPTY;
    }

    public static TrustStore of(Collection<Certificate> anchors) {
        anchors.forEach(anchor -> Objects.requireNonNull(anchor, "anchor"));
        return new TrustStore(anchors);
    }

    public static TrustStore of(Certificate... anchors) {
        return of(List.of(anchors));
    }

    /** This store with {@code more} anchors added. */
    public TrustStore with(Collection<Certificate> more) {
        List<Certificate> all = new ArrayList<>(anchors);
        all.addAll(more);
        return of(all);
    }

    /** The anchors of both stores. */
    public TrustStore with(TrustStore other) {
        return with(other.anchors);
    }

    /** Every anchor, in the order added. */
    public List<Certificate> anchors() {
        return anchors;
    }

    public int size() {
        return anchors.size();
    }

    public boolean isEmpty() {
        return anchors.isEmpty();
    }

    /** Whether exactly this certificate (the same DER) is an anchor. */
    public boolean contains(Certificate certificate) {
        return bySubject.getOrDefault(certificate.subject(), List.of()).contains(certificate);
    }

    /** The anchors whose subject matches {@code subject} (RFC 5280 §7.1); a CA may have several. */
    public List<Certificate> bySubject(DistinguishedName subject) {
        return List.copyOf(bySubject.getOrDefault(subject, List.of()));
    }

    /** The anchors whose subject key identifier extension has exactly this value. */
    public List<Certificate> bySubjectKeyIdentifier(byte[] keyIdentifier) {
        return List.copyOf(bySubjectKeyIdentifier.getOrDefault(hex(keyIdentifier), List.of()));
    }

    public List<Certificate> bySubjectKeyIdentifier(SubjectKeyIdentifier keyIdentifier) {
        return bySubjectKeyIdentifier(keyIdentifier.keyIdentifier());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Stores are equal when they hold the same anchors. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TrustStore that && Set.copyOf(anchors).equals(Set.copyOf(that.anchors));
    }

    @Override
    public int hashCode() {
        return Set.copyOf(anchors).hashCode();
    }

    @Override
    public String toString() {
        return "TrustStore[" + anchors.size() + " anchors]";
    }
}
