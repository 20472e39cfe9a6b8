package org.jtls.crypto.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jtls.crypto.AeadAlgorithm;

/**
 * Parses OpenSSL-style cipher strings ({@code "ECDHE+AESGCM:!3DES:@STRENGTH"}) into an ordered list
 * of {@link CipherSuite}s, following the semantics documented in OpenSSL's {@code ciphers(1)}.
 *
 * <h2>Syntax</h2>
 * Elements are separated by {@code :}, {@code ,} or spaces. Each element is a selector, optionally
 * preceded by one prefix, or a command:
 * <ul>
 * <li>no prefix: append the selected suites that are not yet in the list, in preference order;
 *     suites already present keep their place;</li>
 * <li>{@code !}: remove the selected suites for good; later elements cannot add them back;</li>
 * <li>{@code -}: remove the selected suites; later elements may add them again;</li>
 * <li>{@code +}: move the selected suites that are in the list to its end, in their current order;</li>
 * <li>{@code @STRENGTH}: stably sort the list by {@link BulkCipher#strengthBits()}, strongest first;</li>
 * <li>{@code @SECLEVEL=n} (n in 0..5): accepted for compatibility with OpenSSL strings and ignored;
 *     jtls has no security levels, so the string alone decides which suites are enabled.</li>
 * </ul>
 * A selector is a suite's OpenSSL or IANA name, a keyword, or several of these joined by {@code +}
 * (the suites matching all of them: {@code ECDHE+AESGCM}). Names and keywords are matched ignoring
 * case (OpenSSL matches case-sensitively; every string OpenSSL accepts means the same here).
 *
 * <h2>TLS 1.3</h2>
 * As in OpenSSL, keywords select only TLS ≤ 1.2 suites: TLS 1.3 suites are configured separately
 * ({@code --ciphersuites}). A TLS 1.3 suite named explicitly is accepted and placed like any other.
 *
 * <h2>Keywords</h2>
 * <ul>
 * <li>{@code ALL}: every TLS ≤ 1.2 suite except the NULL-cipher ones; {@code COMPLEMENTOFALL}: the
 *     NULL-cipher suites;</li>
 * <li>{@code DEFAULT}: the TLS ≤ 1.2 suites jtls enables by default
 *     ({@link CipherSuite#enabledByDefault()}); unlike OpenSSL it may appear anywhere and in
 *     conjunctions; {@code COMPLEMENTOFDEFAULT}: those in {@code ALL} but not in {@code DEFAULT};</li>
 * <li>{@code HIGH}: AES and ChaCha20 suites; {@code MEDIUM}: 3DES suites;</li>
 * <li>{@code eNULL}, {@code NULL}: the NULL-cipher suites (which {@code kRSA}, {@code aECDSA} and
 *     similar keywords also match, as in OpenSSL);</li>
 * <li>key exchange: {@code kRSA}, {@code RSA}; {@code kECDHE}, {@code kEECDH}, {@code ECDH},
 *     {@code ECDHE}, {@code EECDH}; {@code kDHE}, {@code kEDH}, {@code DH}, {@code DHE},
 *     {@code EDH};</li>
 * <li>authentication: {@code aRSA}; {@code aECDSA}, {@code ECDSA};</li>
 * <li>cipher: {@code AES}, {@code AES128}, {@code AES256}, {@code AESGCM}, {@code AESCCM} (both tag
 *     lengths), {@code AESCCM8}, {@code CHACHA20}, {@code 3DES}, {@code CBC};</li>
 * <li>MAC: {@code MD5}, {@code SHA1}, {@code SHA}, {@code SHA256}, {@code SHA384} (the HMAC
 *     of CBC and NULL suites; AEAD suites have no MAC, as in OpenSSL);</li>
 * <li>version: {@code TLSv1.2} selects the suites that need TLS 1.2 (OpenSSL's meaning);
 *     {@code TLSv1}, {@code TLSv1.0} and {@code SSLv3} select the suites usable at that version.
 *     OpenSSL files the ECDHE CBC suites under {@code TLSv1}, not {@code SSLv3}; jtls allows them
 *     in SSL 3.0 (as SunJSSE does), so {@code SSLv3} includes them here;</li>
 * <li>OpenSSL keywords for algorithms jtls does not implement ({@code aNULL}, {@code ADH},
 *     {@code RC4}, {@code CAMELLIA}, {@code PSK}, {@code DSS}, ...) are accepted and match
 *     nothing, so common strings such as {@code HIGH:!aNULL:!MD5:!RC4} work unchanged.</li>
 * </ul>
 * Unknown names and keywords are errors rather than being skipped silently as OpenSSL does, and so
 * is a string that selects nothing.
 */
