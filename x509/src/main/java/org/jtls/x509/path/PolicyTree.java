package org.jtls.x509.path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jtls.x509.cert.CertificatePolicies;
import org.jtls.x509.cert.PolicyMappings;
import org.jtls.x509.der.ObjectIdentifier;

/**
 * The valid_policy_tree of RFC 5280 §6.1.2 (a), with the operations §6.1.3 (d)-(e), §6.1.4 (b) and
 * §6.1.5 (g) perform on it. A NULL tree is {@link #isNull()}. Qualifiers are not kept: jtls does
 * not process them (§4.2.1.4 lets a validator ignore them).
 *
 * <p>Every node created is charged to the work budget, so a hostile chain of policy mappings that
 * would grow the tree exponentially ends in a budget error.
 */
final class PolicyTree {
    static final ObjectIdentifier ANY_POLICY = CertificatePolicies.ANY_POLICY;

    /** A node: its valid_policy, expected_policy_set, parent and children. */
    static final class Node {
        final ObjectIdentifier validPolicy;
        Set<ObjectIdentifier> expectedPolicySet;
        final Node parent;
        final List<Node> children = new ArrayList<>();
        final int depth;

        Node(ObjectIdentifier validPolicy, Set<ObjectIdentifier> expectedPolicySet, Node parent) {
            this.validPolicy = validPolicy;
            this.expectedPolicySet = expectedPolicySet;
            this.parent = parent;
            this.depth = parent == null ? 0 : parent.depth + 1;
        }

        boolean isAnyPolicy() {
            return validPolicy.equals(ANY_POLICY);
        }

        boolean hasChildWithPolicy(ObjectIdentifier policy) {
            return children.stream().anyMatch(child -> child.validPolicy.equals(policy));
        }
    }

    private final Work work;
    private Node root;

    /** §6.1.2 (a): one anyPolicy node expecting anyPolicy, at depth 0. */
    PolicyTree(Work work) {
        this.work = work;
        this.root = new Node(ANY_POLICY, Set.of(ANY_POLICY), null);
    }

    boolean isNull() {
        return root == null;
    }

    /** §6.1.3 (e): no certificate policies extension. */
    void setNull() {
        root = null;
    }

    private Node addChild(Node parent, ObjectIdentifier policy, Set<ObjectIdentifier> expected)
            throws BudgetExhaustedException {
        work.chargeConstraintChecks(1);
        Node child = new Node(policy, expected, parent);
        parent.children.add(child);
        return child;
    }

    List<Node> nodesAtDepth(int depth) {
        List<Node> level = new ArrayList<>();
        if (root != null) {
            collect(root, depth, level);
        }
        return level;
    }

    private static void collect(Node node, int depth, List<Node> out) {
        if (node.depth == depth) {
            out.add(node);
            return;
        }
        for (Node child : node.children) {
            collect(child, depth, out);
        }
    }

    /**
     * §6.1.3 (d) for certificate {@code i}, whose certificate policies are {@code policies};
     * {@code anyPolicyCounts} says whether its anyPolicy is processed (inhibit_anyPolicy &gt; 0, or
     * it is an intermediate self-issued certificate).
     */
    void processCertificatePolicies(int i, List<ObjectIdentifier> policies, boolean anyPolicyCounts)
            throws BudgetExhaustedException {
        if (root == null) {
            return;
        }
        List<Node> parents = nodesAtDepth(i - 1);
        // (d)(1): each policy other than anyPolicy extends the nodes that expect it, or else anyPolicy nodes.
        for (ObjectIdentifier policy : policies) {
            if (policy.equals(ANY_POLICY)) {
                continue;
            }
            boolean matched = false;
            for (Node parent : parents) {
                if (parent.expectedPolicySet.contains(policy)) {
                    addChild(parent, policy, Set.of(policy));
                    matched = true;
                }
            }
            if (!matched) {
                for (Node parent : parents) {
                    if (parent.isAnyPolicy()) {
                        addChild(parent, policy, Set.of(policy));
                    }
                }
            }
        }
        // (d)(2): anyPolicy extends every expected policy that no child carries yet.
        if (policies.contains(ANY_POLICY) && anyPolicyCounts) {
            for (Node parent : parents) {
                for (ObjectIdentifier expected : new ArrayList<>(parent.expectedPolicySet)) {
                    if (!parent.hasChildWithPolicy(expected)) {
                        addChild(parent, expected, Set.of(expected));
                    }
                }
            }
        }
        // (d)(3)
        prune(i - 1);
    }

