package nftlink.examples.cli;

import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nft 1.1.3 commands beyond list, add and delete ({@code rename}, {@code export}, ...) run by
 * nftlink in one namespace and by nft-ref in a twin loaded with the same rule set: the same standard
 * output, error and exit status, and the same rule set afterwards (counters included).
 */
@KernelTest
class CommandParityKernelTest {

    static final String RULESET = """
            table inet t {
            \tcounter c1 { packets 3 bytes 40 }
            \tquota q1 { over 100 bytes used 5 bytes }
            \tset s { type ipv4_addr; flags interval; counter; elements = { 10.0.0.0/8, 192.168.1.1 } }
            \tset s2 { type inet_service; elements = { 22, 80 } }
            \tset e { type ipv4_addr . inet_service; counter; elements = { 1.1.1.1 . 22 counter packets 4 bytes 5 } }
            \tmap m { type ipv4_addr : verdict; elements = { 1.2.3.4 : accept } }
            \tchain c {
            \t\ttype filter hook input priority 0;
            \t\tcounter packets 5 bytes 10 accept
            \t\ttcp dport 22 counter packets 1 bytes 2 quota 10 bytes used 3 bytes
            \t}
            \tchain d { counter packets 7 bytes 8; }
            \tchain b {
            \t\tmeta l4proto tcp counter packets 2 bytes 3 jump {
            \t\t\ttcp dport 22 counter packets 3 bytes 4
            \t\t}
            \t\tip saddr @s counter packets 6 bytes 6 counter name "c1"
            \t}
            }
            table ip u { chain x { counter packets 9 bytes 9; }; }
            table ip6 empty { }
            table ip g {
            \tset a { type ipv4_addr; size 100; comment "cm"; elements = { 1.1.1.1 comment "x", 2.2.2.2 } }
            \tmap v { type ipv4_addr : verdict; elements = { 1.2.3.4 : accept, 5.6.7.8 : drop, 9.9.9.9 : jump c } }
            \tmap mm { type ipv4_addr : mark; policy memory; elements = { 1.2.3.4 : 1, 5.6.7.8 : 2 } }
            \tset r { type inet_service; flags interval; elements = { 10-20, 30, 40-50 } }
            \tset cc { type ipv4_addr . inet_service; flags interval; elements = { 1.0.0.0/8 . 10-20 } }
            \tchain c { }
            }
            """;

    /** Runs {@code command} with nftlink and nft-ref in twin namespaces: the same output, error, status and rule set after. */
    static void assertTwinLikeNft(String command) {
        String[] args = command.split(" ");
        try (TestNamespace ours = TestNamespace.create(); TestNamespace theirs = TestNamespace.create()) {
            NftRef.apply(ours, RULESET);
            NftRef.apply(theirs, RULESET);
            Cli.Run mine = Cli.in(ours, args);
            Cli.Run ref = Cli.Run.of(NftRef.run(theirs, args));
            assertThat(mine.out()).as("standard output of " + command).isEqualTo(ref.out());
            assertThat(mine.err().lines().limit(3).toList()).as("standard error of " + command)
                    .isEqualTo(ref.err().lines().limit(3).toList());
            assertThat(mine.status()).as("exit status of " + command).isEqualTo(ref.status());
            assertThat(NftRef.run(ours, "-a", "list", "ruleset").orThrow()).as("rule set after " + command)
                    .isEqualTo(NftRef.run(theirs, "-a", "list", "ruleset").orThrow());
        }
    }

    static final List<String> RENAME = List.of("rename chain inet t d e", "rename chain u x y", "rename chain ip u x y", "-c rename chain inet t d e",
            "-e rename chain inet t d e", "-j rename chain inet t d e", "rename chain inet t d c", "rename chain inet nope d e",
            "rename chain ip6 empty d e", "rename", "rename table inet t", "rename chain", "rename chain inet", "rename chain inet t",
            "rename chain inet t d", "rename chain inet t d e f", "rename chain inet t d inet");

    static final List<String> EXPORT = List.of("export ruleset json", "export json", "export ruleset xml", "export xml", "export ruleset vm json",
            "export vm json", "-j export ruleset json", "export", "export ruleset", "export ruleset foo", "export vm",
            "export ruleset vm xml", "export ruleset json extra");

    /**
     * Every reset form; with -j, tables without anonymous chains (nft then warns 'stmt ops chain have no json
     * callback' on standard error, which nftlink's -j list does not print either).
     */
    static final List<String> RESET_RULES = List.of("reset rules", "reset rules inet", "reset rules ip", "reset rules ip6", "reset rules inet t",
            "reset rules table inet t", "reset rules u", "reset rules table u", "reset rules ip6 empty", "reset rules chain inet t c",
            "reset rules chain u x", "reset rule inet t c handle 10", "reset rule inet t c handle 99", "reset rule inet t zz handle 10",
            "reset rule u x handle 2", "-a reset rules", "-a reset rules chain inet t c", "-a reset rule inet t c handle 10",
            "-t reset rules", "-s reset rules ip", "-n reset rules inet t", "-j reset rules ip", "-j reset rules table u",
            "-j reset rules g",
            "-j reset rules chain inet t d", "-j reset rule inet t d handle 11", "reset rules ip nope", "reset rules chain inet t zz",
            "reset rule inet nope c handle 3", "reset rule inet t c", "reset rule inet t c handle", "reset rule inet t c handle x",
            "reset rules chain inet t", "reset rules foo bar baz", "reset rules chain inet t c extra", "reset rule inet t c handle 10 x",
            "reset rules inet t d", "reset rules u x", "reset rules inet t zz", "reset rules table inet t d",
            "reset rules chain inet t b", "-a reset rules chain inet t b", "reset rule inet t b handle 14");

