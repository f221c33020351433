package nftlink.nftables.expr;

import static nftlink.nftables.NfTablesUapi.*;

/** Small pieces of libnftnl's text shared by several expressions. */
final class DebugText {
    private DebugText() {
    }

    /** The next token as an unsigned 32-bit decimal number. */
    static int u32(DebugReader r) {
        long v = r.nextLong();
        if (v > 0xffffffffL || v < 0) {
            throw r.error("not a 32-bit number: " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    /**
     * The next token as an unsigned 32-bit decimal number that {@code suffix} follows
     * without a space, such as {@code 4,} in {@code jhash(reg 1, 4, 0x0)}.
     */
    static int u32Before(DebugReader r, String suffix) {
        String token = r.next();
        if (!token.endsWith(suffix)) {
            throw r.error("expected a number followed by '" + suffix + "' but found '" + token + "'");
        }
        try {
            long v = Long.parseLong(token.substring(0, token.length() - suffix.length()));
            if (v < 0 || v > 0xffffffffL) {
                throw r.error("not a 32-bit number: " + token);
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw r.error("expected a number but found '" + token + "'");
        }
    }

    /** The next token as an unsigned 32-bit hexadecimal number, with or without {@code 0x}. */
    static int u32Hex(DebugReader r) {
        long v = r.nextHex();
        if (v > 0xffffffffL || v < 0) {
            throw r.error("not a 32-bit number: 0x" + Long.toHexString(v));
        }
        return (int) v;
    }

    /** libnftnl's name of an {@code NFPROTO_*} family ({@code nftnl_family2str}), {@code unknown} for others. */
    static String family(int family) {
        return switch (family) {
            case NFPROTO_INET -> "inet";
            case NFPROTO_IPV4 -> "ip";
            case NFPROTO_ARP -> "arp";
            case NFPROTO_NETDEV -> "netdev";
            case NFPROTO_BRIDGE -> "bridge";
            case NFPROTO_IPV6 -> "ip6";
            default -> "unknown";
        };
    }

    /** The family a name stands for; {@code unknown} is read as {@code NFPROTO_UNSPEC}. */
    static int familyOf(DebugReader r, String text) {
        return switch (text) {
            case "inet" -> NFPROTO_INET;
            case "ip" -> NFPROTO_IPV4;
            case "arp" -> NFPROTO_ARP;
            case "netdev" -> NFPROTO_NETDEV;
            case "bridge" -> NFPROTO_BRIDGE;
            case "ip6" -> NFPROTO_IPV6;
            case "unknown" -> NFPROTO_UNSPEC;
            default -> throw r.error("unknown family '" + text + "'");
        };
    }

    /** {@code reg N} after {@code keyword}, if {@code keyword} is next; else {@code null}. */
    static Integer optionalRegister(DebugReader r, String keyword) {
        if (!r.accept(keyword)) {
            return null;
        }
        return r.register();
    }

    /** {@code keyword N} (a decimal number), if {@code keyword} is next; else {@code null}. */
    static Integer optionalNumber(DebugReader r, String keyword) {
        return r.accept(keyword) ? u32(r) : null;
    }
}
