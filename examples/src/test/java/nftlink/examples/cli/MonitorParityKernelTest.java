package nftlink.examples.cli;

import nftlink.testing.NftRef;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nftlink monitor [FILTER]} beside {@code nft-ref monitor [FILTER]} in one namespace: the same
 * lines for the same transactions. Both monitors subscribe in their own time, so the test commits
 * probe transactions until both have printed one, then the changes, then end markers until
 * nftlink's {@code --count} is reached; it compares what each printed between the markers.
 */
@KernelTest
class MonitorParityKernelTest {

    private static final int COUNT = 300;
    /** Probe transactions before giving up on a monitor that prints nothing (a JVM or nft that never started). */
    private static final int PROBES = 100;

    private static final List<String> CHANGES = List.of("""
            table inet m {
            \tset s { type ipv4_addr; }
            \tchain c { type filter hook input priority 0; policy accept; }
            }
            """, "add rule inet m c tcp dport { 22, 80 } counter accept\n", "add element inet m s { 10.0.0.1, 10.0.0.2 }\n",
            "add rule inet m c ip saddr @s drop\n",
            "add rule inet m c tcp dport 1 accept\nadd rule inet m c tcp dport 2 accept\nadd rule inet m c tcp dport 3 accept\n",
            "insert rule inet m c tcp dport 23 accept\n",
            """
            table ip o {
            \tflags dormant
            \tcounter cnt { comment "cc" }
            \tquota q { over 25 mbytes used 1 mbytes }
            \tlimit l { rate 10/second burst 20 packets }
            \tct helper h { type "ftp" protocol tcp; l3proto ip; }
            \tct expectation e { protocol tcp; dport 2121; timeout 1m; size 12; l3proto ip; }
            \tsynproxy sp { mss 1460; wscale 7; timestamp sack-perm; }
            \tset i { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }; }
            \tmap m { type mark : mark; flags interval; elements = { 0x10-0x20 : 0x1, 0x40 : 0x2 }; }
            }
            """, "delete counter ip o cnt\ndelete element ip o i { 10.0.0.0/8 }\n", "flush set ip o i\nflush map ip o m\n",
            "delete table ip o\n",
            // never deleted: nft-ref 1.1.3's monitor dies (SIGSEGV) printing a ct timeout's deletion
            "table ip keep {\n\tct timeout tmo { protocol tcp; l3proto ip; policy = { established: 100, close: 4 }; }\n}\n", "delete element inet m s { 10.0.0.1 }\n", "flush chain inet m c\n",
            "delete table inet m\n");

    /** Lines a stream gave so far, collected by a thread of their own. */
    private static final class Lines extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized List<String> lines() {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }

        void drain(InputStream in) {
            Thread.ofVirtual().start(() -> {
                try {
                    in.transferTo(this);
                } catch (IOException e) {
                    // the process was stopped
                }
            });
        }

