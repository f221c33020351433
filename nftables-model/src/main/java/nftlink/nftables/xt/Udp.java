package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -p udp -m udp}: {@code struct xt_udp}, revision 0.
 *
 * @param sportMin lowest source port
 * @param sportMax highest source port
 * @param dportMin lowest destination port
 * @param dportMax highest destination port
 * @param invert   {@code XT_UDP_INV_*}: 1 source ports, 2 destination ports
 */
public record Udp(int sportMin, int sportMax, int dportMin, int dportMax, int invert) implements XtInfo {
    static final int SIZE = 10;

    /**
     * Decodes {@code struct xt_udp}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Udp decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "udp");
        return new Udp(r.u16(0), r.u16(2), r.u16(4), r.u16(6), r.u8(8));
    }

    @Override
    public Optional<String> text(XtContext context) {
        Xlate x = new Xlate();
        boolean any = false;
        Ports source = new Ports(sportMin, sportMax);
        if (!source.skipped((invert & 1) != 0)) {
            x.add(source.text("udp", "sport", (invert & 1) != 0));
            any = true;
        }
        Ports destination = new Ports(dportMin, dportMax);
        if (!destination.skipped((invert & 2) != 0)) {
            x.add(destination.text("udp", "dport", (invert & 2) != 0));
            any = true;
        }
        if (!any) {
            x.add("meta l4proto udp");
        }
        return Optional.of(x.text());
    }
}
