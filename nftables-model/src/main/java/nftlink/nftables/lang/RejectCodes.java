package nftlink.nftables.lang;

/** The ICMP, ICMPv6 and ICMPx codes a reject can send, with nft's names. */
final class RejectCodes {
    private RejectCodes() {
    }

    static String icmp(int code) {
        return switch (code) {
            case 0 -> "net-unreachable";
            case 1 -> "host-unreachable";
            case 2 -> "prot-unreachable";
            case 3 -> "port-unreachable";
            case 9 -> "net-prohibited";
            case 10 -> "host-prohibited";
            case 13 -> "admin-prohibited";
            default -> Integer.toString(code);
        };
    }

    static String icmpv6(int code) {
        return switch (code) {
            case 0 -> "no-route";
            case 1 -> "admin-prohibited";
            case 3 -> "addr-unreachable";
            case 4 -> "port-unreachable";
            case 5 -> "policy-fail";
            case 6 -> "reject-route";
            default -> Integer.toString(code);
        };
    }

    static String icmpx(int code) {
        return switch (code) {
            case 0 -> "no-route";
            case 1 -> "port-unreachable";
            case 2 -> "host-unreachable";
            case 3 -> "admin-prohibited";
            default -> Integer.toString(code);
        };
    }

    /** The code for a name of the given kind ({@code icmp}, {@code icmpv6}, {@code icmpx}). */
    static int code(String kind, String name) {
        for (int code = 0; code < 256; code++) {
            String n = switch (kind) {
                case "icmp" -> icmp(code);
                case "icmpv6" -> icmpv6(code);
                default -> icmpx(code);
            };
            if (n.equals(name)) {
                return code;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " reject code " + name);
    }
}
