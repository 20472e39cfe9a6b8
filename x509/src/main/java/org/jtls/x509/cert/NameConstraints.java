package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;

/**
 * {@code NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 * excludedSubtrees [1] GeneralSubtrees OPTIONAL }} with {@code GeneralSubtrees ::= SEQUENCE SIZE
 * (1..MAX) OF GeneralSubtree} (RFC 5280 §4.2.1.10). An absent list is empty here; a present one may
 * not be, and at least one must be present ("MUST NOT issue ... an empty sequence").
 */
public record NameConstraints(List<GeneralSubtree> permitted, List<GeneralSubtree> excluded)
        implements ExtensionValue {
    public NameConstraints {
        permitted = List.copyOf(permitted);
        excluded = List.copyOf(excluded);
        if (permitted.isEmpty() && excluded.isEmpty()) {
            throw new IllegalArgumentException("name constraints need permitted or excluded subtrees");
        }
    }

    static NameConstraints decode(DerReader reader) throws DerException {
        int offset = reader.position();
        DerReader sequence = reader.readSequence();
        List<GeneralSubtree> permitted = subtrees(sequence, 0);
        List<GeneralSubtree> excluded = subtrees(sequence, 1);
        sequence.end();
        if (permitted.isEmpty() && excluded.isEmpty()) {
            throw new DerException("name constraints with neither permitted nor excluded subtrees", offset);
        }
        return new NameConstraints(permitted, excluded);
    }

    private static List<GeneralSubtree> subtrees(DerReader sequence, int tagNumber) throws DerException {
        List<GeneralSubtree> subtrees = new ArrayList<>();
        Tag tag = Tag.contextSpecific(tagNumber, true);
        if (!sequence.nextIs(tag)) {
            return subtrees;
        }
        int offset = sequence.position();
        DerReader contents = sequence.enter(tag);
        while (contents.hasRemaining()) {
            subtrees.add(GeneralSubtree.decode(contents));
        }
        if (subtrees.isEmpty()) {
            throw new DerException("empty GeneralSubtrees (SIZE (1..MAX))", offset);
        }
        return subtrees;
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.NAME_CONSTRAINTS;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            if (!permitted.isEmpty()) {
                sequence.writeConstructed(Tag.contextSpecific(0, true),
                        contents -> permitted.forEach(subtree -> subtree.encode(contents)));
            }
            if (!excluded.isEmpty()) {
                sequence.writeConstructed(Tag.contextSpecific(1, true),
                        contents -> excluded.forEach(subtree -> subtree.encode(contents)));
            }
        });
    }

    @Override
    public String describe() {
        List<String> lines = new ArrayList<>();
        if (!permitted.isEmpty()) {
            lines.add("Permitted:");
            permitted.forEach(subtree -> lines.add("  " + subtree));
        }
        if (!excluded.isEmpty()) {
            lines.add("Excluded:");
            excluded.forEach(subtree -> lines.add("  " + subtree));
        }
        return Text.joinLines(lines);
    }
}
