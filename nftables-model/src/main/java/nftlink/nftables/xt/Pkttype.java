package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -m pkttype --pkt-type TYPE}: {@code struct xt_pkttype_info}, revision 0.
 *
 * @param pkttype {@code PACKET_*}: 0 unicast (to this host), 1 broadcast, 2 multicast, ...
 * @param invert  whether the match is negated
 */
public record Pkttype(int pkttype, boolean invert) implements XtInfo {

    /**
     * Decodes {@code struct xt_pkttype_info}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Pkttype decode(Bytes info) {
        StructReader r = StructReader.of(info, 8, "pkttype");
        return new Pkttype(r.u32(0), r.u32(4) != 0);
    }

    @Override
    public Optional<String> text(XtContext context) {
        String name = switch (pkttype) {
            case 0 -> "unicast";
            case 1 -> "broadcast";
            case 2 -> "multicast";
            default -> Integer.toString(pkttype);
        };
        return Optional.of(new Xlate().add("pkttype" + (invert ? " !=" : "") + " ").add(name).text());
    }
}
