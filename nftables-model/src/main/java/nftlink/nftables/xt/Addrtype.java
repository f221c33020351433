package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -m addrtype --src-type|--dst-type TYPES}: {@code struct xt_addrtype_info_v1}, revision 1,
 * translated to a {@code fib} type lookup.
 *
 * @param source source address types ({@code 1 << RTN_*}), or 0
 * @param dest   destination address types, used when {@code source} is 0
 * @param flags  {@code XT_ADDRTYPE_*}: 1 and 2 negate, 4 and 8 limit to the input or output interface
 */
public record Addrtype(int source, int dest, int flags) implements XtInfo {
    private static final String[] TYPES = {"unspec", "unicast", "local", "broadcast", "anycast", "multicast",
            "blackhole", "unreachable", "prohibit"};

    /**
     * Decodes {@code struct xt_addrtype_info_v1}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Addrtype decode(Bytes info) {
        StructReader r = StructReader.of(info, 8, "addrtype");
        return new Addrtype(r.u16(0), r.u16(2), r.u32(4));
    }

    @Override
    public Optional<String> text(XtContext context) {
        Xlate x = new Xlate().add("fib ");
        int types;
        if (source != 0) {
            x.add("saddr ");
            types = source;
        } else {
            x.add("daddr ");
            types = dest;
        }
        if ((flags & 4) != 0) {
            x.add(". iif ");
        } else if ((flags & 8) != 0) {
            x.add(". oif ");
        }
        x.add("type ");
        if ((flags & 3) != 0) {
            x.add("!= ");
        }
        int lowest = Integer.numberOfTrailingZeros(types);
        boolean braces = types != 0 && (types >>> (lowest + 1)) > 0;
        if (braces) {
            x.add("{ ");
        }
        String sep = "";
        for (int i = 0; i < TYPES.length; i++) {
            if ((types & (1 << i)) != 0) {
                x.add(sep + TYPES[i]);
                sep = ", ";
            }
        }
        if (braces) {
            x.add(" }");
        }
        return Optional.of(x.text());
    }
}
