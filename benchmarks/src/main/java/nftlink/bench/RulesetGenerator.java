package nftlink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a realistic nft rule set of a given number of rules, the same for the same
 * number: a filter table ({@code inet filter}) with named sets (addresses with
 * intervals, services, a concatenation), a mark map and a verdict map, three base
 * chains and regular chains they jump to, and a NAT table ({@code ip nat}) with DNAT,
 * SNAT and masquerade rules. The rules mix the shapes a firewall of that size holds
 * (addresses, prefixes, ports, ranges, anonymous sets, ct state, interfaces, counters,
 * limits, logging, reject, marks, map lookups), with numbers that vary from rule to
 * rule, so no two rules are copies.
 *
 * <pre>
 * java -cp benchmarks.jar nftlink.bench.RulesetGenerator RULES [FILE]
 * </pre>
 */
public final class RulesetGenerator {

    /** Regular chains the base chains jump to. */
    static final int REGULAR_CHAINS = 16;

    private static final String[] INTERFACES = {"eth0", "eth1", "bond0", "wg0", "br-lan", "veth12"};

    private RulesetGenerator() {
    }

    /** Writes the rule set of {@code rules} rules to {@code file} ({@code -}: standard output). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: RulesetGenerator RULES [FILE]");
            System.exit(2);
        }
        String text = generate(Integer.parseInt(args[0]));
        if (args.length == 1 || args[1].equals("-")) {
            System.out.print(text);
        } else {
            Files.writeString(Path.of(args[1]), text);
        }
    }

    /**
     * The rule set's text: {@code rules} rules in all, about a tenth of them NAT rules,
     * the rest spread over the filter chains.
     */
    public static String generate(int rules) {
        StringBuilder b = new StringBuilder(rules * 64 + 4096);
        SplittableRandom random = new SplittableRandom(rules);
        int nat = rules >= 10 ? rules / 10 : 0;
        int filter = rules - nat;
        b.append("flush ruleset\n\n");
        filterTable(b, filter, random);
        natTable(b, nat, random);
        return b.toString();
    }

    private static void filterTable(StringBuilder b, int rules, SplittableRandom random) {
        b.append("table inet filter {\n");
        b.append("""
                \tset trusted_v4 {
                \t\ttype ipv4_addr
                \t\tflags interval
                \t\telements = { 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 198.51.100.0/24 }
                \t}
                \tset blocked_v4 {
                \t\ttype ipv4_addr
                \t\telements = { 203.0.113.1, 203.0.113.7, 203.0.113.99 }
                \t}
                \tset web_ports {
                \t\ttype inet_service
                \t\telements = { 80, 443, 8080, 8443 }
                \t}
                \tset admin_hosts {
                \t\ttype ipv4_addr . inet_service
                \t\telements = { 10.1.0.1 . 22, 10.1.0.2 . 22, 10.1.0.3 . 2222 }
                \t}
                \tmap port_marks {
                \t\ttype inet_service : mark
                \t\telements = { 22 : 0x1, 80 : 0x2, 443 : 0x3 }
                \t}
                """);
        b.append("\tmap iface_verdicts {\n\t\ttype ifname : verdict\n\t\telements = { ");
        for (int i = 0; i < INTERFACES.length; i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(INTERFACES[i]).append("\" : jump c").append(i % REGULAR_CHAINS);
        }
        b.append(" }\n\t}\n");
        // the regular chains first, so every jump has its target (nft resolves them within the file anyway)
        int perChain = rules / (REGULAR_CHAINS + 3);
        int written = 0;
        for (int c = 0; c < REGULAR_CHAINS; c++) {
            b.append("\tchain c").append(c).append(" {\n");
            for (int i = 0; i < perChain; i++, written++) {
                b.append("\t\t");
                filterRule(b, written, random, c);
                b.append('\n');
            }
            b.append("\t}\n");
        }
        String[] base = {"input", "forward", "output"};
        for (int c = 0; c < base.length; c++) {
            b.append("\tchain ").append(base[c]).append(" {\n\t\ttype filter hook ").append(base[c])
                    .append(" priority filter; policy accept;\n");
            int count = c == base.length - 1 ? rules - written : perChain;
            for (int i = 0; i < count; i++, written++) {
                b.append("\t\t");
                filterRule(b, written, random, -1);
                b.append('\n');
            }
            b.append("\t}\n");
        }
        b.append("}\n\n");
    }

