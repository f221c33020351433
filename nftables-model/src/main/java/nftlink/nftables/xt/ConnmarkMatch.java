package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -m connmark --mark VALUE[/MASK]}: {@code struct xt_connmark_mtinfo1}, revision 1.
 *
 * @param mark   the value
 * @param mask   the bits compared
 * @param invert whether the match is negated
 */
public record ConnmarkMatch(int mark, int mask, boolean invert) implements XtInfo {

    /**
     * Decodes {@code struct xt_connmark_mtinfo1}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static ConnmarkMatch decode(Bytes info) {
        StructReader r = StructReader.of(info, 12, "connmark");
        return new ConnmarkMatch(r.u32(0), r.u32(4), r.u8(8) != 0);
    }

    @Override
    public Optional<String> text(XtContext context) {
        return Optional.of(MarkMatch.text("ct mark", mark, mask, invert));
    }
}