public final class CipherString {
    private static final Pattern ELEMENT_SEPARATORS = Pattern.compile("[:,\\s]+");
    private static final Pattern SECURITY_LEVEL = Pattern.compile("@SECLEVEL=[0-5]", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Predicate<CipherSuite>> KEYWORDS = keywords();

    private CipherString() {
    }

    /**
     * Parses {@code cipherString} into the suites it selects, in order.
     *
     * @throws IllegalArgumentException naming the offending element when a name or keyword is
     *         unknown or malformed, or when the string selects no suites
     */
    public static List<CipherSuite> parse(String cipherString) {
        Objects.requireNonNull(cipherString, "cipherString");
        SuiteList suites = new SuiteList();
        for (String element : ELEMENT_SEPARATORS.split(cipherString.trim())) {
            if (element.isEmpty()) {
                continue;
            }
            apply(element, suites, cipherString);
        }
        List<CipherSuite> selected = suites.selected();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("cipher string \"" + cipherString + "\" selects no cipher suites");
        }
        return selected;
    }

    private static void apply(String element, SuiteList suites, String cipherString) {
        if (element.startsWith("@")) {
            if (element.equalsIgnoreCase("@STRENGTH")) {
                suites.sortByStrength();
            } else if (!SECURITY_LEVEL.matcher(element).matches()) {
                throw new IllegalArgumentException("unknown command \"" + element + "\" in cipher string \""
                        + cipherString + "\"; jtls accepts @STRENGTH and @SECLEVEL=0..5");
            }
            return;
        }
        char prefix = element.charAt(0);
        String selector = prefix == '!' || prefix == '-' || prefix == '+' ? element.substring(1) : element;
        Set<CipherSuite> matched = select(selector, cipherString);
        switch (prefix) {
            case '!' -> suites.removeForever(matched);
            case '-' -> suites.remove(matched);
            case '+' -> suites.moveToEnd(matched);
            default -> suites.add(matched);
        }
    }

    /** The suites matching every {@code +}-joined part of {@code selector}. */
    private static Set<CipherSuite> select(String selector, String cipherString) {
        if (selector.isEmpty() || selector.startsWith("+") || selector.endsWith("+") || selector.contains("++")) {
            throw new IllegalArgumentException("empty name in \"" + selector + "\" in cipher string \""
                    + cipherString + "\"");
        }
        Set<CipherSuite> matched = EnumSet.allOf(CipherSuite.class);
        for (String part : selector.split("\\+")) {
            matched.retainAll(selectOne(part, cipherString));
        }
        return matched;
    }

    private static Set<CipherSuite> selectOne(String name, String cipherString) {
        Optional<CipherSuite> suite = CipherSuite.fromName(name);
        if (suite.isPresent()) {
            return EnumSet.of(suite.get());
        }
        Predicate<CipherSuite> keyword = KEYWORDS.get(name.toLowerCase(Locale.ROOT));
        if (keyword == null) {
            throw new IllegalArgumentException("unknown cipher suite or keyword \"" + name + "\" in cipher string \""
                    + cipherString + "\"; run 'jtls ciphers' to list the supported cipher suites");
        }
        Set<CipherSuite> matched = EnumSet.noneOf(CipherSuite.class);
        for (CipherSuite candidate : CipherSuite.values()) {
            if (!candidate.isTls13() && keyword.test(candidate)) {
                matched.add(candidate);
            }
        }
        return matched;
    }