        boolean saw(String marker) {
            return lines().stream().anyMatch(l -> l.contains(marker));
        }
    }

    /** A transaction that adds and removes one of everything, named {@code name}, so every filter prints a line with it. */
    private static String marker(String name) {
        return "add table ip " + name + "\nadd chain ip " + name + " c\nadd set ip " + name + " s { type ipv4_addr; }\n"
                + "add element ip " + name + " s { 10.9.9.9 }\nadd rule ip " + name + " c counter\n"
                + "delete element ip " + name + " s { 10.9.9.9 }\ndelete table ip " + name + "\n";
    }

    /**
     * The lines after the last one naming {@code from} and before the first naming {@code to} after it: the
     * generation line of the {@code from} transaction and those of the changes (unfiltered, both print them).
     */
    private static List<String> between(List<String> lines, String from, String to) {
        int start = -1;
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(from)) {
                start = i;
            } else if (lines.get(i).contains(to) && start >= 0) {
                end = i;
                break;
            }
        }
        return lines.subList(start + 1, end).stream().map(String::stripTrailing).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "new rules", "elements", "sets", "new tables", "chains", "ruleset"})
    void printsWhatNftMonitorPrints(String filter, TestNamespace ns) throws Exception {
        List<String> words = new ArrayList<>(List.of("monitor"));
        if (!filter.isEmpty()) {
            words.addAll(List.of(filter.split(" ")));
        }
        Monitors seen = watch(ns, words, words);
        assertThat(seen.ours()).as("monitor " + filter).isEqualTo(seen.theirs()).isNotEmpty();
    }

    /**
     * {@code monitor json} and {@code -j monitor}: the additions as nft prints them. (For a deleted rule or set nft
     * prints what its cache no longer knows: {@code "type": "invalid"}, rules without their sets.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"monitor json", "-j monitor"})
    void printsJsonAsNftMonitor(String command, TestNamespace ns) throws Exception {
        List<String> words = List.of(command.split(" "));
        Monitors seen = watch(ns, words, words);
        assertThat(seen.ours().stream().filter(MonitorParityKernelTest::addition).toList())
                .isEqualTo(seen.theirs().stream().filter(MonitorParityKernelTest::addition).toList())
                .anyMatch(l -> l.startsWith("{\"add\": {\"counter\""));
    }

    /**
     * Deletions in {@code monitor json} as nft prints them (a deleted set's {@code "type": "invalid"}, a deleted
     * object's members at zero: the kernel's notification carries no data), except for rules that looked up a
     * set deleted with them: nft's cache has lost the set by then and it prints the rule without its lookup (a
     * bare {@code meta nfproto} or {@code meta l4proto} match), where nftlink prints the rule as it was.
     */
    @Test
    void printsJsonDeletionsAsNftMonitor(TestNamespace ns) throws Exception {
        Monitors seen = watch(ns, List.of("monitor", "json"), List.of("monitor", "json"));
        assertThat(seen.ours()).hasSameSizeAs(seen.theirs());
        List<String> ours = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < seen.ours().size(); i++) {
            String line = seen.ours().get(i);
            boolean lookup = line.contains("{\"set\": [") || line.contains("\"right\": \"@");
            if (line.startsWith("{\"delete\"") && !(line.startsWith("{\"delete\": {\"rule\"") && lookup)) {
                ours.add(line);
                theirs.add(seen.theirs().get(i));
            }
        }
        assertThat(ours).isEqualTo(theirs).anyMatch(l -> l.contains("\"type\": \"invalid\""))
                .anyMatch(l -> l.startsWith("{\"delete\": {\"rule\"")).anyMatch(l -> l.startsWith("{\"delete\": {\"limit\""));
    }

    private static boolean addition(String json) {
        return json.startsWith("{\"add\"") || json.startsWith("{\"insert\"");
    }

    /** With {@code -a}, the kernel's handles of what was added (and of a deleted table), where nft puts them. */
    @Test
    void printsHandlesAsNftMonitor(TestNamespace ns) throws Exception {
        Monitors seen = watch(ns, List.of("-a", "monitor"), List.of("-a", "monitor"));
        assertThat(seen.ours()).isEqualTo(seen.theirs()).anyMatch(l -> l.endsWith("# handle 1"));
    }

    /** nft 1.1.3's scanner takes {@code destroy} for the command, so its monitor refuses it: compared with nft's deletions. */
    @Test
    void destroyPrintsNftsDeletions(TestNamespace ns) throws Exception {
        Monitors seen = watch(ns, List.of("monitor", "destroy"), List.of("monitor"));
        assertThat(seen.ours()).isEqualTo(seen.theirs().stream().filter(l -> l.startsWith("delete ")).toList()).isNotEmpty();
    }

    /**
     * What each printed between the markers.
     *
     * @param ours   what nftlink printed
     * @param theirs what nft-ref printed
     */
    private record Monitors(List<String> ours, List<String> theirs) {
    }

    /** Runs {@code nftlink OURS} and {@code nft-ref THEIRS} while the changes are committed. */
    private static Monitors watch(TestNamespace ns, List<String> words, List<String> refWords) throws Exception {
        List<String> refCommand = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), NftRef.command()));
        refCommand.addAll(refWords);
        Process ref = new ProcessBuilder(refCommand).redirectErrorStream(true).start();
        Lines theirs = new Lines();
        theirs.drain(ref.getInputStream());
        Lines ours = new Lines();
        List<String> args = new ArrayList<>(List.of("--netns", ns.name()));
        args.addAll(words);
        args.add("--count=" + COUNT);
        PrintStream out = new PrintStream(ours, true, StandardCharsets.UTF_8);
        FutureTask<Integer> run = new FutureTask<>(() -> Main.run(args.toArray(String[]::new), InputStream.nullInputStream(), out, out));
        Thread.ofPlatform().daemon().name("nftlink monitor").start(run);
        try {
            int transactions = 0;
            while (!(ours.saw("probe") && theirs.saw("probe"))) {
                assertThat(transactions).as("probes neither monitor printed; nftlink: %s, nft-ref: %s", ours.lines(), theirs.lines())
                        .isLessThan(PROBES);
                NftRef.apply(ns, marker("probe" + transactions++));
            }
            NftRef.apply(ns, marker("ready"));
            for (String change : CHANGES) {
                NftRef.apply(ns, change);
            }
            transactions += 1 + CHANGES.size();
            for (int end = 0; !run.isDone(); end++, transactions++) {
                assertThat(transactions).as("nftlink's monitor did not end after --count=%d transactions", COUNT)
                        .isLessThan(COUNT + PROBES);
                NftRef.apply(ns, marker("end" + end));
            }
            assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
            for (int wait = 0; !theirs.saw("end") && wait < 100; wait++) {
                Thread.sleep(100);
            }
        } finally {
            ref.destroy();
        }
        return new Monitors(between(ours.lines(), "ready", "end"), between(theirs.lines(), "ready", "end"));
    }
}
