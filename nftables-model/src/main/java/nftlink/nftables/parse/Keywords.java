package nftlink.nftables.parse;

import java.util.Set;

/**
 * The words nft's scanner turns into keywords in every context, so that they can never name a table,
 * chain, set, object or flowtable (nft 1.1.3's {@code scanner.l}, rules outside any start condition).
 */
final class Keywords {

    private static final Set<String> RESERVED = Set.of(
            "8021ad", "8021q", "accept", "add", "ah", "all", "and", "arp", "auto-merge", "bridge", "cgroup", "chain",
            "comment", "comp", "constant", "continue", "counter", "cpu", "create", "ct", "day", "dccp", "define",
            "delete", "describe", "destroy", "device", "devices", "dnat", "drop", "dst", "dup", "dynamic", "ecn",
            "element", "elements", "eq", "esp", "ether", "exists", "expires", "export", "exthdr", "fib", "flags",
            "flow", "flowtable", "flush", "frag", "fwd", "gc-interval", "ge", "geneve", "get", "goto", "gre",
            "gretap", "gt", "handle", "hbh", "hook", "hour", "ibriport", "ibrname", "icmp", "icmpv6", "igmp", "iif",
            "iifgroup", "iifname", "iiftype", "import", "include", "index", "inet", "insert", "interval", "ip",
            "ip6", "ipsec", "jhash", "jump", "le", "limit", "list", "log", "lshift", "lt", "map", "mark",
            "masquerade", "meta", "meter", "mh", "missing", "monitor", "ne", "netdev", "nftrace", "not", "notrack",
            "numgen", "obriport", "obrname", "offload", "oif", "oifgroup", "oifname", "oiftype", "or", "osf",
            "pkttype", "policy", "position", "priority", "queue", "quota", "random", "redefine", "redirect",
            "reject", "rename", "replace", "reset", "return", "rshift", "rt", "rt0", "rt2", "rtclassid", "rule",
            "ruleset", "sctp", "secmark", "set", "size", "skgid", "skuid", "snat", "socket", "srh", "symhash",
            "synproxy", "table", "tcp", "th", "time", "timeout", "tproxy", "type", "typeof", "udp", "udplite",
            "undefine", "update", "vlan", "vmap", "vni", "vxlan", "xor", "xt");

    private Keywords() {
    }

    /** Whether {@code word} is a keyword wherever it stands in nft's language. */
    static boolean reserved(String word) {
        return RESERVED.contains(word);
    }
}
