package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -m owner}: {@code struct xt_owner_match_info}, revision 1. libxtables translates a uid
 * or a gid alone ({@code skuid}, {@code skgid}); with {@code --socket-exists} or
 * {@code --suppl-groups} there is no translation.
 *
 * @param uidMin lowest uid
 * @param uidMax highest uid
 * @param gidMin lowest gid
 * @param gidMax highest gid
 * @param match  {@code XT_OWNER_*} of what is matched: 1 uid, 2 gid, 4 socket, 8 supplementary groups
 * @param invert {@code XT_OWNER_*} of what is negated
 */
public record Owner(int uidMin, int uidMax, int gidMin, int gidMax, int match, int invert) implements XtInfo {
    static final int SIZE = 20;

    /**
     * Decodes {@code struct xt_owner_match_info}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Owner decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "owner");
        return new Owner(r.u32(0), r.u32(4), r.u32(8), r.u32(12), r.u8(16), r.u8(17));
    }

    @Override
    public Optional<String> text(XtContext context) {
        return switch (match) {
            case 1 -> Optional.of(range("skuid", uidMin, uidMax));
            case 2 -> Optional.of(range("skgid", gidMin, gidMax));
            default -> Optional.empty();
        };
    }

    private String range(String key, int min, int max) {
        return new Xlate().add(key + (invert != 0 ? " !=" : "") + " ")
                .add(min != max ? Xlate.unsigned(min) + "-" + Xlate.unsigned(max) : Xlate.unsigned(min)).text();
    }
}
