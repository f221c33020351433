package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -j MARK --set-xmark VALUE/MASK} (and {@code --set-mark}, {@code --and-mark}, ...):
 * {@code struct xt_mark_tginfo2}, revision 2: the mark becomes {@code (mark & ~mask) ^ value}.
 *
 * @param mark the value xored in
 * @param mask the bits cleared first
 */
public record MarkTarget(int mark, int mask) implements XtInfo {

    /**
     * Decodes {@code struct xt_mark_tginfo2}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static MarkTarget decode(Bytes info) {
        StructReader r = StructReader.of(info, 8, "MARK");
        return new MarkTarget(r.u32(0), r.u32(4));
    }

    @Override
    public Optional<String> text(XtContext context) {
        Xlate x = new Xlate().add("meta mark set ");
        if (mask == -1) {
            x.add("0x" + Xlate.hex(mark) + " ");
        } else if (mark == 0) {
            x.add("mark and 0x" + Xlate.hex(~mask) + " ");
        } else if (mark == mask) {
            x.add("mark or 0x" + Xlate.hex(mark) + " ");
        } else if (mask == 0) {
            x.add("mark xor 0x" + Xlate.hex(mark) + " ");
        } else {
            x.add("mark and 0x" + Xlate.hex(~mask) + " xor 0x" + Xlate.hex(mark) + " ");
        }
        return Optional.of(x.text());
    }
}
