package nftlink.nftables.json;

/** The ICMP, ICMPv6 and ICMPx codes of {@code reject}, with nft's names. */
final class Rejects {
    private Rejects() {
    }

    private static final String[][] ICMP = {{"0", "net-unreachable"}, {"1", "host-unreachable"},
            {"2", "prot-unreachable"}, {"3", "port-unreachable"}, {"9", "net-prohibited"}, {"10", "host-prohibited"},
            {"13", "admin-prohibited"}};
    private static final String[][] ICMPV6 = {{"0", "no-route"}, {"1", "admin-prohibited"}, {"3", "addr-unreachable"},
            {"4", "port-unreachable"}, {"5", "policy-fail"}, {"6", "reject-route"}};
    private static final String[][] ICMPX = {{"0", "no-route"}, {"1", "port-unreachable"}, {"2", "host-unreachable"},
            {"3", "admin-prohibited"}};

    static String icmp(int code) {
        return name(ICMP, code);
    }

    static String icmpv6(int code) {
        return name(ICMPV6, code);
    }

    static String icmpx(int code) {
        return name(ICMPX, code);
    }

    private static String name(String[][] table, int code) {
        for (String[] e : table) {
            if (Integer.parseInt(e[0]) == code) {
                return e[1];
            }
        }
        return Integer.toString(code);
    }

    /**
     * The code named {@code name} (or written as a number) for {@code type}
     * ({@code icmp}, {@code icmpv6}, {@code icmpx}).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static int code(String type, String name) {
        String[][] table = switch (type) {
            case "icmp" -> ICMP;
            case "icmpv6" -> ICMPV6;
            default -> ICMPX;
        };
        for (String[] e : table) {
            if (e[1].equals(name)) {
                return Integer.parseInt(e[0]);
            }
        }
        if (name.matches("\\d{1,3}") && Integer.parseInt(name) < 256) {
            return Integer.parseInt(name);
        }
        throw new IllegalArgumentException("unknown " + type + " reject code \"" + name + "\"");
    }
}
