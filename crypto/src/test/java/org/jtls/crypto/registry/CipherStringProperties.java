package org.jtls.crypto.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

class CipherStringProperties {

    @Property
    void colonJoinedOpensslNamesParseToExactlyThatList(
            @ForAll @Size(min = 1, max = 60) @UniqueElements List<CipherSuite> suites) {
        String cipherString = suites.stream().map(CipherSuite::opensslName).collect(Collectors.joining(":"));
        assertEquals(suites, CipherString.parse(cipherString));
    }

    @Property
    void ianaNamesWithMixedSeparatorsParseToExactlyThatList(
            @ForAll @Size(min = 1, max = 60) @UniqueElements List<CipherSuite> suites) {
        StringBuilder cipherString = new StringBuilder();
        String[] separators = {":", ",", " ", " : "};
        for (int i = 0; i < suites.size(); i++) {
            if (i > 0) {
                cipherString.append(separators[i % separators.length]);
            }
            cipherString.append(suites.get(i).ianaName());
        }
        assertEquals(suites, CipherString.parse(cipherString.toString()));
    }

    /**
     * Any string built from valid elements either selects a duplicate-free list that holds nothing
     * a {@code !} element removed, or is rejected for selecting nothing; nothing else escapes.
     */
    @Property
    void anyStringOfValidElementsGivesADuplicateFreeListOrSaysItSelectsNothing(
            @ForAll @Size(min = 1, max = 8) List<@From("elements") String> elements) {
        String cipherString = String.join(":", elements);
        List<CipherSuite> suites;
        try {
            suites = CipherString.parse(cipherString);
        } catch (IllegalArgumentException nothingSelected) {
            assertTrue(nothingSelected.getMessage().contains("selects no cipher suites"), nothingSelected.getMessage());
            return;
        }
        assertEquals(suites.size(), EnumSet.copyOf(suites).size(), "duplicates in " + suites);
        for (String element : elements) {
            if (element.startsWith("!")) {
                Set<CipherSuite> removed = selectedAlone(element.substring(1));
                suites.forEach(suite -> assertFalse(removed.contains(suite), suite + " survived " + element));
            }
        }
    }

    @Provide
    Arbitrary<String> elements() {
        Arbitrary<String> selector = Arbitraries.oneOf(
                Arbitraries.of("ALL", "HIGH", "MEDIUM", "DEFAULT", "COMPLEMENTOFDEFAULT", "eNULL", "aNULL", "kRSA",
                        "ECDHE", "DHE", "aRSA", "ECDSA", "AES", "AES128", "AES256", "AESGCM", "AESCCM", "AESCCM8",
                        "CHACHA20", "3DES", "SHA1", "SHA256", "SHA384", "TLSv1.2", "SSLv3", "ECDHE+AESGCM", "kRSA+SHA1"),
                Arbitraries.of(CipherSuite.class).map(CipherSuite::opensslName));
        Arbitrary<String> prefix = Arbitraries.of("", "", "!", "-", "+");
        Arbitrary<String> prefixed = Combinators.combine(prefix, selector).as((p, s) -> p + s);
        return Arbitraries.frequencyOf(
                Tuple.of(10, prefixed),
                Tuple.of(1, Arbitraries.of("@STRENGTH", "@SECLEVEL=0")));
    }

    /** What a selector selects on its own: exactly the suites it matches, since nothing precedes it. */
    private static Set<CipherSuite> selectedAlone(String selector) {
        try {
            return EnumSet.copyOf(CipherString.parse(selector));
        } catch (IllegalArgumentException nothingSelected) {
            return EnumSet.noneOf(CipherSuite.class);
        }
    }
}
