package nftlink.nftables.xt;

import nftlink.nftables.Bytes;
import nftlink.nftables.lang.RejectKind;

import java.util.Optional;

/**
 * {@code -j REJECT --reject-with TYPE}: {@code struct ipt_reject_info} or {@code struct
 * ip6t_reject_info}, revision 0; the table's family says which list {@code with} indexes.
 *
 * @param with {@code IPT_ICMP_*}/{@code IPT_TCP_RESET} (IPv4) or {@code IP6T_ICMP6_*}/{@code IP6T_TCP_RESET} (IPv6)
 */
public record RejectInfo(int with) implements XtInfo {
    /** The ICMP code each {@code enum ipt_reject_with} sends, -1 where nft has no {@code reject with icmp} for it. */
    private static final int[] ICMP_CODES = {0, 1, 2, 3, -1, 9, 10, -1, 13};
    /** The ICMPv6 code each {@code enum ip6t_reject_with} sends, -1 where nft has no {@code reject with icmpv6} for it. */
    private static final int[] ICMPV6_CODES = {0, 1, -1, 3, 4, -1, -1, 5, 6};

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
        int[] codes = context.ipv6() ? ICMPV6_CODES : ICMP_CODES;
        RejectKind kind = context.ipv6() ? RejectKind.ICMPV6 : RejectKind.ICMP;
        if (with == portUnreachable) {
            return Optional.of("reject");
        }
        if (with == tcpReset) {
            return Optional.of("reject with " + RejectKind.TCP_RESET.nftName());
        }
        if (with < 0 || with >= codes.length || codes[with] < 0 || !kind.names(codes[with])) {
            return Optional.empty();
        }
        return Optional.of("reject with " + kind.nftName() + " type " + kind.codeName(codes[with]));
    }
}
