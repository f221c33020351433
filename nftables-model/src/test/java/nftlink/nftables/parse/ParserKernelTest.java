package nftlink.nftables.parse;

import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.Nftables;
import nftlink.testing.NftRef;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The parser against nft: the same file applied with {@code nft -f} in one
 * namespace and through the library in another lists identically; checking does
 * not change the kernel; a broken file or a rejected transaction changes nothing.
 */
@KernelTest
class ParserKernelTest {

    static final String RULESET = """
            define ssh_port = 22
            define lan = { 10.0.0.0/8, 192.168.0.0/16 }
            flush ruleset
            table inet filter {
            \tset admins {
            \t\ttype ipv4_addr
            \t\tflags interval
            \t\telements = { 10.0.0.1, 10.1.0.0/16, 10.2.0.1-10.2.0.9 }
            \t}
            \tset ports {
            \t\ttype inet_service
            \t\telements = { 22, 80, 443 }
            \t}
            \tset marks { type mark; flags timeout; timeout 1h; comment "m"; }
            \tmap portmap { type inet_service : verdict; elements = { 8080 : accept, 8443 : drop }; }
            \tset pairs { type ipv4_addr . inet_service; elements = { 10.0.0.1 . 22, 10.0.0.2 . 443 }; }
            \tset users { typeof meta skuid; elements = { 1000, 1001 }; }
            \tset nets {
            \t\ttype ipv4_addr
            \t\tflags interval
            \t\tauto-merge
            \t\telements = { 10.0.0.0/24, 10.0.0.128-10.0.1.5, 10.0.1.6, 192.168.0.1 }
            \t}
            \tcounter hits {
            \t\tpackets 0 bytes 0
            \t}
            \tquota q { over 25 mbytes used 1 mbytes; }
            \tlimit l { rate 10/second burst 3 packets; }
            \tset webs { typeof ip daddr . tcp dport; comment "web servers"; elements = { 10.0.0.80 . 80 }; }
            \tchain input {
            \t\ttype filter hook input priority filter + 5; policy drop;
            \t\tct state established,related accept
            \t\tct state invalid drop
            \t\tiifname "lo" accept
            \t\tip saddr $lan tcp dport $ssh_port counter accept
            \t\tip saddr @admins tcp dport @ports accept
            \t\tip saddr . tcp dport @pairs accept
            \t\tmeta skuid @users ip daddr . tcp dport @webs accept
            \t\ttcp dport vmap @portmap
            \t\ttcp dport vmap { 25 : accept, 1000-2000 : jump apps }
            \t\tip6 saddr ::1 accept ; ip daddr != 10.0.0.0/24 tcp dport < 1024 drop
            \t\tmeta l4proto udp udp dport { 53, 123 } accept
            \t\toifname { "eth0", "wg0" } meta mark 0x10 accept
            \t\tlog prefix "dropped: " level info limit rate 10/minute burst 3 packets
            \t\tlimit rate over 1 mbytes/second drop
            \t\treject with icmpx admin-prohibited
            \t}
            \tchain apps {
            \t\tmeta skuid 1000 accept comment "user"
            \t\tmeta mark set 0x2
            \t\tquota over 10 mbytes drop
            \t\ttcp dport ssh reject with tcp reset
            \t\treturn
            \t}
            }
            table ip nat {
            \tchain pre { type nat hook prerouting priority dstnat; policy accept;
            \t\ttcp dport 8080 dnat to 10.0.0.2:80
            \t\ttcp dport 2222 redirect to :22
            \t}
            \tchain post {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\toifname "eth*" masquerade random
            \t\tip saddr 10.0.0.0/8 snat to 192.168.1.1-192.168.1.10 persistent
            \t}
            }
            table ip6 t6 {
            \tchain c { type filter hook output priority raw; ip6 daddr fe80::/10 notrack; ip6 nexthdr tcp reject; }
            }
            table bridge br {
\tchain c { type filter hook forward priority filter; ether type ip6 drop; }
}
            add table inet extra { comment "added"; }
            add chain inet extra c
            add rule inet extra c tcp dport 22 accept
            insert rule inet extra c udp dport 53 accept
            add counter inet extra cnt
            add quota inet extra q2 { 100 bytes }
            add limit inet extra bw { rate over 1 mbytes/second }
            add element inet filter ports { 8080, \\
                8081 }
            delete element inet filter ports { 80 }
            """;

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    @Test
    void libraryAndNftListTheSameRuleset(TestNamespace ns, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("ruleset.nft");
        Files.writeString(file, RULESET);
        NftRef.run(ns, "-f", file.toString()).orThrow();
        String expected = NftRef.run(ns, "list", "ruleset").orThrow();
        try (TestNamespace other = TestNamespace.create();
             NetworkNamespace handle = other.open();
             Nftables nft = Nftables.open(handle)) {
            NftScript script = PARSER.parseFile(file);
            nft.transaction().addAll(script.operations()).commit();
            assertThat(NftRef.run(other, "list", "ruleset").orThrow()).isEqualTo(expected);
        }
    }

    @Test
    void checkDoesNotChangeTheKernel(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            NftScript script = PARSER.parse(RULESET, "ruleset.nft");
            nft.transaction().addAll(script.operations()).check();
            assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEmpty();
        }
    }

    @Test
    void aBrokenFileChangesNothing(TestNamespace ns) {
        NftRef.script(ns, "table ip keep {\n\tchain c {\n\t}\n}\n").orThrow();
        String before = NftRef.run(ns, "list", "ruleset").orThrow();
        String broken = "flush ruleset\ntable ip new { chain c { tcp dport 22 acept } }\n";
        assertThatThrownBy(() -> PARSER.parse(broken, "broken.nft")).isInstanceOf(NftParseException.class);
        assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEqualTo(before);
    }

    @Test
    void aRejectedTransactionNamesTheSourceLineAndChangesNothing(TestNamespace ns) {
        NftRef.script(ns, "table ip keep {\n\tchain c {\n\t}\n}\n").orThrow();
        String before = NftRef.run(ns, "list", "ruleset").orThrow();
        NftScript script = PARSER.parse("flush ruleset\nadd table ip t\nadd chain ip t c\nadd rule ip t c jump nowhere\n", "bad.nft");
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            TransactionException e = catchThrowableOfType(TransactionException.class,
                    () -> nft.transaction().addAll(script.operations()).commit());
            assertThat(e).isNotNull();
            SourceLocation where = script.locationOf(e.operationIndex());
            assertThat(where.line()).isEqualTo(4);
            assertThat(where.lineText()).isEqualTo("add rule ip t c jump nowhere");
        }
        assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEqualTo(before);
    }
}
