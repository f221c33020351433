package nftlink.nftables;

import nftlink.netlink.DumpInterruptedException;
import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Nftables.listRuleset()} lists everything at one generation; listings of missing chains and sets fail (#16). */
@KernelTest
class ListRulesetKernelTest {

    private static final String RULESET = """
            table inet app {
            \tcounter hits {
            \t\tpackets 0 bytes 0
            \t}

            \tset blocked {
            \t\ttype ipv4_addr
            \t\tflags interval
            \t\telements = { 10.0.0.0/8, 192.0.2.1 }
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tip saddr @blocked drop
            \t\ttcp dport { 22, 2222 } counter name "hits" accept
            \t}
            }
            """;

    @Test
    void everythingIsListedAndPrintsAsNft(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Ruleset rs = nft.listRuleset();
            assertThat(rs.tables()).extracting(Table::name).containsExactly("app");
            assertThat(rs.chains()).extracting(Chain::name).containsExactly("input");
            assertThat(rs.rulesOf(rs.chains().getFirst())).hasSize(2);
            NftSet blocked = rs.sets().stream().filter(s -> s.name().equals("blocked")).findFirst().orElseThrow();
            assertThat(rs.elementsOf(blocked)).isNotEmpty();
            assertThat(rs.sets()).hasSize(2).allSatisfy(s -> assertThat(rs.elementsOf(s)).isNotEmpty());
            assertThat(rs.objects()).extracting(NftObject::name).containsExactly("hits");
            assertThat(rs.flowtables()).isEmpty();

            assertThat(nft.listRulesetText()).isEqualTo(NftRef.list(ns)).isEqualTo(RULESET);

            Ruleset cheap = nft.listTablesAndChains();
            assertThat(cheap.tables()).isEqualTo(rs.tables());
            assertThat(cheap.rules()).isEmpty();
            assertThat(cheap.sets()).isEmpty();
        }
    }

    /** Flowtables need CONFIG_NF_FLOW_TABLE: checked where the kernel accepts one. */
    @Test
    void flowtablesAreListedWhereTheKernelHasThem(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        TestNamespace.Result added = NftRef.script(ns,
                "add flowtable inet app fast { hook ingress priority filter; devices = { lo }; }\n");
        Assumptions.assumeTrue(added.exitCode() == 0, "this kernel has no flowtables: " + added.stderr());
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThat(nft.listRuleset().flowtables()).extracting(Flowtable::name).containsExactly("fast");
            assertThat(nft.listRulesetText()).isEqualTo(NftRef.list(ns));
        }
    }

    @Test
    void missingChainsAndSetsAreNotFoundRatherThanEmpty(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThat(nft.listRules(Family.INET, "app", "input")).hasSize(2);
            for (Runnable missing : List.<Runnable>of(
                    () -> nft.listRules(Family.INET, "app", "nochain"),
                    () -> nft.listRules(Family.INET, "notable", "input"),
                    () -> nft.listElements(Family.INET, "app", "noset"),
                    () -> nft.listElements(Family.INET, "notable", "blocked"))) {
                assertThatThrownBy(missing::run).isInstanceOfSatisfying(NetlinkKernelException.class,
                        e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
            }
            assertThatThrownBy(() -> nft.listElements(Family.INET, "app", "noset"))
                    .hasMessage("list elements inet app noset: ENOENT (No such file or directory) at NFTA_SET_ELEM_LIST_SET");
            assertThatThrownBy(() -> nft.listRules(Family.INET, "app", "nochain"))
                    .hasMessage("list rules inet app nochain: ENOENT (No such file or directory) at NFTA_CHAIN_NAME");
            nft.commit(NftOperations.addChain(Chain.regular(Family.INET, "app", "empty")));
            assertThat(nft.listRules(Family.INET, "app", "empty")).isEmpty();
        }
    }

    /**
     * A writer adds and deletes chains with three rules and a set with five elements, each in one
     * transaction; every listing taken meanwhile shows each chain with its three rules and its set
     * with its five elements, never half of a change.
     */
    @Test
    @Timeout(120)
    void listingsUnderConcurrentChangeAreConsistent(TestNamespace ns) throws InterruptedException {
        NftRef.apply(ns, "table inet churn {\n}\n");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        try (NetworkNamespace n = ns.open(); Nftables writer = Nftables.open(n); Nftables reader = Nftables.open(n)) {
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        writer.apply(group(i));
                        if (i >= 3) {
                            writer.commit(NftOperations.deleteChain(Family.INET, "churn", "c" + (i - 3)),
                                    NftOperations.deleteSet(Family.INET, "churn", "s" + (i - 3)));
                        }
                        // a busy writer, not a spinning one: a listing of a few dumps fits between two changes
                        Thread.sleep(1);
                    }
                } catch (Throwable e) {
                    writerFailure.set(e);
                }
            });
            int checked = 0;
            int interrupted = 0;
            try {
                while (checked < 400 && interrupted < 400 && writerFailure.get() == null) {
                    try {
                        assertConsistent(reader.listRuleset());
                        checked++;
                    } catch (DumpInterruptedException e) {
                        // the writer never pauses: ten changes during one listing is a refusal, not a torn listing
                        interrupted++;
                    }
                }
            } finally {
                stop.set(true);
                t.join();
            }
            assertThat(writerFailure.get()).isNull();
            assertThat(checked).as("consistent listings (%d refused as the rule set kept changing)", interrupted)
                    .isEqualTo(400);
        }
    }

    private static String group(int i) {
        return "add chain inet churn c" + i + "\n"
                + "add set inet churn s" + i + " { type inet_service; elements = { 1, 2, 3, 4, 5 }; }\n"
                + ("add rule inet churn c" + i + " tcp dport @s" + i + " accept\n").repeat(3);
    }

    private static void assertConsistent(Ruleset rs) {
        for (Chain c : rs.chains()) {
            String n = c.name().substring(1);
            assertThat(rs.rulesOf(c)).as("rules of %s", c.name()).hasSize(3);
            NftSet s = rs.sets().stream().filter(x -> x.name().equals("s" + n)).findFirst().orElseThrow();
            assertThat(rs.elementsOf(s)).as("elements of %s", s.name()).hasSize(5);
        }
        assertThat(rs.sets()).hasSameSizeAs(rs.chains());
    }
}
