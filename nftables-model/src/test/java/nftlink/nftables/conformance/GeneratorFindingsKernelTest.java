package nftlink.nftables.conformance;

import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small rule sets for the differences the wider rule set generator ({@link ExpressionWriter},
 * {@link PacketStatementWriter}) found, each through every check of {@link DifferentialCheck} against nft 1.1.3:
 * nftlink applies it as nft-ref does (same listing and bytecode), lists it byte for byte and as the same JSON, and
 * nft-ref accepts both listings.
 */
@KernelTest
class GeneratorFindingsKernelTest {

    private static ScratchNamespace a;
    private static ScratchNamespace b;
    private static ScratchNamespace c;

    @BeforeAll
    static void namespaces() {
        NftRef.assume();
        a = ScratchNamespace.create();
        b = ScratchNamespace.create();
        c = ScratchNamespace.create();
    }

    @AfterAll
    static void close() {
        for (ScratchNamespace ns : new ScratchNamespace[] {a, b, c}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // routing realms are JSON strings ("5", "cosmos")
        "table ip t {\n\tchain c {\n\t\trt classid 5 meta rtclassid 7\n\t\trt classid \"cosmos\"\n\t}\n}\n",
        // synproxy lists mss and wscale together when either was given
        "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\ttcp dport 22 synproxy mss 1000\n"
            + "\t\ttcp dport 23 synproxy wscale 3 timestamp\n\t\ttcp dport 24 synproxy sack-perm\n\t}\n}\n",
        // a fib flag after '.' takes a result
        "table ip t {\n\tchain c {\n\t\ttype filter hook output priority 0;\n\t\tfib saddr . oif type blackhole\n"
            + "\t\tfib daddr . mark . oif type != local\n\t}\n}\n",
        // a header write brings its protocol's dependency for nat to ports
        "table ip t {\n\tchain c {\n\t\ttype nat hook postrouting priority 100;\n\t\tudp dport set 5 masquerade to :5\n\t}\n}\n",
        // days past the month's end carry over (2022-02-29 is 2022-03-01)
        "table ip t {\n\tchain c {\n\t\tmeta time \"2022-02-19 00:00:00\"-\"2022-02-29 23:59:59\"\n\t}\n}\n",
        // the generic ct address keys of the table's family
        "table ip t {\n\tchain c {\n\t\tct original saddr 1.2.3.4\n\t\tct reply daddr 10.0.0.1\n\t}\n}\n"
            + "table ip6 t6 {\n\tchain c {\n\t\tct original saddr ::1\n\t\tct reply ip6 daddr 2001:db8::/32\n\t}\n}\n",
        // an explicit iiftype ether before a bridge match on ether, network or icmp fields is folded; not before tcp
        "table bridge b {\n\tchain c {\n\t\tmeta iiftype ether meta mark . ether daddr { 1 . 02:00:00:00:00:01 }\n"
            + "\t\tmeta iiftype ether meta mark . ip6 saddr { 1 . ::1 }\n\t\tmeta iiftype ether icmp type echo-request\n"
            + "\t\tmeta iiftype ether tcp dport 22\n\t\tmeta iiftype ether meta mark set ether saddr map { 02:00:00:00:00:01 : 1 }\n"
            + "\t\tmeta iiftype ether ip dscp set cs1\n\t\tmeta iiftype ether meta mark set 1 ether saddr 02:00:00:00:00:01\n"
            + "\t\tip daddr 10.0.0.1 meta iiftype ether ip dscp set af21\n"
            + "\t\tether saddr 02:00:00:00:00:02 meta iiftype ether ip saddr 1.2.3.4\n"
            + "\t\tip saddr 10.0.0.1 meta iiftype ether ether daddr 02:00:00:00:00:01\n"
            + "\t\tudp dport 5 meta iiftype ether meta priority set jhash ip saddr mod 14\n"
            + "\t\tvlan id 3791 meta iiftype ether ip saddr 10.0.0.1 ip ecn set ect0\n\t}\n}\n",
        // reject after an ip option, IPv6 extension header match or network header write is icmp/icmpv6 in inet
        "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\tip option rr exists reject\n"
            + "\t\tfrag frag-off 8 reject\n\t\texthdr hbh exists reject\n\t\tip saddr set 10.0.0.1 reject\n"
            + "\t\tip6 hoplimit set 5 reject\n\t\ttcp dport set 5 reject\n\t\tmeta priority set jhash ip saddr mod 4 reject\n\t}\n}\n",
        // ct l3proto (and in ip and ip6 tables ct protocol) stands for the header fields' protocol dependency
        "table ip t {\n\tchain c {\n\t\tct l3proto ipv4 meta mark 1 ip saddr 1.2.3.4\n\t\tct l3proto ipv6 ip dscp cs1\n"
            + "\t\tct reply l3proto ipv4 ct original ip saddr 1.2.3.4\n\t\tct protocol tcp tcp dport 22\n\t\tct l3proto ipv4\n\t}\n}\n"
            + "table inet t {\n\tchain c {\n\t\tct l3proto ipv4 meta mark . ip saddr { 1 . 1.2.3.4 }\n"
            + "\t\tct l3proto ipv6 tcp dport 22\n\t\tct l3proto ipv4 ip saddr set 1.2.3.4\n\t\tct protocol tcp tcp dport 22\n"
            + "\t\tct l3proto ipv4 meta l4proto tcp\n\t\tct l3proto ipv6 meta l4proto { tcp, udp }\n\t\tct l3proto ipv4 ct protocol tcp\n"
            + "\t\tct l3proto ipv4 meta l4proto != tcp\n\t}\n}\n",
        // a tcp option match takes an earlier tcp protocol match as its dependency (reject's too)
        "table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n"
            + "\t\tct mark 5 tcp option maxseg size != 797 log log reject with tcp reset\n"
            + "\t\tmeta l4proto tcp ct mark 5 tcp option maxseg size 797\n\t\tmeta l4proto tcp log tcp option maxseg size 797\n"
            + "\t\tmeta l4proto tcp tcp option maxseg size set 500\n\t}\n}\n",
        // but not before th fields, nor past a statement other than a match
        "table ip6 t {\n\tchain c {\n\t\tct l3proto ipv6 ct mark set 0x1 ip6 hoplimit set 94\n\t\tct l3proto ipv6 th dport 22\n"
            + "\t\tct l3proto ipv6 meta mark 1 ip6 saddr ::1\n\t}\n}\n"
            + "table ip t {\n\tchain c {\n\t\tct l3proto ipv4 ip ttl set 5\n\t\tct protocol tcp tcp dport set 5\n\t}\n}\n",
        // nor after a header field, whose dependency came first (seed 3653064180628913967)
        "table ip6 t {\n\tchain c {\n\t\ttcp flags syn ct l3proto ipv6 meta mark set tcp dport map { 22 : 0x1 }\n"
            + "\t\tmeta mark 1 ct l3proto ipv6 tcp sport 2\n\t}\n}\n",
        // icmp, icmpv6 and igmp type and code are written as the first 16-bit word masked, which nft lists raw (#15)
        "table ip t {\n\tchain c {\n\t\ticmp type set 3\n\t\ticmp code set 1\n\t\ticmp type set echo-reply\n"
            + "\t\tigmp type set 0x11\n\t\tmeta l4proto icmp @th,0,16 set @th,0,16 & 0x3ff | 0x300\n"
            + "\t\t@th,0,16 set @th,0,16 & 0xff\n\t}\n}\n"
            + "table ip6 t6 {\n\tchain c {\n\t\ticmpv6 type set 3\n\t\ticmpv6 code set 1\n\t}\n}\n",
        // nft keeps one protocol dependency per layer, the last: a ct l3proto between a transport field and its
        // dependency stays, a ct match after a dependency of its own layer goes in its place (#15)
        "table inet t {\n\tchain c {\n\t\ttcp dport 1 ct l3proto ipv6 tcp sport 2\n"
            + "\t\tmeta l4proto tcp ct l3proto ipv4 tcp dport 22\n\t\tmeta l4proto tcp ct l3proto ipv4 ip saddr 1.2.3.4\n"
            + "\t\tmeta l4proto tcp ct l3proto ipv4 meta mark 1 ip saddr 1.2.3.4 tcp dport 3\n"
            + "\t\tmeta nfproto ipv4 ct l3proto ipv4 ip saddr 1.2.3.4\n\t\tmeta l4proto udp ct l3proto ipv6 meta l4proto udp\n"
            + "\t\tmeta l4proto tcp ct protocol tcp tcp dport 22\n\t\tudp dport 1 ct l3proto ipv6 udp sport 2\n\t}\n}\n"
            + "table ip t4 {\n\tchain c {\n\t\ttcp dport 1 ct l3proto ipv4 tcp sport 2\n"
            + "\t\tip protocol tcp ct l3proto ipv4 tcp dport 22\n\t\tmeta l4proto tcp ct protocol tcp tcp dport 22\n"
            + "\t\tip protocol tcp ct protocol tcp tcp dport 22\n\t}\n}\n"
            + "table ip6 t6 {\n\tchain c {\n\t\ttcp dport 1 ct l3proto ipv6 tcp sport 2\n\t}\n}\n",
        // in inet a ct l3proto says the network protocol a reject answers, as nft lists it (seed 1696617211351905606)
        "table inet t {\n\tchain c {\n\t\ttype filter hook output priority filter;\n"
            + "\t\tmeta skuid != 44896 ct state invalid ct l3proto ipv6 ct mark 3 log prefix \"in\" reject with icmpv6 port-unreachable\n"
            + "\t\tct l3proto ipv6 meta mark 3 reject with icmpv6 port-unreachable\n\t\tmeta mark 3 ct l3proto ipv6 reject\n"
            + "\t\tct l3proto ipv6 ip6 saddr ::1\n\t\tct l3proto ipv4 reject\n\t\tct l3proto ipv6 reject with tcp reset\n"
            + "\t\tct l3proto ipv6 counter reject with icmpv6 port-unreachable\n\t\tct l3proto ipv6 reject with icmpx port-unreachable\n"
            + "\t\tct reply l3proto ipv4 reject\n\t}\n}\n"
            + "table ip t4 {\n\tchain c {\n\t\ttype filter hook output priority filter;\n\t\tct l3proto ipv4 reject\n"
            + "\t\tct l3proto ipv4 reject with tcp reset\n\t}\n}\n",
        // anonymous interval sets merge adjacent intervals; a range of one value is that value; ranges of dscp and
        // ecn list as numbers (#15)
        "table ip t {\n\tchain c {\n\t\ttcp dport { 1-2, 3-4 }\n\t\tip daddr { 10.0.0.0/25, 10.0.0.128/25 }\n"
            + "\t\tip daddr { 10.0.0.1, 10.0.0.2-10.0.0.5 }\n\t\tmeta mark { 1-2, 3 }\n\t\ttcp dport { 1-2 counter, 3-4 }\n"
            + "\t\ttcp dport { 1, 3, 2-2 }\n\t\ttcp dport 2-2\n\t\ttcp dport { 2-2 }\n"
            + "\t\tmeta mark set tcp dport map { 2-2 : 1, 3 : 2 }\n\t\ttcp dport vmap { 2-2 : accept, 4 : drop }\n"
            + "\t\tip dscp 0x08-0x0f\n\t\tip dscp != 0x08-0x0f\n\t\tip ecn 1-2\n\t}\n}\n",
        // a bit field is moved down to its value before an anonymous interval set or map, whose keys are values;
        // ranges of interface types are JSON numbers (#15)
        "table ip t {\n\tchain c {\n\t\tip dscp { 0x08-0x0f, 0x20 }\n\t\tip dscp != { 1/6, 8/3 }\n"
            + "\t\tmeta mark set ip dscp map { 0x08-0x0f : 1, cs4 : 2 }\n\t\tip dscp vmap { 0x08-0x0f : accept, 0x30-0x37 : drop }\n"
            + "\t\tip ecn { 1-2 }\n\t\tmeta iiftype 1-5\n\t}\n}\n"
            + "table ip6 t6 {\n\tchain c {\n\t\tip6 dscp { 0x08-0x0f, 0x20 }\n\t\tip6 dscp { 0x20-0x3f }\n"
            + "\t\tip6 flowlabel { 1-5 }\n\t}\n}\n",
        // a ct match takes the place of a dependency of its layer before it and goes when a field of that layer
        // follows, whatever was read before (seed 1845091312860508007); in inet ct protocol says the transport
        // protocol once the network protocol is known (#15)
        "table ip t {\n\tchain c {\n\t\tip daddr { 10.9.67.224/30 } meta mark 996890209 ct protocol tcp tcp dport 22\n"
            + "\t\tip saddr 1.1.1.1 ct l3proto ipv4 ip daddr 2.2.2.2\n\t\ttcp sport 1 ct protocol tcp tcp dport 2\n"
            + "\t\tip saddr 1.1.1.1 ct protocol tcp tcp dport 2\n\t\ttcp sport 1 ct l3proto ipv4 ip daddr 2.2.2.2\n"
            + "\t\tip saddr 1.1.1.1 ct l3proto ipv4 tcp dport 2\n\t}\n}\n"
            + "table inet i {\n\tchain c {\n\t\tip saddr 1.1.1.1 ct l3proto ipv4 ip daddr 2.2.2.2\n"
            + "\t\tip saddr 1.1.1.1 ct l3proto ipv4 tcp dport 2\n\t\tip saddr 1.1.1.1 ct protocol tcp tcp dport 2\n\t}\n}\n",
        // a written or matched bit field of a network header says the protocol a reject answers (seed
        // 1845091312860508372); a protocol's name alone is a value to set (vlan type set ip6)
        "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\tct reply ip6 daddr 2001:db8::/64 reject\n"
            + "\t\tip6 flowlabel set 623235 reject\n\t\tip dscp cs1 reject\n\t\tct original ip saddr 1.2.3.4 reject\n"
            + "\t\tip6 dscp set cs1 reject\n\t}\n}\n"
            + "table bridge b {\n\tchain c {\n\t\tether type vlan vlan id set 10 vlan type set ip6\n\t\tether type set arp\n"
            + "\t\tvlan pcp set 3\n\t\tvlan dei set 1\n\t\tether type { ip, ip6 } meta mark 1\n\t}\n}\n",
        // a transport field in a map key says the protocol tproxy needs (seed 2975524309234312946)
        "table ip t {\n\tmap m16 {\n\t\ttype inet_service : mark\n\t}\n\tchain r14 {\n\t}\n\tchain c {\n"
            + "\t\ttype filter hook prerouting priority mangle;\n\t\tmeta mark set udp dport map @m16 tproxy ip to 10.244.190.19 goto r14\n"
            + "\t\tmeta mark set udp dport map @m16 ct mark set meta priority map { c:500f : 337657448 } tproxy ip to 10.244.190.19\n"
            + "\t}\n}\n",
        // vlan fields and the ip6 flowlabel changed in place list as raw bits, a mask alone as the bits it clears (#15)
        "table netdev n {\n\tchain c {\n\t\tvlan id set vlan id | 1\n\t\tvlan id set vlan id & 0xff\n"
            + "\t\tvlan pcp set vlan pcp | 1\n\t\tether type vlan vlan id set vlan id | 1\n\t\tip dscp set ip dscp | cs1\n"
            + "\t\tip ttl set ip ttl | 1\n\t\ttcp flags set tcp flags | syn\n\t\tip6 flowlabel set ip6 flowlabel | 1\n\t}\n}\n"
            + "table inet i {\n\tchain c {\n\t\tudp dport set udp dport | 1\n\t\tip6 hoplimit set ip6 hoplimit | 1\n"
            + "\t\tip6 dscp set ip6 dscp | cs1\n\t\tether saddr set ether saddr | 00:00:00:00:00:01\n"
            + "\t\tip6 hoplimit set ip6 hoplimit & 0xf0\n\t}\n}\n",
        // what a reject needs goes to the rule's start before what an ip option put there (seed 7399944204688421421)
        "table inet t {\n\tchain c {\n\t\ttype filter hook forward priority 0;\n"
            + "\t\tip option rr exists log prefix \"x y\" limit rate over 270/second reject with tcp reset\n"
            + "\t\tip option rr exists reject with tcp reset\n\t\tmeta l4proto tcp ip option rr exists reject with tcp reset\n"
            + "\t\tmeta l4proto tcp ip option rr exists\n\t\texthdr hbh exists reject with tcp reset\n\t}\n}\n",
        // the iiftype ether an ether type folds with is one before it: after it, it stays in bridge (#15)
        "table bridge b {\n\tchain c {\n\t\tether type ip meta iiftype ether ip saddr 1.2.3.4\n"
            + "\t\tmeta iiftype ether ether type ip ip saddr 1.2.3.4\n\t\tether type ip meta iiftype ether meta l4proto icmp\n"
            + "\t\tether type ip6 meta iiftype ether ip6 saddr ::1 tcp dport 2\n\t\tether type ip meta iiftype ether ip dscp set cs1\n"
            + "\t\tmeta iiftype ether ether type ip meta iiftype ether ip saddr 1.2.3.4\n\t}\n}\n"
            + "table netdev n {\n\tchain c {\n\t\tether type ip meta iiftype ether ip saddr 1.2.3.4\n"
            + "\t\tether type ip meta iiftype ether meta l4proto icmp\n\t}\n}\n",
        // a prefix of a bit field's number compares its first bits (#15)
        "table ip t {\n\tchain c {\n\t\tip dscp 1/6\n\t\tip dscp 0x10/4\n\t\tip dscp != 0x11/4 accept\n\t}\n}\n"
            + "table ip t2 {\n\tchain c {\n\t\tip dscp 8/3\n\t\tip dscp 0/0\n\t\tip dscp 0x20/1\n\t}\n}\n",
    })
    void passesEveryCheck(String ruleset) {
        DifferentialCheck.Outcome outcome = new DifferentialCheck(a, b, c)
                .check(new RulesetGenerator.Generated(ruleset, Set.of("nftg0", "nftg1")));
        assertThat(outcome.refusal()).as("nft-ref refuses the rule set").isNull();
        assertThat(outcome.differences()).as("differences from nft-ref").isEmpty();
    }
}
