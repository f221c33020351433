package nftlink.nftables;

import nftlink.netlink.DumpInterruptedException;
import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.lang.OutputFlags;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.lang.TimeZoneScope;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Nftables.listRuleset()} lists everything at one generation; listings of missing chains and sets fail (#16);
 * dumps and rendering spread over threads give the same listing (#18). */
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

    /**
     * 1,200 rules in 12 chains, each rule with an anonymous set: listed on several connections and
     * rendered on several threads, the listing is the one a single thread reads, and prints as nft's,
     * with the calling thread's output flags and time zone on every thread (#18).
     */
    @Test
    void parallelListingAndRenderingGiveTheSameListing(TestNamespace ns) {
        StringBuilder script = new StringBuilder("table inet big {\n");
        script.append("\tset ports {\n\t\ttype inet_service\n\t\telements = { 22, 80, 443 }\n\t}\n\n");
        for (int c = 0; c < 12; c++) {
            script.append("\tchain c").append(c).append(" {\n");
            for (int r = 0; r < 100; r++) {
                script.append("\t\tip saddr 10.").append(c).append('.').append(r).append(".0/24 tcp dport { ")
                        .append(1000 + r).append(", ").append(2000 + r).append(" } meta hour \"10:00\"-\"12:00\" accept\n");
            }
            script.append("\t\ttcp dport @ports drop\n\t\tmeta l4proto udp drop\n\t}\n");
        }
        script.append("}\n");
        NftRef.apply(ns, script.toString());
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            Thread.ofPlatform().start(task);
        };
        Executor refusing = task -> {
            throw new RejectedExecutionException("no threads here");
        };
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Ruleset serial = nft.listRuleset();
            assertThat(nft.listRuleset(counting)).isEqualTo(serial);
            assertThat(tasks.get()).as("dump tasks").isPositive();
            assertThat(nft.listRuleset(refusing)).isEqualTo(serial);
            assertThat(Nftables.wrap(nft.connection()).listRuleset(counting)).isEqualTo(serial);

            RulesetListing listing = RulesetListing.of(serial);
            RuleRenderer renderer = RuleRenderer.DEFAULT;
            String expected = listing.render(NftFormatter.DEFAULT, renderer);
            assertThat(expected).isEqualTo(NftRef.list(ns));
            tasks.set(0);
            assertThat(listing.render(NftFormatter.DEFAULT, renderer, counting)).isEqualTo(expected);
            assertThat(tasks.get()).as("rendering tasks").isPositive();
            assertThat(listing.render(NftFormatter.DEFAULT, renderer, refusing)).isEqualTo(expected);
            Table big = serial.tables().getFirst();
            assertThat(listing.renderTable(NftFormatter.DEFAULT, renderer, big, counting)).isEqualTo(expected);

            OutputFlags numeric = new OutputFlags(false, false, false, false, false, true, false);
            ZoneId india = ZoneId.of("Asia/Kolkata");
            String serialNumeric = numeric.apply(() -> TimeZoneScope.call(india,
                    () -> listing.render(NftFormatter.DEFAULT, renderer)));
            assertThat(serialNumeric).isNotEqualTo(expected).contains("meta l4proto 17");
            assertThat(numeric.apply(() -> TimeZoneScope.call(india,
                    () -> listing.render(NftFormatter.DEFAULT, renderer, counting)))).isEqualTo(serialNumeric);
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
        Executor parallel = task -> Thread.ofPlatform().daemon().start(task);
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
                        assertConsistent(checked % 2 == 0 ? reader.listRuleset() : reader.listRuleset(parallel));
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
