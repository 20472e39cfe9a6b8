package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.name.GeneralName;

/** Filters over lists of general names, shared by the alternative-name extensions. */
final class AlternativeNames {
    private AlternativeNames() {
    }

    /** In an alternative name an iPAddress is an address: 4 octets or 16, never a mask (RFC 5280 §4.2.1.6). */
    static void requirePlainAddresses(List<GeneralName> names, int offset) throws DerException {
        for (GeneralName name : names) {
            if (name instanceof GeneralName.IpAddress ip && ip.hasMask()) {
                throw new DerException("iPAddress in an alternative name must be 4 or 16 octets", offset);
            }
        }
    }

    static List<String> dnsNames(List<GeneralName> names) {
        List<String> out = new ArrayList<>();
        for (GeneralName name : names) {
            if (name instanceof GeneralName.DnsName dns) {
                out.add(dns.name());
            }
        }
        return out;
    }

    static List<GeneralName.IpAddress> ipAddresses(List<GeneralName> names) {
        List<GeneralName.IpAddress> out = new ArrayList<>();
        for (GeneralName name : names) {
            if (name instanceof GeneralName.IpAddress ip) {
                out.add(ip);
            }
        }
        return out;
    }

    static List<String> emailAddresses(List<GeneralName> names) {
        List<String> out = new ArrayList<>();
        for (GeneralName name : names) {
            if (name instanceof GeneralName.Rfc822Name email) {
                out.add(email.address());
            }
        }
        return out;
    }

    static List<String> uris(List<GeneralName> names) {
        List<String> out = new ArrayList<>();
        for (GeneralName name : names) {
            if (name instanceof GeneralName.UniformResourceIdentifier uri) {
                out.add(uri.uri());
            }
        }
        return out;
    }
}
