package nftlink.nftables;

import nftlink.testing.NftRef;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.CommitResult;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.RawExpression;
import nftlink.nftables.expr.Verdict;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules at kernel level against the real kernel and nft's own bytecode listing. */
@KernelTest
class RuleKernelTest {

    /** Rules made only of the core expressions (payload, meta, cmp, immediate, bitwise, lookup, counter). */
    static final String CORE_RULES = """
            table inet t {
              set s { type ipv4_addr; }
              chain c {
                tcp dport 22 accept
                ip saddr 10.0.0.0/8 counter drop
                meta mark set 0x2
                ip daddr @s jump d
                ip daddr != @s drop
                iifname "lo" accept
                ip6 daddr ::1 meta l4proto udp continue
                ip dscp cs1 return
                ether saddr 00:11:22:33:44:55 goto d
                meta skuid 1000 counter accept comment "per user"
                udp dport 53 meta priority set 0x10
              }
              chain d { return; }
            }
            """;

    @Test
    void listedRulesMatchNftBytecode(TestNamespace ns) {
        NftRef.script(ns, CORE_RULES).orThrow();
        Map<Long, String> expected = NftDebugListing.ruleBlocks(NftRef.run(ns, "--debug=netlink", "list", "ruleset").orThrow());
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            List<Rule> rules = nft.listRules();
            assertThat(rules).hasSize(expected.size()).hasSize(12);
            for (Rule r : rules) {
                assertThat(r.toDebugString()).isEqualTo(expected.get(r.handle()));
                assertThat(r.expressions()).noneMatch(e -> e instanceof RawExpression);
            }
            assertThat(rules.stream().filter(r -> "per user".equals(r.comment()))).hasSize(1);
        }
    }

    @Test
    void listedRulesReEncodeToTheSameRuleset(TestNamespace source, TestNamespace copy) {
        NftRef.script(source, CORE_RULES).orThrow();
        NftRef.script(copy, "table inet t { set s { type ipv4_addr; }; chain c { }; chain d { }; }").orThrow();
        try (NetworkNamespace from = source.open(); Nftables a = Nftables.open(from);
             NetworkNamespace to = copy.open(); Nftables b = Nftables.open(to)) {
            var tx = b.transaction();
            for (Rule r : a.listRules()) {
                tx.add(new NftOperation.AddRule(r.withHandle(0).withPosition(0)));
            }
            tx.commit();
        }
        assertThat(NftRef.run(copy, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(source, "list", "ruleset").orThrow());
    }

    @Test
    void handlesAreKnownAfterCommitAndRulesCanBeInsertedReplacedDeleted(TestNamespace ns) {
        NftRef.script(ns, "table ip t { chain c { }; }").orThrow();
        List<Expression> accept = List.of(Immediate.verdict(Verdict.ACCEPT));
        List<Expression> tcp22 = List.of(
                new Meta.Load(Meta.Key.L4PROTO, 1), new Cmp(Cmp.Op.EQ, 1, Bytes.u8(6)),
                new Payload.Load(Payload.Base.TRANSPORT, 2, 2, 1), new Cmp(Cmp.Op.EQ, 1, Bytes.u16Be(22)),
                Counter.zero(), Immediate.verdict(Verdict.DROP));
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            CommitResult r = nft.commit(
                    new NftOperation.AddRule(Rule.of(Family.IP, "t", "c", accept)),
                    new NftOperation.AddRule(Rule.of(Family.IP, "t", "c", tcp22).withComment("ssh")));
            long first = Rule.decode(r.echo(0).orElseThrow()).handle();
            long second = Rule.decode(r.echo(1).orElseThrow()).handle();
            assertThat(first).isPositive();
            assertThat(second).isGreaterThan(first);
            assertThat(NftRef.run(ns, "-a", "list", "chain", "ip", "t", "c").orThrow())
                    .contains("\t\taccept # handle " + first + "\n")
                    .contains("\t\ttcp dport 22 counter packets 0 bytes 0 drop comment \"ssh\" # handle " + second + "\n");

            long inserted = Rule.decode(nft.commit(new NftOperation.InsertRule(
                    Rule.of(Family.IP, "t", "c", List.of(Immediate.verdict(Verdict.CONTINUE))).withPosition(second)))
                    .echo(0).orElseThrow()).handle();
            nft.commit(new NftOperation.ReplaceRule(Rule.of(Family.IP, "t", "c",
                    List.of(Immediate.verdict(Verdict.RETURN))).withHandle(first)));
            List<Rule> rules = nft.listRules(Family.IP, "t", "c");
            assertThat(rules).extracting(Rule::handle).containsExactly(first, inserted, second);
            assertThat(rules.getFirst().expressions()).containsExactly(Immediate.verdict(Verdict.RETURN));

            nft.commit(new NftOperation.DeleteRule(Family.IP, "t", "c", inserted));
            assertThat(nft.listRules(Family.IP, "t", "c")).extracting(Rule::handle).containsExactly(first, second);
        }
    }

    @Test
    void errorsInsideExpressionsNameTheExpression(TestNamespace ns) {
        NftRef.script(ns, "table ip t { chain c { }; }").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            // a cmp reading a register nothing loaded is fine for the kernel; a payload load of 100 bytes is not
            var rule = Rule.of(Family.IP, "t", "c", List.of(new Payload.Load(Payload.Base.NETWORK, 0, 100, 1)));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> nft.commit(new NftOperation.AddRule(rule)))
                    .isInstanceOf(nftlink.nfnetlink.TransactionException.class)
                    .hasMessageStartingWith("transaction failed at operation 1 of 1 (add rule ip t c): ");
        }
    }
}
