package nftlink.nftables.lang;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.Table;
import nftlink.testing.NftRef;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor against the real kernel, compared with {@code nft monitor} watching the same changes. */
@KernelTest
class MonitorKernelTest {

    private static final String[][] CHANGES = {
            {"-f", "-"},
            {"add", "element", "inet", "t", "s", "{ 5.6.7.8 }"},
            {"delete", "element", "inet", "t", "s", "{ 1.2.3.4 }"},
            {"flush", "chain", "inet", "t", "c"},
            {"delete", "table", "inet", "t"},
    };

    private static final String FIRST = """
            table inet t {
              set s { type ipv4_addr; elements = { 1.2.3.4 } }
              chain c { type filter hook input priority 0; tcp dport 22 accept; ip saddr { 10.0.0.1, 10.0.0.2 } drop; ct state established,related accept; }
              chain d { }
            }
            """;

    @Test
    void printsWhatNftMonitorPrints(TestNamespace ns) throws Exception {
        Process nftMonitor = new ProcessBuilder("ip", "netns", "exec", ns.name(), NftRef.command(), "monitor").start();
        List<String> ours = new ArrayList<>();
        try (NetworkNamespace n = ns.open(); NftMonitor monitor = NftMonitor.open(n)) {
            MonitorRenderer renderer = new MonitorRenderer(RuleRenderer.DEFAULT);
            Thread.sleep(300); // let nft monitor subscribe
            NftRef.script(ns, FIRST).orThrow();
            for (int i = 1; i < CHANGES.length; i++) {
                NftRef.run(ns, CHANGES[i]).orThrow();
            }
            for (int i = 0; i < CHANGES.length; i++) {
                NftMonitor.Update u = monitor.next(Duration.ofSeconds(10)).orElseThrow();
                assertThat(u).as("transaction " + (i + 1)).isInstanceOf(NftMonitor.Committed.class);
                ours.addAll(renderer.render(u).stream().map(String::stripTrailing).toList());
            }
        }
        // both print "handle N" (the rule before) for a rule the kernel reports with NFTA_RULE_POSITION
        List<String> theirs = waitForLines(nftMonitor, ours.size());
        assertThat(ours).isEqualTo(theirs);
    }

    private static List<String> waitForLines(Process p, int lines) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        StringBuilder out = new StringBuilder();
        var in = p.getInputStream();
        while (System.nanoTime() < deadline && out.toString().lines().count() < lines) {
            if (in.available() > 0) {
                out.append(new String(in.readNBytes(in.available()), StandardCharsets.UTF_8));
            } else {
                Thread.sleep(50);
            }
        }
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
        return out.toString().lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void overrunIsReportedAsResyncNeeded(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); NftMonitor monitor = NftMonitor.open(n); Nftables nft = Nftables.open(n)) {
            monitor.socket().setReceiveBufferSize(4096, true);
            var tx = nft.transaction();
            for (int i = 0; i < 500; i++) {
                tx.add(new NftOperation.AddTable(Table.of(nftlink.nftables.Family.INET, "t" + i), true));
            }
            tx.commit();
            NftMonitor.Update u = monitor.next(Duration.ofSeconds(5)).orElse(null);
            while (u instanceof NftMonitor.Committed) {
                u = monitor.next(Duration.ofSeconds(5)).orElse(null);
            }
            assertThat(u).isInstanceOf(NftMonitor.ResyncNeeded.class);
        }
    }
}
