package nftlink.nftables.xt;

import java.util.List;

/** The ICMP and ICMPv6 type/code names of libxtables' icmp and icmp6 matches, in their table order. */
final class IcmpNames {
    private IcmpNames() {
    }

    /** One name: a type and the code range it covers. */
    record Entry(String name, int type, int codeMin, int codeMax) {
    }

    static final List<Entry> ICMP = List.of(
            e("any", 0xff, 0, 0xff), e("echo-reply", 0, 0, 0xff), e("pong", 0, 0, 0xff),
            e("destination-unreachable", 3, 0, 0xff), e("network-unreachable", 3, 0, 0),
            e("host-unreachable", 3, 1, 1), e("protocol-unreachable", 3, 2, 2), e("port-unreachable", 3, 3, 3),
            e("fragmentation-needed", 3, 4, 4), e("source-route-failed", 3, 5, 5), e("network-unknown", 3, 6, 6),
            e("host-unknown", 3, 7, 7), e("network-prohibited", 3, 9, 9), e("host-prohibited", 3, 10, 10),
            e("TOS-network-unreachable", 3, 11, 11), e("TOS-host-unreachable", 3, 12, 12),
            e("communication-prohibited", 3, 13, 13), e("host-precedence-violation", 3, 14, 14),
            e("precedence-cutoff", 3, 15, 15), e("source-quench", 4, 0, 0xff), e("redirect", 5, 0, 0xff),
            e("network-redirect", 5, 0, 0), e("host-redirect", 5, 1, 1), e("TOS-network-redirect", 5, 2, 2),
            e("TOS-host-redirect", 5, 3, 3), e("echo-request", 8, 0, 0xff), e("ping", 8, 0, 0xff),
            e("router-advertisement", 9, 0, 0xff), e("router-solicitation", 10, 0, 0xff),
            e("time-exceeded", 11, 0, 0xff), e("ttl-exceeded", 11, 0, 0xff), e("ttl-zero-during-transit", 11, 0, 0),
            e("ttl-zero-during-reassembly", 11, 1, 1), e("parameter-problem", 12, 0, 0xff),
            e("ip-header-bad", 12, 0, 0), e("required-option-missing", 12, 1, 1), e("timestamp-request", 13, 0, 0xff),
            e("timestamp-reply", 14, 0, 0xff), e("address-mask-request", 17, 0, 0xff),
            e("address-mask-reply", 18, 0, 0xff));

    static final List<Entry> ICMPV6 = List.of(
            e("destination-unreachable", 1, 0, 0xff), e("no-route", 1, 0, 0), e("communication-prohibited", 1, 1, 1),
            e("beyond-scope", 1, 2, 2), e("address-unreachable", 1, 3, 3), e("port-unreachable", 1, 4, 4),
            e("failed-policy", 1, 5, 5), e("reject-route", 1, 6, 6), e("packet-too-big", 2, 0, 0xff),
            e("time-exceeded", 3, 0, 0xff), e("ttl-exceeded", 3, 0, 0xff), e("ttl-zero-during-transit", 3, 0, 0),
            e("ttl-zero-during-reassembly", 3, 1, 1), e("parameter-problem", 4, 0, 0xff), e("bad-header", 4, 0, 0),
            e("unknown-header-type", 4, 1, 1), e("unknown-option", 4, 2, 2), e("echo-request", 128, 0, 0xff),
            e("ping", 128, 0, 0xff), e("echo-reply", 129, 0, 0xff), e("pong", 129, 0, 0xff),
            e("mld-listener-query", 130, 0, 0xff), e("mld-listener-report", 131, 0, 0xff),
            e("mld-listener-done", 132, 0, 0xff), e("mld-listener-reduction", 132, 0, 0xff),
            e("router-solicitation", 133, 0, 0xff), e("router-advertisement", 134, 0, 0xff),
            e("neighbour-solicitation", 135, 0, 0xff), e("neighbor-solicitation", 135, 0, 0xff),
            e("neighbour-advertisement", 136, 0, 0xff), e("neighbor-advertisement", 136, 0, 0xff),
            e("redirect", 137, 0, 0xff));

    /** The first name of {@code table} for exactly this type and code range, or {@code null}. */
    static String find(List<Entry> table, int type, int codeMin, int codeMax) {
        for (Entry e : table) {
            if (e.type() == type && e.codeMin() == codeMin && e.codeMax() == codeMax) {
                return e.name();
            }
        }
        return null;
    }

    private static Entry e(String name, int type, int codeMin, int codeMax) {
        return new Entry(name, type, codeMin, codeMax);
    }
}
