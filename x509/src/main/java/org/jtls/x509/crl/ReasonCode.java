package org.jtls.x509.crl;

import java.util.EnumSet;
import java.util.Set;
import org.jtls.x509.der.BitString;

/**
 * Why a certificate was revoked: {@code CRLReason} (RFC 5280 §5.3.1), with the bit each reason has
 * in {@code ReasonFlags} (§4.2.1.13), where distribution points and issuing distribution points say
 * which reasons a CRL covers. The two numberings differ: {@code privilegeWithdrawn} is code 9 but
 * bit 7, and {@code unspecified} and {@code removeFromCRL} have no bit.
 */
public enum ReasonCode {
    UNSPECIFIED(0, -1),
    KEY_COMPROMISE(1, 1),
    CA_COMPROMISE(2, 2),
    AFFILIATION_CHANGED(3, 3),
    SUPERSEDED(4, 4),
    CESSATION_OF_OPERATION(5, 5),
    CERTIFICATE_HOLD(6, 6),
    /** Only in delta CRLs: the entry leaves the base CRL (§5.2.4). */
    REMOVE_FROM_CRL(8, -1),
    PRIVILEGE_WITHDRAWN(9, 7),
    AA_COMPROMISE(10, 8);

    private final int code;
    private final int reasonFlagsBit;

    ReasonCode(int code, int reasonFlagsBit) {
        this.code = code;
        this.reasonFlagsBit = reasonFlagsBit;
    }

    /** The {@code CRLReason} ENUMERATED value. */
    public int code() {
        return code;
    }

    /** The reason with this code, or {@code null} (7 is unused; anything above 10 is unknown). */
    public static ReasonCode forCode(long code) {
        for (ReasonCode reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return null;
    }

    /**
     * The reasons a CRL can cover: every reason with a {@code ReasonFlags} bit. RFC 5280 §6.3.2's
     * "all-reasons".
     */
    public static Set<ReasonCode> allReasons() {
        Set<ReasonCode> all = EnumSet.noneOf(ReasonCode.class);
        for (ReasonCode reason : values()) {
            if (reason.reasonFlagsBit >= 0) {
                all.add(reason);
            }
        }
        return all;
    }

    /** The reasons whose bits are set in a {@code ReasonFlags} value; unknown bits are ignored. */
    public static Set<ReasonCode> fromReasonFlags(BitString flags) {
        Set<ReasonCode> reasons = EnumSet.noneOf(ReasonCode.class);
        for (ReasonCode reason : values()) {
            if (reason.reasonFlagsBit >= 0 && reason.reasonFlagsBit < flags.bitLength()
                    && flags.isSet(reason.reasonFlagsBit)) {
                reasons.add(reason);
            }
        }
        return reasons;
    }
}
