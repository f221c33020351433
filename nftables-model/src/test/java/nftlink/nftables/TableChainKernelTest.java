package nftlink.nftables;

import nftlink.testing.NftRef;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.CommitResult;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Differential tests against nft-ref (nft 1.1.3): what the library writes, nft lists identically, and the other way round. */
@KernelTest
class TableChainKernelTest {

    /** A rule set using every table and chain feature the library supports, in nft's own text. */
    static final String RULESET = """
            table ip t4 {
            \tcomment "tcomment"
            \tchain c_raw {
            \t\ttype filter hook prerouting priority raw; policy accept;
            \t}

            \tchain c_filter {
            \t\ttype filter hook input priority filter; policy drop;
            \t}

            \tchain c_nat {
            \t\ttype nat hook postrouting priority srcnat + 5; policy accept;
            \t}

            \tchain c_route {
            \t\ttype route hook output priority -161; policy accept;
            \t}

            \tchain regular {
            \t\tcomment "rc"
            \t}

            \tchain regular2 {
            \t}
            }
            table ip6 t6 {
            \tflags dormant

            \tchain c {
            \t\ttype filter hook input priority filter - 5; policy accept;
            \t}
            }
            table inet ti {
            \tchain in {
            \t\ttype filter hook input priority mangle - 10; policy accept;
            \t}

            \tchain nat_out {
            \t\ttype nat hook output priority dstnat; policy accept;
            \t}

            \tchain ing {
            \t\ttype filter hook ingress device "lo" priority filter + 10; policy accept;
            \t}
            }
            table arp ta {
            \tchain out {
            \t\ttype filter hook output priority filter + 5; policy accept;
            \t}
            }
            table bridge tb {
            \tchain pre {
            \t\ttype filter hook prerouting priority dstnat; policy accept;
            \t}

            \tchain forwarding {
            \t\ttype filter hook forward priority filter + 10; policy accept;
            \t}

            \tchain outgoing {
            \t\ttype filter hook output priority out; policy accept;
            \t}

            \tchain zeroprio {
            \t\ttype filter hook input priority 0; policy accept;
            \t}
            }
            table netdev tn {
            \tchain c {
            \t\ttype filter hook ingress device "lo" priority filter; policy accept;
            \t}

            \tchain e {
            \t\ttype filter hook egress device "lo" priority filter + 1; policy drop;
            \t}
            }
            table ip empty {
            }
            """;

    /** The same rule set as library objects. */
    static List<NftOperation> operations() {
        Family ip = Family.IP;
        return List.of(
                new NftOperation.AddTable(Table.of(ip, "t4").withComment("tcomment"), true),
                new NftOperation.AddChain(Chain.base(ip, "t4", "c_raw", BaseChain.of(ChainType.FILTER, Hook.PREROUTING, -300, ChainPolicy.ACCEPT)), true),
                new NftOperation.AddChain(Chain.base(ip, "t4", "c_filter", BaseChain.of(ChainType.FILTER, Hook.INPUT, 0, ChainPolicy.DROP)), true),
                new NftOperation.AddChain(Chain.base(ip, "t4", "c_nat", BaseChain.of(ChainType.NAT, Hook.POSTROUTING, 105, null)), true),
                new NftOperation.AddChain(Chain.base(ip, "t4", "c_route", BaseChain.of(ChainType.ROUTE, Hook.OUTPUT, -161, null)), true),
                new NftOperation.AddChain(Chain.regular(ip, "t4", "regular").withComment("rc"), true),
                new NftOperation.AddChain(Chain.regular(ip, "t4", "regular2"), true),
                new NftOperation.AddTable(Table.of(Family.IP6, "t6").withFlags(NfTablesUapi.NFT_TABLE_F_DORMANT), true),
                new NftOperation.AddChain(Chain.base(Family.IP6, "t6", "c", BaseChain.of(ChainType.FILTER, Hook.INPUT, -5, ChainPolicy.ACCEPT)), true),
                new NftOperation.AddTable(Table.of(Family.INET, "ti"), true),
                new NftOperation.AddChain(Chain.base(Family.INET, "ti", "in", BaseChain.of(ChainType.FILTER, Hook.INPUT, -160, null)), true),
                new NftOperation.AddChain(Chain.base(Family.INET, "ti", "nat_out", BaseChain.of(ChainType.NAT, Hook.OUTPUT, -100, null)), true),
                new NftOperation.AddChain(Chain.base(Family.INET, "ti", "ing", new BaseChain(ChainType.FILTER, Hook.INGRESS, 10, List.of("lo"), null)), true),
                new NftOperation.AddTable(Table.of(Family.ARP, "ta"), true),
                new NftOperation.AddChain(Chain.base(Family.ARP, "ta", "out", BaseChain.of(ChainType.FILTER, Hook.OUTPUT, 5, null)), true),
                new NftOperation.AddTable(Table.of(Family.BRIDGE, "tb"), true),
                new NftOperation.AddChain(Chain.base(Family.BRIDGE, "tb", "pre", BaseChain.of(ChainType.FILTER, Hook.PREROUTING, -300, null)), true),
                new NftOperation.AddChain(Chain.base(Family.BRIDGE, "tb", "forwarding", BaseChain.of(ChainType.FILTER, Hook.FORWARD, -190, null)), true),
                new NftOperation.AddChain(Chain.base(Family.BRIDGE, "tb", "outgoing", BaseChain.of(ChainType.FILTER, Hook.OUTPUT, 100, null)), true),
                new NftOperation.AddChain(Chain.base(Family.BRIDGE, "tb", "zeroprio", BaseChain.of(ChainType.FILTER, Hook.INPUT, 0, null)), true),
                new NftOperation.AddTable(Table.of(Family.NETDEV, "tn"), true),
                new NftOperation.AddChain(Chain.base(Family.NETDEV, "tn", "c", new BaseChain(ChainType.FILTER, Hook.INGRESS, 0, List.of("lo"), ChainPolicy.ACCEPT)), true),
                new NftOperation.AddChain(Chain.base(Family.NETDEV, "tn", "e", new BaseChain(ChainType.FILTER, Hook.EGRESS, 1, List.of("lo"), ChainPolicy.DROP)), true),
                new NftOperation.AddTable(Table.of(ip, "empty"), true));
    }

