package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -p ipv6-icmp -m icmp6 --icmpv6-type T[/C]}: {@code struct ip6t_icmp}, revision 0 (IPv6).
 * Neighbour discovery types translate to nft's {@code nd-*} names; a single code has no translation.
 *
 * @param type    the ICMPv6 type
 * @param codeMin lowest code
 * @param codeMax highest code
 * @param invert  whether the match is negated
 */
public record Icmp6(int type, int codeMin, int codeMax, boolean invert) implements XtInfo {
    static final int SIZE = 4;
    private static final String[] NEIGHBOUR_DISCOVERY = {"nd-router-solicit", "nd-router-advert", "nd-neighbor-solicit",
            "nd-neighbor-advert", "nd-redirect"};

    /**
     * Decodes {@code struct ip6t_icmp}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Icmp6 decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "icmp6");
        return new Icmp6(r.u8(0), r.u8(1), r.u8(2), (r.u8(3) & 1) != 0);
    }

    @Override
    public Optional<String> text(XtContext context) {
        if (codeMin == codeMax) {
            return Optional.empty();
        }
        String name = type >= 133 && type <= 137 ? NEIGHBOUR_DISCOVERY[type - 133]
                : IcmpNames.find(IcmpNames.ICMPV6, type, codeMin, codeMax);
        return name == null ? Optional.empty()
                : Optional.of(new Xlate().add("icmpv6 type" + (invert ? " !=" : "") + " ").add(name).text());
    }
}
