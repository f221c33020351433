package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -j CONNMARK --set-xmark|--save-mark|--restore-mark}: {@code struct xt_connmark_tginfo2},
 * revision 2.
 *
 * @param ctmark    the value (set)
 * @param ctmask    the conntrack mark bits changed
 * @param nfmask    the packet mark bits copied (save, restore)
 * @param shiftDir  0 left, 1 right
 * @param shiftBits bits to shift by
 * @param mode      0 set, 1 save, 2 restore
 */
public record ConnmarkTarget(int ctmark, int ctmask, int nfmask, int shiftDir, int shiftBits, int mode) implements XtInfo {

    /**
     * Decodes {@code struct xt_connmark_tginfo2}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static ConnmarkTarget decode(Bytes info) {
        StructReader r = StructReader.of(info, 15, "CONNMARK");
        return new ConnmarkTarget(r.u32(0), r.u32(4), r.u32(8), r.u8(12), r.u8(13), r.u8(14));
    }

    @Override
    public Optional<String> text(XtContext context) {
        String braces = shiftBits != 0 ? "( " : "";
        Xlate x = new Xlate();
        switch (mode) {
            case 0 -> {
                x.add("ct mark set " + braces);
                if (ctmask == -1) {
                    x.add("0x" + Xlate.hex(ctmark) + " ");
                } else if (ctmark == 0) {
                    x.add("ct mark and 0x" + Xlate.hex(~ctmask));
                } else if (ctmark == ctmask) {
                    x.add("ct mark or 0x" + Xlate.hex(ctmark));
                } else if (ctmask == 0) {
                    x.add("ct mark xor 0x" + Xlate.hex(ctmark));
                } else {
                    x.add("ct mark xor 0x" + Xlate.hex(ctmark) + " and 0x" + Xlate.hex(~ctmask));
                }
            }
            case 1, 2 -> {
                x.add(mode == 1 ? "ct mark set " + braces + "mark" : "meta mark set " + braces + "ct mark");
                if (!(nfmask == -1 && ctmask == -1)) {
                    if (nfmask != ctmask) {
                        return Optional.empty();
                    }
                    x.add(" and 0x" + Xlate.hex(nfmask));
                }
            }
            default -> {
                // libxtables writes nothing for another mode, and calls it translated
            }
        }
        if (mode <= 2 && shiftBits != 0) {
            x.add(" ) " + (shiftDir != 0 ? ">>" : "<<") + " " + shiftBits);
        }
        return Optional.of(x.text());
    }
}