    @Test
    void whatTheLibraryWritesNftListsAsExpected(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            var tx = nft.transaction();
            operations().forEach(tx::add);
            tx.commit();
            assertThat(NftRef.list(ns)).isEqualTo(RULESET);
            assertThat(NftFormatter.DEFAULT.ruleset(nft.listRuleset())).isEqualTo(RULESET);
        }
    }

    @Test
    void whatNftWritesTheLibraryListsIdentically(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        String nftText = NftRef.list(ns);
        String nftTables = NftRef.run(ns, "list", "tables").orThrow();
        String nftHandles = NftRef.run(ns, "-a", "list", "ruleset").orThrow();
        String nftNumeric = NftRef.run(ns, "-y", "list", "ruleset").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Ruleset rs = nft.listRuleset();
            assertThat(NftFormatter.DEFAULT.ruleset(rs)).isEqualTo(nftText).isEqualTo(RULESET);
            assertThat(NftFormatter.DEFAULT.tables(nft.listTables())).isEqualTo(nftTables);
            assertThat(new NftFormatter(true, false).ruleset(rs)).isEqualTo(nftHandles);
            assertThat(new NftFormatter(false, true).ruleset(rs)).isEqualTo(nftNumeric);
        }
    }

    @Test
    void listedObjectsReEncodeToWhatTheKernelHolds(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Ruleset listed = nft.listRuleset();
            var tx = nft.transaction().add(new NftOperation.FlushRuleset(null));
            for (Table t : listed.tables()) {
                tx.add(new NftOperation.AddTable(t, true));
                listed.chainsOf(t).forEach(c -> tx.add(new NftOperation.AddChain(c, true)));
            }
            tx.commit();
            assertThat(NftRef.list(ns)).isEqualTo(RULESET);
        }
    }

    @Test
    void chainsOfOneTableAreOnlyThatTablesChains(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThat(nft.listChains(Family.IP, "t4")).extracting(Chain::name)
                    .containsExactly("c_raw", "c_filter", "c_nat", "c_route", "regular", "regular2");
            assertThat(nft.listChains(Family.IP, "empty")).isEmpty();
        }
    }

    @Test
    void echoGivesTheHandlesNftShows(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            CommitResult r = nft.commit(
                    new NftOperation.AddTable(Table.of(Family.INET, "h"), true),
                    new NftOperation.AddChain(Chain.regular(Family.INET, "h", "c"), true));
            long tableHandle = Table.decode(r.echo(0).orElseThrow()).handle();
            long chainHandle = Chain.decode(r.echo(1).orElseThrow()).handle();
            assertThat(tableHandle).isPositive();
            assertThat(NftRef.run(ns, "-a", "list", "ruleset").orThrow())
                    .contains("table inet h { # handle " + tableHandle + "\n")
                    .contains("\tchain c { # handle " + chainHandle + "\n");
        }
    }

    @Test
    void deleteAndFlushWork(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        NftRef.run(ns, "add", "rule", "ip", "t4", "regular", "counter").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            nft.commit(new NftOperation.FlushChain(Family.IP, "t4", "regular"),
                    new NftOperation.DeleteChain(Family.IP, "t4", "regular2", false),
                    new NftOperation.DeleteTable(Family.NETDEV, "tn", false),
                    new NftOperation.DeleteTable(Family.IP, "nonexistent", true));
            String listed = NftRef.run(ns, "list", "ruleset").orThrow();
            assertThat(listed).doesNotContain("counter").doesNotContain("regular2").doesNotContain("table netdev tn");
            nft.commit(new NftOperation.FlushRuleset(Family.IP));
            assertThat(nft.listTables(Family.IP)).isEmpty();
            assertThat(nft.listTables()).isNotEmpty();
            nft.commit(new NftOperation.FlushRuleset(null));
            assertThat(nft.listTables()).isEmpty();
            assertThat(NftRef.run(ns, "list", "ruleset").orThrow()).isEmpty();
        }
    }
}