    private static Map<String, Predicate<CipherSuite>> keywords() {
        Map<String, Predicate<CipherSuite>> keywords = new HashMap<>();
        Predicate<CipherSuite> nullCipher = suite -> suite.cipher() == BulkCipher.NULL;
        Predicate<CipherSuite> all = nullCipher.negate();
        Predicate<CipherSuite> byDefault = CipherSuite::enabledByDefault;
        define(keywords, all, "ALL");
        define(keywords, nullCipher, "COMPLEMENTOFALL", "eNULL", "NULL");
        define(keywords, byDefault, "DEFAULT");
        define(keywords, all.and(byDefault.negate()), "COMPLEMENTOFDEFAULT");
        define(keywords, suite -> suite.cipher() != BulkCipher.NULL && suite.cipher() != BulkCipher.TRIPLE_DES_EDE_CBC,
                "HIGH");
        define(keywords, suite -> suite.cipher() == BulkCipher.TRIPLE_DES_EDE_CBC, "MEDIUM", "3DES");

        define(keywords, suite -> suite.keyExchange() == CipherSuite.KeyExchange.RSA, "kRSA", "RSA");
        define(keywords, suite -> suite.keyExchange() == CipherSuite.KeyExchange.ECDHE,
                "kECDHE", "kEECDH", "ECDH", "ECDHE", "EECDH");
        define(keywords, suite -> suite.keyExchange() == CipherSuite.KeyExchange.DHE, "kDHE", "kEDH", "DH", "DHE", "EDH");
        define(keywords, suite -> suite.authentication() == CipherSuite.Authentication.RSA, "aRSA");
        define(keywords, suite -> suite.authentication() == CipherSuite.Authentication.ECDSA, "aECDSA", "ECDSA");

        define(keywords, suite -> suite.cipher().name().startsWith("AES_"), "AES");
        define(keywords, suite -> suite.cipher().name().startsWith("AES_128_"), "AES128");
        define(keywords, suite -> suite.cipher().name().startsWith("AES_256_"), "AES256");
        define(keywords, suite -> suite.cipher() == BulkCipher.AES_128_GCM || suite.cipher() == BulkCipher.AES_256_GCM,
                "AESGCM");
        define(keywords, suite -> suite.cipher().aeadAlgorithm().map(AeadAlgorithm::isCcm).orElse(false), "AESCCM");
        define(keywords, suite -> suite.cipher() == BulkCipher.AES_128_CCM_8 || suite.cipher() == BulkCipher.AES_256_CCM_8,
                "AESCCM8");
        define(keywords, suite -> suite.cipher() == BulkCipher.CHACHA20_POLY1305, "CHACHA20");
        define(keywords, suite -> suite.cipher().isCbc(), "CBC");

        define(keywords, suite -> suite.mac() == MacAlgorithm.HMAC_MD5, "MD5");
        define(keywords, suite -> suite.mac() == MacAlgorithm.HMAC_SHA1, "SHA1", "SHA");
        define(keywords, suite -> suite.mac() == MacAlgorithm.HMAC_SHA256, "SHA256");
        define(keywords, suite -> suite.mac() == MacAlgorithm.HMAC_SHA384, "SHA384");

        define(keywords, suite -> suite.minimumVersion() == ProtocolVersion.TLS_1_2, "TLSv1.2");
        define(keywords, suite -> suite.supports(ProtocolVersion.TLS_1_0), "TLSv1", "TLSv1.0");
        define(keywords, suite -> suite.supports(ProtocolVersion.SSL_3_0), "SSLv3");

        // OpenSSL keywords for algorithms jtls does not implement: valid, and they match nothing.
        define(keywords, suite -> false,
                "aNULL", "ADH", "AECDH", "LOW", "EXP", "EXPORT", "EXPORT40", "EXPORT56",
                "RC4", "RC2", "DES", "IDEA", "SEED",
                "CAMELLIA", "CAMELLIA128", "CAMELLIA256", "ARIA", "ARIA128", "ARIA256", "ARIAGCM",
                "PSK", "kPSK", "kECDHEPSK", "kDHEPSK", "kRSAPSK", "aPSK", "SRP", "kSRP", "aSRP",
                "aDSS", "DSS", "kDH", "kDHr", "kDHd",
                "aGOST", "aGOST01", "kGOST", "GOST94", "GOST89MAC");
        return Map.copyOf(keywords);
    }

    private static void define(Map<String, Predicate<CipherSuite>> keywords, Predicate<CipherSuite> meaning,
            String... names) {
        for (String name : names) {
            // Keywords are matched ignoring case, so two may not differ only in case (OpenSSL's
            // removed kECDHe would collide with kECDHE, for one).
            if (keywords.put(name.toLowerCase(Locale.ROOT), meaning) != null) {
                throw new IllegalStateException("cipher string keyword defined twice: " + name);
            }
        }
    }

    /**
     * OpenSSL's model of a cipher list: every suite in one ordered list, each either selected or
     * not. Adding appends newly selected suites at the end; removing with {@code -} moves suites to
     * the front, unselected, keeping their relative order, so that adding them again later restores
     * that order; {@code !} drops suites from the list altogether.
     */
    private static final class SuiteList {
        private final List<CipherSuite> order = new ArrayList<>(List.of(CipherSuite.values()));
        private final Set<CipherSuite> selected = EnumSet.noneOf(CipherSuite.class);

        void add(Set<CipherSuite> matched) {
            List<CipherSuite> added = inOrder(suite -> matched.contains(suite) && !selected.contains(suite));
            order.removeAll(added);
            order.addAll(added);
            selected.addAll(added);
        }

        void remove(Set<CipherSuite> matched) {
            List<CipherSuite> removed = inOrder(suite -> matched.contains(suite) && selected.contains(suite));
            order.removeAll(removed);
            order.addAll(0, removed);
            selected.removeAll(removed);
        }

        void removeForever(Set<CipherSuite> matched) {
            order.removeAll(matched);
            selected.removeAll(matched);
        }

        void moveToEnd(Set<CipherSuite> matched) {
            List<CipherSuite> moved = inOrder(suite -> matched.contains(suite) && selected.contains(suite));
            order.removeAll(moved);
            order.addAll(moved);
        }

        void sortByStrength() {
            List<CipherSuite> sorted = new ArrayList<>(inOrder(selected::contains));
            // List.sort is stable: suites of equal strength keep their order.
            sorted.sort(Comparator.comparingInt((CipherSuite suite) -> suite.cipher().strengthBits()).reversed());
            order.removeAll(sorted);
            order.addAll(sorted);
        }

        List<CipherSuite> selected() {
            return inOrder(selected::contains);
        }

        private List<CipherSuite> inOrder(Predicate<CipherSuite> condition) {
            List<CipherSuite> matching = new ArrayList<>();
            for (CipherSuite suite : order) {
                if (condition.test(suite)) {
                    matching.add(suite);
                }
            }
            return List.copyOf(matching);
        }
    }
}
