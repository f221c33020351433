package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes the matches of the wider expression families into a generated rule: IPv6
 * extension headers, TCP and IP options, the other transport headers (sctp, dccp,
 * udplite, ah, esp, comp), icmp and icmpv6 fields, {@code fib}, {@code rt},
 * {@code socket}, {@code osf}, {@code numgen} and hashes, and the wider {@code meta} and
 * {@code ct} keys. Each fits the rule's family and protocols, and the chain's hook where
 * the kernel restricts one (only in base chains then: a regular chain may be reached
 * from any hook).
 */
final class ExpressionWriter {

    private static final List<String> MH_TYPES = List.of("binding-refresh-request", "home-test-init", "careof-test-init",
            "home-test", "careof-test", "binding-update", "binding-acknowledgement", "binding-error");
    private static final List<String> SCTP_CHUNKS = List.of("data", "init", "init-ack", "sack", "heartbeat", "abort",
            "shutdown", "cookie-echo");
    private static final List<String> DCCP_TYPES = List.of("request", "response", "data", "ack", "dataack", "closereq",
            "close", "reset", "sync", "syncack");
    private static final List<String> ICMP_CODES = List.of("net-unreachable", "host-unreachable", "prot-unreachable",
            "port-unreachable", "frag-needed", "net-prohibited", "host-prohibited", "admin-prohibited");
    private static final List<String> ICMPV6_CODES = List.of("no-route", "admin-prohibited", "addr-unreachable",
            "port-unreachable", "policy-fail", "reject-route");
    private static final List<String> CT_STATUS = List.of("expected", "seen-reply", "assured", "confirmed", "snat", "dnat",
            "dying");

    private final Choices c;
    private final String family;

    ExpressionWriter(Choices c, TablePlan table) {
        this.c = c;
        this.family = table.family;
    }

