package nftlink.examples.daemon;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #20.4: the daemon repairs what is its own when someone removes it (the whole
 * table, {@code flush ruleset}, a chain, a static rule), removes forged rules that
 * carry its tag, waits quietly for a table it does not own, and does not duplicate
 * static rules on reload. Each test in a throwaway namespace and cgroup subtree.
 */
@KernelTest
class RepairKernelTest {

    @TempDir
    Path dir;
    private DaemonFixture f;
    private Path policyFile;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        f = new DaemonFixture();
        policyFile = dir.resolve("policy.conf");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String staticPart(boolean flush) {
        return (flush ? "flush ruleset\n" : "") + """
                table inet filter {
                	set apps {
                		type cgroupsv2
                	}
                	chain out {
                		type filter hook output priority 0; policy accept;
                		tcp dport 25 jump allow
                		tcp dport 443 socket cgroupv2 level 2 @apps accept
                		tcp dport { 25, 443 } reject
                	}
                	chain allow {
                	}
                }
                """;
    }

    private String policy(boolean flush) {
        return staticPart(flush) + """
                # mail.scope :: add rule inet filter allow socket cgroupv2 level 2 "%1$s/mail.scope" tcp dport 25 accept
                # web@*.scope :: add element inet filter apps { "%1$s/web@*.scope" }
                """.formatted(f.root);
    }

    private static List<Rule> rules(Nftables nft, String chain) {
        try {
            return nft.listRules(Family.INET, "filter", chain);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static int members(Nftables nft) {
        try {
            return nft.listElements(Family.INET, "filter", "apps").size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private boolean whole(Nftables nft) {
        return rules(nft, "out").size() == 3 && rules(nft, "allow").size() == 1 && members(nft) == 1;
    }

    private long lines(String part) {
        return log.stream().filter(l -> l.contains(part)).count();
    }

    /** {@link DaemonFixture#await}, with the daemon's log in the failure message. */
    private void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        try {
            DaemonFixture.await(what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the daemon's log:\n" + String.join("\n", log), e);
        }
    }

    private Daemon start(NetworkNamespace n, boolean load) {
        Daemon d = Daemon.open(Daemon.Config.of(policyFile).withLoad(load).in(n).watching(f.root), log::add);
        d.start();
        return d;
    }

    @Test
    void withLoadTheWholeTableComesBackAfterDeleteFlushAndDamage(TestNamespace ns) throws Exception {
        Files.writeString(policyFile, policy(true));
        f.mkdir("mail.scope");
        f.mkdir("web@1.scope");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Daemon d = start(n, true)) {
            await("the policy in force", () -> whole(nft));
            assertThat(lines("repaired")).as("a whole table is not repaired").isZero();

            NftRef.run(ns, "delete", "table", "inet", "filter").orThrow();
            await("the table rebuilt after 'delete table'", () -> whole(nft) && lines("repaired table inet filter") == 1);

            NftRef.run(ns, "flush", "ruleset").orThrow();
            await("the table rebuilt after 'flush ruleset'", () -> whole(nft) && lines("repaired table inet filter") == 2);

            NftRef.script(ns, "flush chain inet filter out\nflush chain inet filter allow\ndelete chain inet filter allow\n").orThrow();
            await("the table rebuilt after its chains were damaged", () -> whole(nft) && lines("repaired table inet filter") == 3);

            long handle = rules(nft, "out").get(1).handle();
            NftRef.run(ns, "delete", "rule", "inet", "filter", "out", "handle", Long.toString(handle)).orThrow();
            await("the static rule put back", () -> whole(nft) && lines("repaired table inet filter") == 4);

            NftRef.run(ns, "flush", "set", "inet", "filter", "apps").orThrow();
            await("the element put back", () -> members(nft) == 1);
            assertThat(lines("repaired table")).as("a flushed set of cgroups is the bindings' business, not a rebuild")
                    .isEqualTo(4);
            assertThat(log).noneMatch(l -> l.contains("\tat ") || l.contains("Exception"));
        }
    }

    @Test
    void aForgedRuleWithTheTagIsRemoved(TestNamespace ns) throws Exception {
        Files.writeString(policyFile, policy(true));
        f.mkdir("mail.scope");
        long mail = f.id("mail.scope");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Daemon d = start(n, true)) {
            await("the policy in force", () -> rules(nft, "allow").size() == 1);
            String tag = rules(nft, "allow").getFirst().comment();
            assertThat(tag).startsWith("nftlinkd mail.scope " + mail + " ");
            NftRef.run(ns, "add", "rule", "inet", "filter", "allow", "accept", "comment", "\"" + tag + "\"").orThrow();
            NftRef.run(ns, "insert", "rule", "inet", "filter", "out", "accept", "comment", "\"" + tag + "\"").orThrow();
            await("the forged rules removed", () -> rules(nft, "allow").size() == 1 && rules(nft, "out").size() == 3
                    && rules(nft, "allow").getFirst().expressions().size() > 1);
            assertThat(rules(nft, "out")).noneMatch(r -> tag.equals(r.comment()));
        }
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            long handle = rules(nft, "allow").getFirst().handle();
            try (Daemon d = start(n, false)) {
                assertThat(rules(nft, "allow")).as("a restart adopts the rule it made: it is the rule its entry makes")
                        .singleElement().extracting(Rule::handle).isEqualTo(handle);
            }
        }
    }

    @Test
    void aReloadOfAPolicyWithoutFlushKeepsOneCopyOfTheStaticRules(TestNamespace ns) throws Exception {
        Files.writeString(policyFile, policy(false));
        f.mkdir("mail.scope");
        f.mkdir("web@1.scope");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Daemon d = start(n, true)) {
            await("the policy in force", () -> whole(nft));
            d.reload();
            d.reload();
            assertThat(rules(nft, "out")).hasSize(3);
            assertThat(rules(nft, "allow")).hasSize(1);
            assertThat(members(nft)).isEqualTo(1);
        }
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Daemon d = start(n, true)) {
            await("a second start adopts", () -> whole(nft));
            assertThat(rules(nft, "out")).as("a restart keeps one copy too").hasSize(3);
        }
    }

    @Test
    void withoutLoadItWaitsForTheTableInOneLineAndFillsItWhenItComesBack(TestNamespace ns) throws Exception {
        NftRef.script(ns, staticPart(true)).orThrow();
        Files.writeString(policyFile, policy(true));
        f.mkdir("mail.scope");
        f.mkdir("web@1.scope");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); Daemon d = start(n, false)) {
            await("the policy in force", () -> whole(nft));

            NftRef.run(ns, "delete", "table", "inet", "filter").orThrow();
            await("one line per missing chain or set", () -> lines("chain inet filter allow is gone: 1 rule(s)/element(s) wait") == 1
                    && lines("set inet filter apps is gone: 1 rule(s)/element(s) wait") == 1);
            f.mkdir("mail2.scope");
            NftRef.run(ns, "add", "table", "inet", "unrelated").orThrow();
            f.rmdir("mail2.scope");

            NftRef.script(ns, staticPart(false)).orThrow();
            await("the bindings back with the table", () -> whole(nft));
            await("the lines that say so", () -> lines("chain inet filter allow is back") == 1);
            assertThat(lines("is gone")).as("no repeated lines while waiting").isEqualTo(2);
            assertThat(log).noneMatch(l -> l.contains("\tat ") || l.contains("Exception"));
        }
    }
}
