package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -j TCPMSS --set-mss N | --clamp-mss-to-pmtu}: {@code struct xt_tcpmss_info}, revision 0.
 *
 * @param mss the MSS, or 0xffff to clamp to the path MTU
 */
public record Tcpmss(int mss) implements XtInfo {

    /**
     * Decodes {@code struct xt_tcpmss_info}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Tcpmss decode(Bytes info) {
        StructReader r = StructReader.of(info, 2, "TCPMSS");
        return new Tcpmss(r.u16(0));
    }

    @Override
    public Optional<String> text(XtContext context) {
        return Optional.of("tcp option maxseg size set " + (mss == 0xffff ? "rt mtu" : Integer.toString(mss)));
    }
}