    /**
     * §6.1.4 (b) for certificate {@code i}'s policy mappings; {@code mappingAllowed} is
     * policy_mapping &gt; 0. The anyPolicy check of (a) is the caller's.
     */
    void processPolicyMappings(int i, PolicyMappings mappings, boolean mappingAllowed)
            throws BudgetExhaustedException {
        if (root == null) {
            return;
        }
        Map<ObjectIdentifier, Set<ObjectIdentifier>> mapped = new LinkedHashMap<>();
        for (PolicyMappings.Mapping mapping : mappings.mappings()) {
            mapped.computeIfAbsent(mapping.issuerDomainPolicy(), key -> new LinkedHashSet<>())
                    .add(mapping.subjectDomainPolicy());
        }
        for (Map.Entry<ObjectIdentifier, Set<ObjectIdentifier>> entry : mapped.entrySet()) {
            ObjectIdentifier issuerDomainPolicy = entry.getKey();
            List<Node> level = nodesAtDepth(i);
            if (mappingAllowed) {
                boolean found = false;
                for (Node node : level) {
                    if (node.validPolicy.equals(issuerDomainPolicy)) {
                        node.expectedPolicySet = Set.copyOf(entry.getValue());
                        found = true;
                    }
                }
                if (!found) {
                    for (Node node : level) {
                        if (node.isAnyPolicy()) {
                            addChild(node.parent, issuerDomainPolicy, Set.copyOf(entry.getValue()));
                            break;
                        }
                    }
                }
            } else {
                for (Node node : level) {
                    if (node.validPolicy.equals(issuerDomainPolicy)) {
                        node.parent.children.remove(node);
                    }
                }
                prune(i - 1);
            }
        }
    }

    /** Deletes childless nodes of depth {@code maxDepth} or less, repeatedly (§6.1.3 (d)(3)). */
    void prune(int maxDepth) {
        if (root == null) {
            return;
        }
        pruneBelow(root, maxDepth);
        if (root.depth <= maxDepth && root.children.isEmpty()) {
            root = null;
        }
    }

    private static void pruneBelow(Node node, int maxDepth) {
        for (Node child : new ArrayList<>(node.children)) {
            pruneBelow(child, maxDepth);
            if (child.depth <= maxDepth && child.children.isEmpty()) {
                node.children.remove(child);
            }
        }
    }

    /** §6.1.5 (g): intersects the tree of an {@code n}-certificate path with the user-initial-policy-set. */
    void intersect(int n, Set<ObjectIdentifier> userInitialPolicySet) throws BudgetExhaustedException {
        if (root == null || userInitialPolicySet.contains(ANY_POLICY)) {
            return;
        }
        // (iii) 1-2: the nodes whose parent is anyPolicy, and those not acceptable to the user go.
        List<Node> validPolicyNodeSet = new ArrayList<>();
        collectValidPolicyNodeSet(root, validPolicyNodeSet);
        Set<ObjectIdentifier> inNodeSet = new LinkedHashSet<>();
        for (Node node : validPolicyNodeSet) {
            inNodeSet.add(node.validPolicy);
            if (!node.isAnyPolicy() && !userInitialPolicySet.contains(node.validPolicy)) {
                node.parent.children.remove(node);
            }
        }
        // (iii) 3: an anyPolicy leaf becomes the user's policies that the tree does not already hold.
        for (Node anyLeaf : nodesAtDepth(n)) {
            if (!anyLeaf.isAnyPolicy()) {
                continue;
            }
            Node parent = anyLeaf.parent;
            for (ObjectIdentifier policy : userInitialPolicySet) {
                if (!inNodeSet.contains(policy)) {
                    addChild(parent, policy, Set.of(policy));
                }
            }
            parent.children.remove(anyLeaf);
        }
        // (iii) 4
        prune(n - 1);
    }

    private static void collectValidPolicyNodeSet(Node node, List<Node> out) {
        for (Node child : node.children) {
            if (node.isAnyPolicy()) {
                out.add(child);
                if (child.isAnyPolicy()) {
                    collectValidPolicyNodeSet(child, out);
                }
            }
        }
    }

    /**
     * The user-constrained policy set of an {@code n}-certificate path, in the trust anchor's
     * domain: for each leaf node of depth n, the first policy other than anyPolicy on its branch
     * from the root, or anyPolicy when the whole branch is anyPolicy.
     */
    Set<ObjectIdentifier> authorityPolicies(int n) {
        Set<ObjectIdentifier> policies = new LinkedHashSet<>();
        for (Node leaf : nodesAtDepth(n)) {
            Node topmost = leaf;
            for (Node node = leaf; node != null && node.depth > 0; node = node.parent) {
                if (!node.isAnyPolicy()) {
                    topmost = node;
                }
            }
            policies.add(topmost.validPolicy);
        }
        return policies;
    }
}
