package nftlink.examples.snippets;

import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.BaseChain;
import nftlink.nftables.Bytes;
import nftlink.nftables.Chain;
import nftlink.nftables.ChainPolicy;
import nftlink.nftables.ChainType;
import nftlink.nftables.Family;
import nftlink.nftables.Hook;
import nftlink.nftables.NftEvent;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftOperations;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.Ruleset;
import nftlink.nftables.Table;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;
import nftlink.nftables.parse.AppliedScript;
import nftlink.nftables.parse.NftParseException;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nine everyday tasks of docs/API.md, run against the kernel exactly as the document shows
 * them: each task's code between its markers here must equal the document's Java block for it,
 * so that the document cannot drift from the API (#16).
 */
@KernelTest
class ApiTasksKernelTest {

    private static final Path SOURCE = Path.of("src/test/java/nftlink/examples/snippets/ApiTasksKernelTest.java");
    private static final Path DOCUMENT = Path.of("../docs/API.md");

    @Test
    @Timeout(120)
    void theTasksRunAsDocumented(TestNamespace ns) throws InterruptedException {
        try (NetworkNamespace namespace = ns.open()) {
            // task 1
            try (Nftables nft = Nftables.open(namespace)) {
                nft.commit(
                        NftOperations.addTable(Table.of(Family.INET, "app")),
                        NftOperations.addChain(Chain.base(Family.INET, "app", "input",
                                BaseChain.of(ChainType.FILTER, Hook.INPUT, 0, ChainPolicy.ACCEPT))),
                        NftOperations.addChain(Chain.regular(Family.INET, "app", "allowed")));
            }
            // end of task 1
            assertThat(NftRef.run(ns, "list", "chains").orThrow()).contains("chain input", "chain allowed");

            try (Nftables nft = Nftables.open(namespace)) {
                rulesAndHandles(ns, nft, namespace);
                listingsErrorsAndThreads(ns, nft, namespace);
            }
        }
    }

    private static void rulesAndHandles(TestNamespace ns, Nftables nft, NetworkNamespace namespace) {
        // task 2
        AppliedScript applied = nft.apply("""
                add rule inet app input ct state established,related accept
                add rule inet app input tcp dport { 22, 443 } accept
                """);
        long established = applied.handle(1).orElseThrow();
        long web = applied.handle(2).orElseThrow();

        RuleSpec dns = RuleSpec.of(Family.INET, "app", "input",
                new Match(PayloadField.UDP_DPORT, Match.Op.EQ, new Value.SetLiteral(List.of(
                        new Value.Single(Bytes.u16Be(53)), new Value.Single(Bytes.u16Be(853))))),
                new Statement.VerdictStatement(Verdict.ACCEPT));
        long dnsHandle = nft.transaction().add(dns).commit().handle(dns);
        // end of task 2
        String listed = NftRef.run(ns, "-a", "list", "chain", "inet", "app", "input").orThrow();
        assertThat(listed).contains("ct state established,related accept # handle " + established,
                "tcp dport { 22, 443 } accept # handle " + web, "udp dport { 53, 853 } accept # handle " + dnsHandle);

        // task 3
        nft.apply("replace rule inet app input handle " + web + " tcp dport { 22, 443, 8443 } accept");
        nft.commit(NftOperations.deleteRule(Family.INET, "app", "input", established));
        // end of task 3
        listed = NftRef.run(ns, "-a", "list", "chain", "inet", "app", "input").orThrow();
        assertThat(listed).contains("tcp dport { 22, 443, 8443 } accept # handle " + web).doesNotContain("established");

        // task 4
        nft.apply("add set inet app recent { type ipv4_addr; flags timeout; timeout 1h; }");
        StringJoiner elements = new StringJoiner(", ", "add element inet app recent { ", " }");
        for (int i = 0; i < 1000; i++) {
            elements.add("10.1." + i / 256 + "." + i % 256 + " timeout 10m");
        }
        nft.apply(elements.toString());
        int count = nft.listElements(Family.INET, "app", "recent").size();
        // end of task 4
        assertThat(count).isEqualTo(1000);
        assertThat(NftRef.run(ns, "list", "set", "inet", "app", "recent").orThrow()).contains("10.1.3.231 timeout 10m expires");
    }

    private static void listingsErrorsAndThreads(TestNamespace ns, Nftables nft, NetworkNamespace namespace)
            throws InterruptedException {
        // task 5
        String text = nft.listRulesetText();
        Ruleset ruleset = nft.listRuleset();
        for (Rule rule : ruleset.rules()) {
            System.out.println(rule.chain() + " handle " + rule.handle());
        }
        // end of task 5
        // the elements' expiry times count down between the two listings
        assertThat(text.replaceAll(" expires [0-9hms]+", "")).isEqualTo(NftRef.list(ns).replaceAll(" expires [0-9hms]+", ""));
        assertThat(ruleset.rules()).hasSize(2);

        // task 6
        List<String> problems = new ArrayList<>();
        try {
            nft.commit(NftOperations.createTable(Table.of(Family.INET, "app")));
        } catch (TransactionException e) {
            problems.add(e.errno() + ": " + e.getMessage());
        }
        try {
            nft.listRules(Family.INET, "app", "missing");
        } catch (NetlinkKernelException e) {
            problems.add(e.errno() + ": " + e.getMessage());
        }
        try {
            nft.apply("add rule inet app input tcp dport nope accept");
        } catch (NftParseException e) {
            problems.add(e.getMessage());
        }
        // end of task 6
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith(Errno.EEXIST + ": transaction failed at operation 1 of 1 (create table inet app)");
        assertThat(problems.get(1)).startsWith(Errno.ENOENT + ": ");
        assertThat(problems.get(2)).startsWith("<string>:1:");

        // task 7
        List<String> seen = new ArrayList<>();
        try (NftMonitor monitor = NftMonitor.open(namespace)) {
            nft.apply("add rule inet app input tcp dport 8080 accept");
            Optional<NftMonitor.Update> update = monitor.next(Duration.ofSeconds(5));
            if (update.orElse(null) instanceof NftMonitor.Committed committed) {
                for (NftEvent event : committed.events()) {
                    if (event instanceof NftEvent.RuleEvent r && r.added()) {
                        seen.add("new rule with handle " + r.rule().handle());
                    }
                }
            }
        }
        // end of task 7
        assertThat(seen).hasSize(1);

        // task 9
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                int port = 9000 + i;
                pool.submit(() -> nft.apply("add rule inet app input tcp dport " + port + " accept"));
            }
        }
        // end of task 9
        assertThat(NftRef.run(ns, "list", "chain", "inet", "app", "input").orThrow())
                .contains("tcp dport 9000 accept", "tcp dport 9001 accept", "tcp dport 9002 accept", "tcp dport 9003 accept");
    }

    /** Task 8 names the modules and the flag: they are the library's. */
    @Test
    void theModuleAndFlagOfTask8AreTheLibrarys() throws IOException {
        String task8 = String.join("\n", documented(8));
        String nftables = Files.readString(Path.of("../nftables-model/src/main/java/module-info.java"));
        String nfnetlink = Files.readString(Path.of("../nfnetlink/src/main/java/module-info.java"));
        assertThat(task8).contains("requires nftlink.nftables;");
        assertThat(nftables).contains("module nftlink.nftables {", "requires transitive nftlink.nfnetlink;");
        assertThat(nfnetlink).contains("module nftlink.nfnetlink {");
        assertThat(Files.readString(DOCUMENT)).contains("--enable-native-access=nftlink.nfnetlink",
                "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void theDocumentShowsExactlyTheCodeThatRuns() throws IOException {
        for (int task : List.of(1, 2, 3, 4, 5, 6, 7, 9)) {
            assertThat(documented(task)).as("task %d of docs/API.md", task).isEqualTo(tested(task));
        }
    }

    /** The lines of task {@code n}'s Java block in docs/API.md, without their common indentation. */
    private static List<String> documented(int n) throws IOException {
        Matcher m = Pattern.compile("<!-- task " + n + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOCUMENT));
        assertThat(m.find()).as("docs/API.md has a Java block for task %d", n).isTrue();
        return unindented(m.group(1).lines().toList());
    }

    /** The lines between this file's markers of task {@code n}, without their common indentation. */
    private static List<String> tested(int n) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        int start = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// task " + n)).findFirst().orElseThrow());
        int end = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// end of task " + n)).findFirst().orElseThrow());
        return unindented(lines.subList(start + 1, end));
    }

    private static List<String> unindented(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
