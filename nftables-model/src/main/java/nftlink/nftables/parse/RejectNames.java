package nftlink.nftables.parse;

import java.util.Map;

/** The ICMP, ICMPv6 and ICMPx reject codes by nft's names. */
final class RejectNames {
    private RejectNames() {
    }

    private static final Map<String, Integer> ICMP = Map.of("net-unreachable", 0, "host-unreachable", 1,
            "prot-unreachable", 2, "port-unreachable", 3, "net-prohibited", 9, "host-prohibited", 10,
            "admin-prohibited", 13);
    private static final Map<String, Integer> ICMPV6 = Map.of("no-route", 0, "admin-prohibited", 1,
            "addr-unreachable", 3, "port-unreachable", 4, "policy-fail", 5, "reject-route", 6);
    private static final Map<String, Integer> ICMPX = Map.of("no-route", 0, "port-unreachable", 1,
            "host-unreachable", 2, "admin-prohibited", 3);

    /** The code named by {@code t} for reject kind {@code kind} ({@code icmp}, {@code icmpv6}, {@code icmpx}). */
    static int code(Token t, String kind) {
        Map<String, Integer> names = switch (kind) {
            case "icmp" -> ICMP;
            case "icmpv6" -> ICMPV6;
            default -> ICMPX;
        };
        Integer code = names.get(t.text());
        if (code != null) {
            return code;
        }
        try {
            int n = Integer.parseInt(t.text());
            if (n >= 0 && n <= 255) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw Cursor.error(t, "unknown " + kind + " code " + t.text() + " (expected "
                + String.join(", ", new java.util.TreeSet<>(names.keySet())) + " or a number)");
    }
}
