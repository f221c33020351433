package nftlink.examples.snippets;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.lang.MonitorRenderer;
import nftlink.nftables.lang.RuleRenderer;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prints rule-set changes as {@code nft monitor} does, one transaction at a time. */
public final class MonitorEvents {
    private MonitorEvents() {
    }

    /** Follows the caller's namespace until interrupted. */
    public static void main(String[] args) {
        run(NetworkNamespace.current(), Integer.MAX_VALUE, ChronoUnit.FOREVER.getDuration()).forEach(System.out::println);
    }

    /**
     * Collects the lines of the next {@code transactions} transactions, with who made them.
     *
     * @param ns           the namespace to follow
     * @param transactions how many transactions to wait for
     * @param timeout      how long to wait for each ({@link ChronoUnit#FOREVER}'s duration: no limit)
     * @return the lines, fewer when a wait timed out
     */
    public static List<String> run(NetworkNamespace ns, int transactions, Duration timeout) {
        List<String> lines = new ArrayList<>();
        MonitorRenderer renderer = new MonitorRenderer(RuleRenderer.DEFAULT);
        try (NftMonitor monitor = NftMonitor.open(ns)) {
            for (int seen = 0; seen < transactions; ) {
                Optional<NftMonitor.Update> next = monitor.next(timeout);
                if (next.isEmpty()) {
                    break;
                }
                NftMonitor.Update update = next.get();
                lines.addAll(renderer.render(update));
                if (update instanceof NftMonitor.Committed c) {
                    lines.add("# by " + c.process() + " (pid " + c.pid() + "), generation " + Integer.toUnsignedLong(c.generation()));
                    seen++;
                }
            }
        }
        return lines;
    }
}
