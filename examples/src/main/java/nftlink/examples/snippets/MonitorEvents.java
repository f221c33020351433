package nftlink.examples.snippets;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.lang.MonitorRenderer;
import nftlink.nftables.lang.RuleRenderer;

import java.util.ArrayList;
import java.util.List;

/** Prints rule-set changes as {@code nft monitor} does, one transaction at a time. */
public final class MonitorEvents {
    private MonitorEvents() {
    }

    /** Follows the caller's namespace until interrupted. */
    public static void main(String[] args) {
        run(NetworkNamespace.current(), Integer.MAX_VALUE, -1).forEach(System.out::println);
    }

    /**
     * Collects the lines of the next {@code transactions} transactions (waiting at
     * most {@code timeoutMillis} for each, -1 for ever), with who made them.
     */
    public static List<String> run(NetworkNamespace ns, int transactions, int timeoutMillis) {
        List<String> lines = new ArrayList<>();
        MonitorRenderer renderer = new MonitorRenderer(RuleRenderer.DEFAULT);
        try (NftMonitor monitor = NftMonitor.open(ns)) {
            for (int seen = 0; seen < transactions; ) {
                NftMonitor.Update update = monitor.next(timeoutMillis);
                if (update == null) {
                    break;
                }
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
