package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -p tcp -m tcp}: {@code struct xt_tcp}, revision 0 (iptables-nft writes ports and flags
 * natively and this match for {@code --tcp-option}).
 *
 * @param sportMin    lowest source port
 * @param sportMax    highest source port
 * @param dportMin    lowest destination port
 * @param dportMax    highest destination port
 * @param option      the TCP option kind that must be present, or 0
 * @param flagMask    the TCP flags looked at
 * @param flagCompare the flags of those that must be set
 * @param invert      {@code XT_TCP_INV_*}: 1 source ports, 2 destination ports, 4 flags, 8 option
 */
public record Tcp(int sportMin, int sportMax, int dportMin, int dportMax, int option, int flagMask, int flagCompare,
                  int invert) implements XtInfo {
    static final int SIZE = 12;
    private static final String[] FLAG_NAMES = {"fin", "syn", "rst", "psh", "ack", "urg"};

    /**
     * Decodes {@code struct xt_tcp}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Tcp decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "tcp");
        return new Tcp(r.u16(0), r.u16(2), r.u16(4), r.u16(6), r.u8(8), r.u8(9), r.u8(10), r.u8(11));
    }

    @Override
    public Optional<String> text(XtContext context) {
        if (((flagMask | flagCompare) & 0xc0) != 0) {
            // libxtables names six flags only and runs past its table on ecn and cwr
            return Optional.empty();
        }
        Xlate x = new Xlate();
        boolean any = false;
        Ports source = new Ports(sportMin, sportMax);
        if (!source.skipped((invert & 1) != 0)) {
            x.add(source.text("tcp", "sport", (invert & 1) != 0));
            any = true;
        }
        Ports destination = new Ports(dportMin, dportMax);
        if (!destination.skipped((invert & 2) != 0)) {
            x.add(destination.text("tcp", "dport", (invert & 2) != 0));
            any = true;
        }
        if (option != 0) {
            x.add("tcp option " + option + " " + ((invert & 8) != 0 ? "missing" : "exists"));
            any = true;
        }
        if (flagMask != 0 || (invert & 4) != 0) {
            x.add("tcp flags " + ((invert & 4) != 0 ? "!= " : ""));
            flags(x, flagCompare);
            x.add(" / ");
            flags(x, flagMask);
            any = true;
        }
        if (!any) {
            x.add("meta l4proto tcp");
        }
        return Optional.of(x.text());
    }

    private static void flags(Xlate x, int flags) {
        boolean first = true;
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                x.add((first ? "" : ",") + FLAG_NAMES[i]);
                first = false;
            }
        }
        if (first) {
            x.add("0x0");
        }
    }
}