    /** One filter rule; {@code chain} is the regular chain it is in ({@code -1}: a base chain), which it never jumps to. */
    private static void filterRule(StringBuilder b, int n, SplittableRandom random, int chain) {
        int a = random.nextInt(256);
        int c = random.nextInt(256);
        int port = 1024 + random.nextInt(60000);
        String iface = INTERFACES[random.nextInt(INTERFACES.length)];
        switch (random.nextInt(16)) {
            case 0 -> b.append("ip saddr 10.").append(a).append('.').append(c).append('.').append(n & 0xff)
                    .append(" tcp dport ").append(port).append(" accept");
            case 1 -> b.append("ip daddr 192.168.").append(a).append(".0/24 udp dport { 53, 123, ").append(port)
                    .append(" } counter accept");
            case 2 -> b.append("ip6 saddr 2001:db8:").append(Integer.toHexString(n)).append("::").append(Integer.toHexString(c + 1))
                    .append(" tcp dport ").append(port).append(" ct state new accept");
            case 3 -> b.append("iifname \"").append(iface).append("\" ip saddr @trusted_v4 tcp dport ").append(port)
                    .append(" counter accept");
            case 4 -> b.append("ip saddr @blocked_v4 tcp dport ").append(port).append(" reject with tcp reset");
            case 5 -> b.append("tcp dport @web_ports ip daddr 172.16.").append(a).append('.').append(c)
                    .append(" counter packets 0 bytes 0 accept");
            case 6 -> b.append("meta l4proto udp udp sport ").append(port).append('-').append(port + 100).append(" drop");
            case 7 -> b.append("ct state established,related accept comment \"rule ").append(n).append('"');
            case 8 -> b.append("ip protocol icmp icmp type echo-request limit rate ").append(1 + a % 50)
                    .append("/second accept");
            case 9 -> b.append("tcp flags & (syn | ack) == syn tcp dport ").append(port)
                    .append(" log prefix \"syn-").append(n).append(" \" counter drop");
            case 10 -> b.append("ip saddr . tcp dport @admin_hosts ip daddr 10.9.").append(a).append('.').append(c).append(" accept");
            case 11 -> b.append("ip daddr 10.").append(a).append('.').append(c).append(".0/24 meta mark set tcp dport map @port_marks");
            case 12 -> b.append("oifname \"").append(iface).append("\" ip daddr 10.").append(a).append(".0.0/16 meta mark 0x")
                    .append(Integer.toHexString(n)).append(" accept");
            case 13 -> b.append("ip6 daddr 2001:db8:ffff::/48 udp dport ").append(port).append(" counter drop");
            case 14 -> {
                int target = (n + 1) % REGULAR_CHAINS;
                if (chain >= 0) {
                    // a regular chain jumps only forwards, so no jump makes a loop
                    b.append("ip saddr 10.").append(a).append('.').append(c).append(".0/24 accept");
                } else {
                    b.append("ip saddr 10.").append(a).append('.').append(c).append(".0/24 jump c").append(target);
                }
            }
            default -> {
                if (chain >= 0) {
                    b.append("iifname \"").append(iface).append("\" tcp dport ").append(port).append(" counter drop");
                } else {
                    b.append("iifname vmap @iface_verdicts");
                }
            }
        }
    }

    private static void natTable(StringBuilder b, int rules, SplittableRandom random) {
        b.append("table ip nat {\n");
        b.append("\tchain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n");
        int dnat = rules / 2;
        for (int i = 0; i < dnat; i++) {
            int a = random.nextInt(256);
            int port = 1024 + random.nextInt(60000);
            b.append("\t\tip daddr 198.51.100.").append(a).append(" tcp dport ").append(port)
                    .append(" dnat to 10.20.").append(i >> 8 & 0xff).append('.').append(i & 0xff).append(':')
                    .append(1 + random.nextInt(1000)).append('\n');
        }
        b.append("\t}\n");
        b.append("\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n");
        for (int i = dnat; i < rules; i++) {
            int a = random.nextInt(256);
            String iface = INTERFACES[random.nextInt(INTERFACES.length)];
            if (random.nextBoolean()) {
                b.append("\t\tip saddr 10.30.").append(a).append(".0/24 oifname \"").append(iface).append("\" masquerade\n");
            } else {
                b.append("\t\tip saddr 10.40.").append(i >> 8 & 0xff).append('.').append(i & 0xff)
                        .append(" snat to 203.0.113.").append(a).append('\n');
            }
        }
        b.append("\t}\n}\n");
    }
}
