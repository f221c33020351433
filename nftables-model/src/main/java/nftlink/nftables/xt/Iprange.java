package nftlink.nftables.xt;

import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code -m iprange --src-range|--dst-range A-B}: {@code struct xt_iprange_mtinfo}, revision 1.
 *
 * @param addresses src_min, src_max, dst_min and dst_max (4 × 16 bytes; IPv4 in the first 4 of each)
 * @param flags     {@code IPRANGE_*}: 1 source, 2 destination, 0x10 and 0x20 negate them
 */
public record Iprange(Bytes addresses, int flags) implements XtInfo {
    static final int SIZE = 68;

    /**
     * Decodes {@code struct xt_iprange_mtinfo}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Iprange decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "iprange");
        return new Iprange(Bytes.of(r.bytes(0, 64)), r.u8(64));
    }

    @Override
    public Optional<String> text(XtContext context) {
        Xlate x = new Xlate();
        String family = context.ipv6() ? "ip6" : "ip";
        if ((flags & 1) != 0) {
            x.add(family + " saddr" + ((flags & 0x10) != 0 ? " !=" : "") + " " + address(0, context.ipv6()));
            x.add("-" + address(1, context.ipv6()));
        }
        if ((flags & 2) != 0) {
            x.add(family + " daddr" + ((flags & 0x20) != 0 ? " !=" : "") + " " + address(2, context.ipv6()));
            x.add("-" + address(3, context.ipv6()));
        }
        return Optional.of(x.text());
    }

    private String address(int i, boolean ipv6) {
        byte[] all = addresses.toArray();
        return Datatype.printAddress(Arrays.copyOfRange(all, 16 * i, 16 * i + (ipv6 ? 16 : 4)));
    }
}
