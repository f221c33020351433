package nftlink.examples.cli;

import nftlink.testing.NftRef;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list form with nft's listing options, run by nftlink and by nft-ref (nft 1.1.3) in one
 * namespace that nft-ref loaded: the same standard output, the same error and the same exit status.
 * The rule set leaves out what nftlink's renderer still prints as nft 1.0.6 did (see the report).
 */
@KernelTest
class ListParityKernelTest {

    static final String RULESET = """
            table inet t {
            \tcomment "test table"
            \tcounter c { packets 5 bytes 100; comment "cnt"; }
            \tcounter c2 { }
            \tquota q { over 25 mbytes used 1 mbytes; }
            \tlimit l { rate 10/second burst 20 packets; }
            \tct helper h { type "ftp" protocol tcp; l3proto inet; }
            \tct expectation e { protocol tcp; dport 2121; timeout 1m; size 12; l3proto ip; }
            \tsynproxy s { mss 1460; wscale 7; timestamp sack-perm; }
            \tset admins { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 }; }
            \tset ports { type inet_service; flags interval; elements = { 22, 80-89, 443 }; }
            \tset dyn { type ipv4_addr; flags dynamic; }
            \tmap marks { type ipv4_addr : mark; elements = { 10.1.1.1 : 0x1 }; }
            \tmap verdicts { type inet_service : verdict; elements = { 22 : accept }; }
            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tcomment "the input"
            \t\tct state established,related accept
            \t\tip saddr @admins tcp dport 22 accept
            \t\ttcp dport { 25, 143 } counter packets 5 bytes 300 accept
            \t\ttcp dport vmap @verdicts
            \t\tmeta l4proto tcp counter name "c"
            \t\tip daddr 127.0.0.1 udp dport 53 quota 5 mbytes used 1 mbytes
            \t\tmeta skuid 0 meta skgid 0 accept
            \t\tct expiration 30s
            \t\ttcp flags syn / syn,ack accept
            \t\ticmp type echo-request accept
            \t\ttcp dport https ip saddr 127.0.0.1-127.0.0.3 accept
            \t\tadd @dyn { ip saddr } accept
            \t\tip protocol icmp reject with icmp port-unreachable
            \t}
            \tchain apps {
            \t\tiif lo oif lo accept
            \t\tmeta mark set iif . th sport map { "lo" . 22 : 0x1 }
            \t\tmeta l4proto tcp jump {
            \t\t\ttcp dport 22 accept
            \t\t}
            \t}
            }
            table ip t2 {
            \tflags dormant
            \tchain post {
            \t\ttype nat hook postrouting priority srcnat + 5; policy accept;
            \t\tmasquerade
            \t}
            }
            table ip6 six {
            \tchain c {
            \t\tip6 daddr ::1 icmpv6 type nd-neighbor-solicit accept
            \t}
            }
            """;

    private static TestNamespace ns;

    @BeforeAll
    static void load(TestNamespace namespace) {
        ns = namespace;
        NftRef.apply(ns, RULESET);
    }

    static Stream<String> everyForm() {
        return Stream.of("list ruleset", "list ruleset inet", "list ruleset ip6", "list tables", "list tables inet",
                "list table inet t", "list table t2", "list table ip6 six", "list chains", "list chains ip",
                "list chain inet t input", "list chain inet t apps", "list sets", "list sets inet", "list sets table inet t",
                "list sets inet t", "list sets ip", "list set inet t admins", "list set inet t ports", "list maps",
                "list map inet t marks", "list map inet t verdicts", "list meters", "list meter inet t dyn", "list counters",
                "list counters table inet t", "list counters inet t", "list counter inet t c", "list quotas", "list quota inet t q",
                "list limits", "list limit inet t l", "list ct helpers table inet t", "list ct helper inet t h",
                "list ct expectation table inet t", "list ct expectation inet t e", "list synproxys", "list synproxy inet t s",
                "list flowtables", "list flowtables inet", "list secmarks", "list counters ip");
    }

    /**
     * {@code list hooks} in every form, with nft's errors (a kernel without the hook dump, as this one, refuses
     * every hook with EINVAL: nft then prints nothing, or fails for arp and a netdev device; HookListingTest
     * covers the listing of a kernel that answers); and a keyword where a name should be, a syntax error in nft:
     * words its scanner always reads as keywords ({@code tcp}, {@code hour}), and those of the object's start
     * condition ({@code name} after {@code counter}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"list hooks", "list hooks ip", "list hooks ip6", "list hooks inet", "list hooks arp",
            "list hooks bridge", "list hooks netdev", "list hooks netdev device lo", "list hooks inet device lo",
            "list hooks ip device lo", "list hooks arp device lo", "list hooks device lo", "list hooks ip foo",
            "list hooks netdev device", "-j list hooks", "-j list hooks arp",
            "list counter inet t name", "list counter inet name c", "list quota inet t used",
            "list limit inet t rate", "list synproxy inet t mss", "list table ip hour", "list set inet t day",
            "list chain inet t meta", "list counters ip hour", "list counters table ip hour", "list sets ip tcp",
            "list quotas ip used", "list counters inet name", "list ct helper inet t name", "list tables ip hour",
            "list maps table ip accept", "list flowtables ip meta", "list hooks ip tcp"})
    void hooksAndKeywordsAsNft(String command) {
        Cli.assertLikeNft(ns, command.split(" "));
    }

    @ParameterizedTest
    @MethodSource("everyForm")
    void everyFormAsNft(String command) {
        Cli.assertLikeNft(ns, command.split(" "));
    }

    @ParameterizedTest
    @MethodSource("everyForm")
    void everyFormWithHandlesAsNft(String command) {
        List<String> args = new ArrayList<>(List.of("-a"));
        args.addAll(List.of(command.split(" ")));
        Cli.assertLikeNft(ns, args.toArray(String[]::new));
    }

    static Stream<String> withOptions() {
        List<String> cases = new ArrayList<>();
        for (String options : List.of("-s", "-t", "-n", "-N", "-S", "-u", "-y", "-p", "-T", "-st", "-an", "-nnn",
                "--stateless --handle", "--numeric", "--terse --service", "-a -s -t -n")) {
            for (String command : List.of("list ruleset", "list chain inet t input", "list sets", "list maps", "list counters",
                    "list quotas", "list ct expectation inet t e", "list chains")) {
                cases.add(options + " " + command);
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("withOptions")
    void listingOptionsAsNft(String command) {
        Cli.assertLikeNft(ns, command.split(" "));
    }

    static Stream<String> mistakes() {
        return Stream.of("list table inet nosuch", "list table nosuch", "list chain inet t nosuch", "list chain inet nosuch input",
                "list set inet t nosuch", "list set inet t marks", "list map inet t admins", "list counter inet t nosuch",
                "list quota inet t c", "list ct helper inet t nosuch", "list counters table inet nosuch", "list frob", "list",
                "list table inet", "list chain inet t", "list chains inet x", "list sets table", "list ct", "list ct frob", "list ct timeouts", "list ct expectations table inet t",
                "list ct helpers inet", "list ruleset foo", "list table inet t extra", "monitor frob", "reset frob");
    }

    /** The error nft prints in full: {@code Error: ...}, the command and the caret under the word at fault. */
    @ParameterizedTest
    @MethodSource("mistakes")
    void mistakesAsNft(String command) {
        Cli.Run ours = Cli.assertLikeNft(ns, command.split(" "));
        assertThat(ours.err()).isEqualTo(NftRef.run(ns, command.split(" ")).stderr());
    }
}
