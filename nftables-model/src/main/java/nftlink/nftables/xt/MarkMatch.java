package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -m mark --mark VALUE[/MASK]}: {@code struct xt_mark_mtinfo1}, revision 1.
 *
 * @param mark   the value
 * @param mask   the bits compared
 * @param invert whether the match is negated
 */
public record MarkMatch(int mark, int mask, boolean invert) implements XtInfo {
    /**
     * Decodes {@code struct xt_mark_mtinfo1}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static MarkMatch decode(Bytes info) {
        StructReader r = StructReader.of(info, 12, "mark");
        return new MarkMatch(r.u32(0), r.u32(4), r.u8(8) != 0);
    }

    @Override
    public Optional<String> text(XtContext context) {
        return Optional.of(text("mark", mark, mask, invert));
    }

    /** {@code KEY [and 0xMASK ==|!=] 0xVALUE} as the mark and connmark translations print it. */
    static String text(String key, int mark, int mask, boolean invert) {
        Xlate x = new Xlate().add(key);
        if (mask != -1) {
            x.add(" and 0x" + Xlate.hex(mask) + " " + (invert ? "!=" : "==") + " 0x" + Xlate.hex(mark));
        } else {
            x.add(" " + (invert ? "!= " : "") + "0x" + Xlate.hex(mark));
        }
        return x.text();
    }
}
