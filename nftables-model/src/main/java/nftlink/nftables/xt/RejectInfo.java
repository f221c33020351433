package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -j REJECT --reject-with TYPE}: {@code struct ipt_reject_info} or {@code struct
 * ip6t_reject_info}, revision 0; the table's family says which list {@code with} indexes.
 *
 * @param with {@code IPT_ICMP_*}/{@code IPT_TCP_RESET} (IPv4) or {@code IP6T_ICMP6_*}/{@code IP6T_TCP_RESET} (IPv6)
 */
public record RejectInfo(int with) implements XtInfo {
    /** nft's names of the IPv4 reject types, by {@code enum ipt_reject_with}; {@code null} where none. */
    private static final String[] ICMP = {"net-unreachable", "host-unreachable", "prot-unreachable", null, null,
            "net-prohibited", "host-prohibited", null, "admin-prohibited"};
    private static final String[] ICMPV6 = {"no-route", "admin-prohibited", null, "addr-unreachable", null, null, null,
            "policy-fail", "reject-route"};

    /**
     * Decodes the 4-byte struct.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static RejectInfo decode(Bytes info) {
        StructReader r = StructReader.of(info, 4, "REJECT");
        return new RejectInfo(r.u32(0));
    }

    @Override
    public Optional<String> text(XtContext context) {
        int portUnreachable = context.ipv6() ? 4 : 3;
        int tcpReset = context.ipv6() ? 6 : 7;
        String[] names = context.ipv6() ? ICMPV6 : ICMP;
        if (with == portUnreachable) {
            return Optional.of("reject");
        }
        if (with == tcpReset) {
            return Optional.of("reject with tcp reset");
        }
        if (with < 0 || with >= names.length || names[with] == null) {
            return Optional.empty();
        }
        return Optional.of("reject with " + (context.ipv6() ? "icmpv6" : "icmp") + " type " + names[with]);
    }
}