    static final List<String> RESET_SET = List.of("reset set inet t e", "reset set inet t s", "reset set inet t s2", "reset map inet t m", "-a reset set inet t e",
            "-t reset set inet t e", "-s reset set inet t e", "-j reset set inet t e", "-j reset map inet t m", "reset set inet t m",
            "reset map inet t s2", "reset set inet t zz", "reset set inet nope s", "reset set inet t", "reset set t", "reset set",
            "reset set inet t e extra");

    /** {@code -s} leaves the counters of set elements out of a listing too (nftlink printed their values). */
    static final List<String> STATELESS_SET_LISTINGS = List.of("-s list set inet t e", "-s list sets", "-s list set inet t s");

    static final List<String> GET_ELEMENT = List.of("get element inet t s { 10.1.2.3, 192.168.1.1 }", "get element inet t s2 { 22 }", "get element inet t s2 { 80, 22 }",
            "get element inet t m { 1.2.3.4 }", "get element inet t e { 1.1.1.1 . 22 }", "get element g a { 1.1.1.1, 2.2.2.2 }",
            "get element g v { 1.2.3.4, 5.6.7.8, 9.9.9.9 }", "get element g mm { 5.6.7.8, 1.2.3.4 }", "get element g r { 15, 30, 41 }",
            "get element g r { 10-20 }", "get element g r { 12-14 }", "get element g cc { 1.2.3.4 . 15 }", "-a get element g r { 30 }",
            "-j get element g r { 30 }", "-n get element g mm { 1.2.3.4 }", "get element g r { 31 }", "get element g a { 3.3.3.3 }",
            "get element inet t s2 { 22, 23 }", "get element g a", "get element g nope { 1.1.1.1 }", "get element g", "get set g a", "get",
            "get element inet nope s { 1.1.1.1 }",
            "reset element inet t s { 192.168.1.1 }", "reset element inet t e { 1.1.1.1 . 22 }", "-j reset element inet t e { 1.1.1.1 . 22 }",
            "-s reset element inet t e { 1.1.1.1 . 22 }", "reset element inet t s2 { 23 }", "reset element g r { 15 }");

    static final List<String> DESCRIBE = List.of("describe tcp dport", "describe meta mark", "describe ct state", "describe ip saddr", "describe meta iifname",
            "describe meta l4proto", "describe ip protocol", "describe ip length", "describe ip daddr", "describe ip6 saddr",
            "describe ether saddr", "describe ether type", "describe tcp flags", "describe icmp type", "describe icmpv6 type",
            "describe meta pkttype", "describe meta skuid", "describe meta nfproto", "describe meta iif", "describe meta iiftype",
            "describe ct status", "describe ct direction", "describe meta priority", "describe ip dscp", "describe ip ecn",
            "describe arp operation", "describe meta cgroup", "describe ct mark", "describe ct l3proto", "describe ct expiration",
            "describe meta length", "describe ip6 nexthdr", "describe ct event", "describe udp dport", "describe meta time",
            "describe meta day", "describe ip ttl", "describe ct zone", "describe meta random", "-j describe tcp dport",
            "describe foo", "describe tcp", "describe tcp dport 22", "describe foo bar", "describe accept");

    /** nft's guess at the name that was meant, in the errors of rename, get and reset element. */
    static final List<String> SUGGESTIONS = List.of("rename chain inet t zz e", "rename chain inet nt d e", "rename chain inet tt d e", "rename chain ip u xx y",
            "rename chain ip g cc y", "rename chain inet t dd e", "rename chain inet t abcdef e", "rename chain ip emptyy d e",
            "get element inet t nos { 1 }", "get element inet t mm { 1.2.3.4 }", "get element g vv { 1.2.3.4 }", "get element inet tt s { 1 }",
            "reset element inet t ss2 { 22 }", "get element g aa { 1.1.1.1 }", "get element g abc { 1.1.1.1 }", "get element ip gg a { 1.1.1.1 }",
            "get element g mmm { 1.2.3.4 }", "get element g m { 1.2.3.4 }", "get element g xy { 1 }", "get element inet t ee { 1 }",
            "get element g rr { 1 }", "get element g r2 { 1 }", "get element g vm { 1 }", "rename chain ip g ccc x", "rename chain ip g xc x",
            "rename chain ip emp c x", "rename chain ip6 empt c x", "rename chain inet t chain1 x", "rename chain inet t __chain x", "rename chain inet u c x", "get element ip6 empt s { 1 }");

    static Stream<String> everyForm() {
        return Stream.of(RENAME, EXPORT, RESET_RULES, RESET_SET, STATELESS_SET_LISTINGS, GET_ELEMENT, DESCRIBE, SUGGESTIONS).flatMap(List::stream);
    }

    @ParameterizedTest
    @MethodSource("everyForm")
    void asNft(String command) {
        assertTwinLikeNft(command);
    }
}
