package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Verdict;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts of notifications ({@code nftlink monitor}'s fault in issue 20): 50,000
 * one-element transactions, then one 50,000-rule transaction, watched at once by
 * {@link NftMonitor}, by nft 1.1.3's {@code nft monitor} and by the installed
 * nft's. The library may lose no more events than either nft, and whatever it
 * loses it reports as {@link NftMonitor.ResyncNeeded}.
 */
@KernelTest
class MonitorBurstKernelTest {

    private static final int BURST = 50_000;
    private static final String TABLE = "burst";

    /** What the library's monitor saw. */
    private static final class Seen {
        final AtomicInteger elements = new AtomicInteger();
        final AtomicInteger rules = new AtomicInteger();
        final AtomicInteger resyncs = new AtomicInteger();
        final Set<String> markers = ConcurrentHashMap.newKeySet();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
    }

    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void burstsLoseNoMoreThanNftMonitor(TestNamespace ns) throws Exception {
        Path nftRef = nftRef();
        Path dir = Files.createTempDirectory("nftlink-monitor-burst");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n); NftMonitor monitor = NftMonitor.open(n)) {
            nft.commit(new NftOperation.AddTable(Table.of(Family.IP, TABLE), false),
                    new NftOperation.AddChain(Chain.regular(Family.IP, TABLE, "c"), false),
                    new NftOperation.AddSet(NftSet.of(Family.IP, TABLE, "s", 7 /* ipv4_addr */, 4), false));
            List<Process> nfts = new ArrayList<>();
            Path refOut = dir.resolve("nft-ref.txt");
            Path nftOut = dir.resolve("nft.txt");
            Seen seen = new Seen();
            Thread consumer = Thread.ofPlatform().name("burst consumer").start(() -> consume(monitor, seen));
            try {
                nfts.add(startMonitor(ns, nftRef.toString(), refOut));
                nfts.add(startMonitor(ns, "nft", nftOut));
                awaitMarker(nft, "sync0", seen, refOut, nftOut);

                for (int i = 0; i < BURST; i++) {
                    nft.commit(new NftOperation.AddElements(Family.IP, TABLE, "s", 0,
                            List.of(SetElement.of(Bytes.u32Be(0x0a000000 + i))), false));
                }
                awaitMarker(nft, "sync1", seen, refOut, nftOut);

                var rules = nft.transaction();
                for (int i = 0; i < BURST; i++) {
                    rules.add(new NftOperation.AddRule(Rule.of(Family.IP, TABLE, "c",
                            List.of(Immediate.verdict(Verdict.ACCEPT))), false));
                }
                rules.commit();
                awaitMarker(nft, "sync2", seen, refOut, nftOut);
            } finally {
                monitor.close();
                consumer.join(10_000);
                nfts.forEach(Process::destroy);
            }
            assertThat(seen.failure.get()).isNull();
            int refElements = count(refOut, "add element ip burst s ");
            int nftElements = count(nftOut, "add element ip burst s ");
            int refRules = count(refOut, "add rule ip burst c ");
            int nftRules = count(nftOut, "add rule ip burst c ");
            System.out.printf("monitor bursts: elements nftlink %d, nft-ref %d, nft %d; rules nftlink %d, nft-ref %d, nft %d;"
                    + " nftlink resyncs %d%n", seen.elements.get(), refElements, nftElements, seen.rules.get(), refRules,
                    nftRules, seen.resyncs.get());
            assertThat(seen.elements.get()).isBetween(Math.max(refElements, nftElements), BURST);
            assertThat(seen.rules.get()).isBetween(Math.max(refRules, nftRules), BURST);
            if (seen.elements.get() < BURST || seen.rules.get() < BURST) {
                assertThat(seen.resyncs.get()).as("losses are reported").isPositive();
            }
        }
    }

    private static void consume(NftMonitor monitor, Seen seen) {
        try {
            while (true) {
                NftMonitor.Update u = monitor.next().orElse(null);
                switch (u) {
                    case null -> {
                        return;
                    }
                    case NftMonitor.ResyncNeeded r -> seen.resyncs.incrementAndGet();
                    case NftMonitor.Committed c -> {
                        for (NftEvent e : c.events()) {
                            switch (e) {
                                case NftEvent.ElementsEvent el when el.added() && el.set().equals("s") ->
                                        seen.elements.addAndGet(el.elements().size());
                                case NftEvent.RuleEvent r when r.added() && r.rule().chain().equals("c") ->
                                        seen.rules.incrementAndGet();
                                case NftEvent.TableEvent t when t.added() -> seen.markers.add(t.table().name());
                                default -> { }
                            }
                        }
                    }
                }
            }
        } catch (Throwable t) {
            seen.failure.set(t);
        }
    }

    /** Adds table {@code name} until every monitor has shown it (their sockets are joined once they show one). */
    private static void awaitMarker(Nftables nft, String name, Seen seen, Path... outputs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        int attempt = 0;
        while (true) {
            String table = name + "_" + attempt++;
            nft.commit(new NftOperation.AddTable(Table.of(Family.IP, table), false));
            for (int wait = 0; wait < 20; wait++) {
                boolean all = seen.markers.contains(table);
                for (Path p : outputs) {
                    all &= Files.readString(p, StandardCharsets.UTF_8).contains("add table ip " + table + "\n");
                }
                if (all) {
                    return;
                }
                if (seen.failure.get() != null) {
                    throw new AssertionError("the monitor failed", seen.failure.get());
                }
                Thread.sleep(250);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a monitor did not show table " + table + " in 5 minutes");
            }
        }
    }

    private static Process startMonitor(TestNamespace ns, String nft, Path out) throws IOException {
        return new ProcessBuilder("ip", "netns", "exec", ns.name(), nft, "monitor")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int count(Path output, String prefix) throws IOException {
        try (var lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return (int) lines.filter(l -> l.startsWith(prefix)).count();
        }
    }

    /** nft 1.1.3: {@code -Dnftlink.nftRef}, {@code ../shared/tools/nft-ref} beside the repository, or /work/shared. */
    static Path nftRef() {
        String configured = System.getProperty("nftlink.nftRef");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/tools/nft-ref").normalize();
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path fallback = Path.of("/work/shared/tools/nft-ref");
        if (Files.isExecutable(fallback)) {
            return fallback;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must compare with nft 1.1.3, but ../shared/tools/nft-ref is missing");
        }
        Assumptions.abort("skipped: no ../shared/tools/nft-ref beside the repository");
        return null;
    }
}