    /**
     * Sometimes adds one match of a wider family to {@code rule} in {@code chain}; {@code set} is the named set the rule
     * will use, or {@code null}.
     */
    void match(RuleText rule, TablePlan.ChainPlan chain, SetPlan set) {
        List<GeneratorFeature> kinds = kinds(rule, chain, set);
        if (kinds.isEmpty() || !(c.roll(30) || kinds.stream().anyMatch(c::focused))) {
            return;
        }
        GeneratorFeature kind = c.pickFeature(kinds);
        if (kind == null) {
            return;
        }
        String hook = chain.base() ? chain.hook() : null;
        switch (kind) {
            case MATCH_EXTHDR -> rule.add(exthdr(), "exthdr");
            // no selector: nft takes a tcp option match as no transport match for nat to ports
            case MATCH_TCP_OPTION -> rule.add(tcpOption(), null);
            case MATCH_IP_OPTION -> rule.add(ipOption(), "ip option");
            case MATCH_SCTP, MATCH_DCCP, MATCH_UDPLITE, MATCH_IPSEC_HEADERS, MATCH_ICMP_FIELDS -> transport(rule, kind);
            case MATCH_FIB -> rule.add(fib(hook), "fib");
            case MATCH_RT -> rule.add(rt(rule, hook), "rt");
            case MATCH_SOCKET -> rule.add(socket(), "socket");
            case MATCH_OSF -> rule.add(osf(), "osf");
            case MATCH_NUMGEN_HASH -> rule.add(numgenOrHash(rule), "numgen");
            case MATCH_META_KEYS -> {
                String text = meta(rule, chain.base() && "filter".equals(chain.type()) ? hook : "");
                rule.add(text, "meta");
                if (text.startsWith("meta nfproto")) {
                    // later matches and nat keep to that network protocol
                    rule.shape = new RuleShape(family, text.endsWith("ipv4") ? "ip" : "ip6", rule.shape.l4());
                }
            }
            case MATCH_META_TIME -> rule.add(time(), "meta time");
            case MATCH_CT_KEYS -> rule.add(ct(rule), "ct");
            case MATCH_CT_ADDRESSES -> rule.add(ctAddress(rule), "ct");
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** The features that fit {@code rule} here. */
    private List<GeneratorFeature> kinds(RuleText rule, TablePlan.ChainPlan chain, SetPlan set) {
        List<GeneratorFeature> kinds = new ArrayList<>();
        boolean inet = List.of("ip", "ip6", "inet").contains(family);
        boolean noTransport = rule.shape.l4() == null && !rule.protocolMatched && !rule.l4Matched && !rule.l4InLookup
                && (set == null || !set.key().contains(KeyType.PROTO)) && !rule.shape.isArp();
        String hook = chain.base() && "filter".equals(chain.type()) ? chain.hook() : "";
        // not after a vlan tag: nft 1.1.3 lists vlan id 184 srh last-entry 63 ip6 daddr @s with the address as
        // @nh,192,128, which nft-ref -c -f refuses (datatype mismatch)
        if (rule.shape.l3IsIp6() && (family.equals("ip6") || family.equals("inet")) && !rule.vlan) {
            kinds.add(GeneratorFeature.MATCH_EXTHDR);
        }
        if ("tcp".equals(rule.shape.l4())) {
            kinds.add(GeneratorFeature.MATCH_TCP_OPTION);
        }
        if (rule.shape.l3IsIp() && inet) {
            kinds.add(GeneratorFeature.MATCH_IP_OPTION);
        }
        if (noTransport) {
            kinds.addAll(List.of(GeneratorFeature.MATCH_SCTP, GeneratorFeature.MATCH_DCCP, GeneratorFeature.MATCH_UDPLITE,
                    GeneratorFeature.MATCH_IPSEC_HEADERS));
            if (rule.shape.l3() != null) {
                kinds.add(GeneratorFeature.MATCH_ICMP_FIELDS);
            }
        }
        if (inet) {
            kinds.addAll(List.of(GeneratorFeature.MATCH_FIB, GeneratorFeature.MATCH_RT, GeneratorFeature.MATCH_CT_KEYS));
            if (rule.shape.l3() != null) {
                kinds.add(GeneratorFeature.MATCH_CT_ADDRESSES);
            }
            if (List.of("prerouting", "input", "output").contains(hook)) {
                kinds.add(GeneratorFeature.MATCH_SOCKET);
            }
            if (List.of("prerouting", "input", "forward").contains(hook) && !family.equals("ip6") && !rule.shape.l3IsIp6()) {
                kinds.add(GeneratorFeature.MATCH_OSF);
            }
        }
        if (!rule.shape.isArp()) {
            kinds.add(GeneratorFeature.MATCH_NUMGEN_HASH);
            kinds.add(GeneratorFeature.MATCH_META_TIME);
        }
        kinds.add(GeneratorFeature.MATCH_META_KEYS);
        return kinds;
    }

    private String exthdr() {
        return switch (c.between(0, 8)) {
            case 0 -> "exthdr " + c.pick("hbh", "rt", "frag", "dst", "mh") + " " + c.pick("exists", "missing");
            case 1 -> "frag frag-off " + c.between(0, 8191);
            case 2 -> "frag more-fragments " + c.between(0, 1);
            case 3 -> "frag id " + negation() + c.between(0L, 0xffffffffL);
            case 4 -> "rt type " + c.pick("0", "2", "4");
            case 5 -> c.pick("hbh", "dst") + " nexthdr " + c.pick("tcp", "udp", "6", "17", "58");
            case 6 -> "mh type " + c.pick(MH_TYPES);
            case 7 -> "srh " + c.pick("last-entry", "tag", "flags") + " " + c.between(0, 200);
            // nft 1.1.3 types the first two segments only (srh sid[3] ...: "No symbol type information")
            default -> "srh sid[" + c.between(1, 2) + "] " + KeyType.IPV6.single(c, c.between(0, 63));
        };
    }

    private String tcpOption() {
        return "tcp option " + switch (c.between(0, 5)) {
            case 0 -> c.pick("fastopen", "md5sig", "mptcp", "sack-perm", "timestamp", "window", "maxseg") + " "
                    + c.pick("exists", "missing");
            case 1 -> "maxseg size " + negation() + c.between(500, 1460);
            case 2 -> "window count " + c.between(0, 14);
            case 3 -> "timestamp " + c.pick("tsval", "tsecr") + " " + c.between(0L, 0xffffffffL);
            case 4 -> c.pick("sack0", "sack1", "sack2") + " " + c.pick("left", "right") + " " + c.between(0L, 0xffffffffL);
            default -> "@" + c.pick("254", "253") + ",16,16 " + c.between(0, 0xffff);
        };
    }

    private String ipOption() {
        String option = c.pick("rr", "lsrr", "ssrr", "ra");
        return "ip option " + switch (c.between(0, 3)) {
            case 0 -> option + " " + c.pick("exists", "missing");
            case 1 -> option.equals("ra") ? "ra value " + c.between(0, 0xffff) : option + " ptr " + c.between(4, 40);
            case 2 -> option + " length " + c.between(3, 39);
            default -> c.pick("rr", "lsrr", "ssrr") + " addr " + KeyType.IPV4.any(c);
        };
    }

    /** A match on a transport header other than tcp and udp; the rule then matches no other transport protocol. */
    private void transport(RuleText rule, GeneratorFeature kind) {
        String text = switch (kind) {
            case MATCH_SCTP -> sctp();
            case MATCH_DCCP -> "dccp " + c.pick(List.<Supplier<String>>of(
                    () -> c.pick("sport", "dport") + " " + negation() + port(),
                    () -> "type " + c.pick(DCCP_TYPES),
                    () -> "type { " + String.join(", ", DCCP_TYPES.subList(0, c.between(2, 4))) + " }")).get();
            case MATCH_UDPLITE -> "udplite " + c.pick(List.<Supplier<String>>of(
                    () -> c.pick("sport", "dport") + " " + negation() + port(),
                    () -> "checksum " + c.between(0, 0xffff),
                    () -> "csumcov " + c.between(0, 0xffff))).get();
            case MATCH_IPSEC_HEADERS -> c.pick(List.<Supplier<String>>of(
                    () -> "ah " + c.pick("hdrlength", "reserved", "spi", "sequence") + " " + c.between(0, 255),
                    () -> "esp " + c.pick("spi", "sequence") + " " + negation() + c.between(0L, 0xffffffffL),
                    () -> "comp " + c.pick("nexthdr", "flags", "cpi") + " " + c.between(0, 255))).get();
            default -> icmp(rule);
        };
        rule.add(text, text.split(" ")[0]);
        rule.protocolMatched = true;
        rule.shape = new RuleShape(rule.shape.family(), rule.shape.l3(), "none");
    }

    private String sctp() {
        return "sctp " + switch (c.between(0, 4)) {
            case 0 -> c.pick("sport", "dport") + " " + negation() + port();
            case 1 -> "vtag " + c.between(0L, 0xffffffffL);
            case 2 -> "chunk " + c.pick(SCTP_CHUNKS) + " " + c.pick("exists", "missing");
            case 3 -> "chunk data tsn " + c.between(0L, 0xffffffffL);
            default -> "chunk init num-inbound-streams " + c.between(0, 0xffff);
        };
    }

    private String icmp(RuleText rule) {
        if (rule.shape.l3IsIp()) {
            return "icmp " + switch (c.between(0, 3)) {
                case 0 -> "code " + c.pick(ICMP_CODES);
                case 1 -> "code " + c.between(0, 15);
                case 2 -> c.pick("id", "sequence") + " " + c.between(0, 0xffff);
                default -> c.pick("mtu", "checksum") + " " + c.between(0, 0xffff);
            };
        }
        return "icmpv6 " + switch (c.between(0, 4)) {
            case 0 -> "code " + c.pick(ICMPV6_CODES);
            case 1 -> c.pick("id", "sequence") + " " + c.between(0, 0xffff);
            case 2 -> "mtu " + c.between(1280, 9000);
            case 3 -> "max-delay " + c.between(0, 0xffff);
            default -> c.pick("taddr", "daddr") + " " + KeyType.IPV6.single(c, c.between(0, 63));
        };
    }

    /** A fib lookup whose input and result the hook allows (none with an interface in regular chains). */
    private String fib(String hook) {
        boolean incoming = hook != null && List.of("prerouting", "input", "forward").contains(hook);
        boolean outgoing = hook != null && List.of("output", "postrouting", "forward").contains(hook);
        List<String> inputs = new ArrayList<>(List.of(""));
        if (incoming) {
            inputs.add(" . iif");
        }
        if (outgoing) {
            inputs.add(" . oif");
        }
        String input = c.pick("saddr", "daddr") + (c.roll(20) ? " . mark" : "") + c.pick(inputs);
        if (incoming && !input.contains("oif") && c.roll(50)) {
            return "fib " + input + " " + c.pick("oif " + c.pick("exists", "missing"), "oif \"lo\"",
                    "oifname \"" + c.pick("eth0", "lo") + "\"");
        }
        return "fib " + input + " type " + negation() + c.pick("local", "unicast", "broadcast", "multicast", "blackhole");
    }

    private String rt(RuleText rule, String hook) {
        boolean afterRouting = hook != null && List.of("forward", "output", "postrouting").contains(hook);
        List<String> options = new ArrayList<>(List.of("rt classid " + c.between(1, 0xffff), "rt ipsec " + c.pick("exists", "missing")));
        if (afterRouting) {
            options.add("rt mtu " + c.between(576, 9000));
            if (rule.shape.l3IsIp()) {
                options.add("rt " + (family.equals("ip") && c.roll(50) ? "" : "ip ") + "nexthop " + KeyType.IPV4.any(c));
            } else if (rule.shape.l3IsIp6()) {
                options.add("rt " + (family.equals("ip6") && c.roll(50) ? "" : "ip6 ") + "nexthop " + KeyType.IPV6.any(c));
            }
        }
        return c.pick(options);
    }

    private String socket() {
        return "socket " + switch (c.between(0, 2)) {
            case 0 -> "transparent " + c.between(0, 1);
            case 1 -> "wildcard " + c.between(0, 1);
            default -> "mark " + KeyType.MARK.any(c);
        };
    }

    private String osf() {
        String ttl = c.pick("", "ttl loose ", "ttl skip ");
        return "osf " + ttl + (c.roll(70) ? "name \"" + c.pick("Linux", "Windows", "unknown") + "\"" : "version \"Linux:3.x\"");
    }

    private String numgenOrHash(RuleText rule) {
        int mod = c.between(2, 16);
        int offset = c.roll(30) ? c.between(1, 100) : 0;
        String value = Integer.toString(offset + c.between(0, mod - 1));
        String tail = " mod " + mod + (c.roll(30) ? " seed 0x" + Integer.toHexString(c.between(1, 0xffff)) : "")
                + (offset > 0 ? " offset " + offset : "") + " " + value;
        List<String> options = new ArrayList<>(List.of(
                "numgen " + c.pick("inc", "random") + " mod " + mod + (offset > 0 ? " offset " + offset : "") + " " + value,
                "numgen inc mod " + mod + " { 0, " + (mod - 1) + " }"));
        if (List.of("ip", "ip6", "inet").contains(family)) {
            options.add("symhash" + tail.replaceFirst(" seed 0x[0-9a-f]+", ""));
        }
        if (rule.shape.l3IsIp()) {
            options.add("jhash ip saddr" + (c.roll(50) ? " . ip daddr" : "") + tail);
        } else if (rule.shape.l3IsIp6()) {
            options.add("jhash ip6 daddr" + tail);
        }
        return c.pick(options);
    }

    private String meta(RuleText rule, String hook) {
        List<String> options = new ArrayList<>(List.of(
                // in bridge and netdev tables another link type conflicts with the Ethernet header: nft refuses the rule
                // and another input link type conflicts with any network header field later (unknown vs. ip); not after
                // a vlan tag (vlan id 5 meta iiftype ether ... meta mark set ip daddr map { ... } in inet lists raw in
                // nftlink: the vlan link-layer reading, left to the vlan work; seed 31595)
                "meta " + (rule.vlan ? "oiftype " : "iiftype ") + (rule.shape.isArp() ? c.pick("ether", "loopback", "ppp") : "ether"),
                "meta oiftype " + (rule.shape.layer2() ? "ether" : c.pick("ether", "loopback", "ppp")),
                "meta pkttype " + negation() + c.pick("host", "broadcast", "multicast", "other"),
                "meta cpu " + negation() + c.between(0, 63),
                "meta length " + c.pick("", "> ", "< ") + c.between(20, 1500),
                "meta length " + c.between(20, 700) + "-" + c.between(701, 1500),
                "meta " + c.pick("iifgroup", "oifgroup") + " " + c.between(0, 100),
                "meta random " + c.pick("> ", "< ") + c.between(0L, 0xffffffffL)));
        if (List.of("ip", "ip6", "inet").contains(family)) {
            options.add("meta cgroup " + c.between(1, 0xfffff));
            options.add("meta rtclassid " + c.between(1, 0xffff));
        }
        if (List.of("ip", "ip6", "inet").contains(family) && List.of("prerouting", "input", "forward").contains(hook)) {
            options.add("meta ipsec " + c.pick("exists", "missing"));
        }
        if (family.equals("inet")) {
            options.add("meta nfproto " + (rule.shape.l3IsIp() ? "ipv4" : rule.shape.l3IsIp6() ? "ipv6" : c.pick("ipv4", "ipv6")));
        }
        if (List.of("bridge", "netdev").contains(family) && rule.shape.l3() == null) {
            options.add("meta protocol " + (rule.shape.l4() != null || rule.vlan ? c.pick("ip", "ip6") : c.pick("ip", "ip6", "arp", "vlan")));
        }
        return c.pick(options);
    }

    private String time() {
        String day = "\"2022-0" + c.between(1, 9) + "-1" + c.between(0, 9);
        return switch (c.between(0, 3)) {
            case 0 -> "meta time " + day + " " + clock() + "\"";
            case 1 -> "meta time " + day + " 00:00:00\"-" + day.replace("-1", "-2") + " 23:59:59\"";
            case 2 -> "meta day " + c.pick("\"Monday\"", "\"Friday\"", "\"Sunday\"", "{ \"Monday\", \"Saturday\" }");
            default -> "meta hour \"" + c.between(10, 14) + ":00\"-\"" + c.between(15, 22) + ":" + c.between(10, 59) + "\"";
        };
    }

    private String clock() {
        return String.format("%02d:%02d:%02d", c.between(0, 23), c.between(0, 59), c.between(0, 59));
    }

    private String ct(RuleText rule) {
        // nft takes ct protocol and ct l3proto as the protocols of the rule (a later tcp dport conflicts with ct protocol
        // sctp; in inet a later ip6 field with ct l3proto ipv4): the rule's own, and ct protocol only with tcp or udp
        // (not th: nft 1.1.3 lists ct protocol tcp th sport 22 as tcp sport 22, another rule)
        int kind = c.between(0, 11);
        if (kind == 4 && !("tcp".equals(rule.shape.l4()) || "udp".equals(rule.shape.l4()))) {
            kind = 3;
        }
        if (kind == 3 && rule.shape.l3() == null) {
            rule.shape = new RuleShape(family, c.pick("ip", "ip6"), rule.shape.l4());
        }
        return "ct " + switch (kind) {
            case 0 -> "direction " + c.pick("original", "reply");
            case 1 -> c.pick("", "original ", "reply ") + "zone " + c.between(0, 0xffff);
            case 2 -> c.pick("", "original ", "reply ") + c.pick("bytes", "packets") + " " + c.pick("> ", "< ", "") + c.between(0, 100000);
            case 3 -> "l3proto " + (rule.shape.l3IsIp() ? "ipv4" : "ipv6");
            case 4 -> "protocol " + rule.shape.l4();
            case 5 -> c.pick("original", "reply") + " " + c.pick("proto-src", "proto-dst") + " " + port();
            case 6 -> "id " + c.between(0L, 0xffffffffL);
            case 7 -> "helper \"" + c.pick("ftp", "sip", "tftp") + "\"";
            case 8 -> "label " + c.between(0, 127);
            case 9 -> c.pick("", "original ", "reply ") + "avgpkt " + c.pick("> ", "") + c.between(0, 1500);
            case 10 -> "expiration " + c.between(1, 600) + "s";
            default -> "status " + negation() + String.join(c.flagSeparator(), CT_STATUS.subList(c.between(0, 3), c.between(4, 7)));
        };
    }

    private String ctAddress(RuleText rule) {
        boolean v6 = rule.shape.l3IsIp6();
        KeyType type = v6 ? KeyType.IPV6 : KeyType.IPV4;
        String protocol = family.equals(v6 ? "ip6" : "ip") && c.roll(40) ? "" : (v6 ? "ip6 " : "ip ");
        // a prefix only with the protocol: nft 1.1.3 compiles ct reply daddr 10.0.0.0/8 in an ip table to a one-byte
        // compare and lists it as ct reply ip daddr 0.0.0.10
        String value = !protocol.isEmpty() && c.roll(25) ? type.prefix(c, c.between(0, 63), false) : type.any(c);
        return "ct " + c.pick("original", "reply") + " " + protocol + c.pick("saddr", "daddr") + " " + value;
    }

    private String negation() {
        return c.maybe(GeneratorFeature.MATCH_NEGATION, 15) ? "!= " : "";
    }

    private String port() {
        return Integer.toString(c.between(1, 65535));
    }
}
