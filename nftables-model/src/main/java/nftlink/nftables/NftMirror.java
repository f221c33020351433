package nftlink.nftables;

import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.parse.CgroupPaths;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A live copy of the rule set of one network namespace: listed once, then kept current from the
 * kernel's notifications, so that reading it costs no nf_tables dump ({@link #ruleset()} none at all;
 * {@link #rulesetText()} reads the interface names from rtnetlink to print them, as a listing does). For long-running users that read the rule set often (a daemon checking its tables,
 * a user interface).
 *
 * <pre>{@code
 * try (NftMirror mirror = NftMirror.open(NetworkNamespace.current())) {
 *     nft.apply("add rule inet app input tcp dport 22 accept");
 *     mirror.awaitGeneration(nft.generation(), Duration.ofSeconds(1));
 *     System.out.print(mirror.rulesetText());
 * }
 * }</pre>
 *
 * <p>What a notification does not carry, the copy does not know: counter and quota values are those
 * of the last change of their rule or object (list with {@link Nftables} for current values), and
 * elements that rules add from the packet path ({@code add @set { ... }}, {@code update @set ...})
 * are not notified. Elements with a timeout leave the copy when it runs out. The elements of a hash
 * set are in the order they came, not the kernel's. When the kernel drops notifications (the socket
 * overflowed) the copy lists everything again; where the notifications leave a rule's place open,
 * it lists that chain again.
 *
 * <p>Safe for use by any number of threads; one thread of its own follows the kernel.
 */
public final class NftMirror implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NftMirror.class.getName());

    private final Nftables nft;
    private final NftMonitor monitor;
    private final MirrorState state = new MirrorState();
    private final Thread follower;
    private volatile boolean closed;
    private int generation;
    private long listings;
    private Ruleset cached;

    private NftMirror(Nftables nft, NftMonitor monitor) {
        this.nft = nft;
        this.monitor = monitor;
        relist();
        this.follower = Thread.ofPlatform().daemon(true).name("nftlink mirror").start(this::follow);
    }

    /**
     * Lists the rule set of {@code namespace} and starts following it.
     *
     * @param namespace the network namespace
     * @return the mirror, current as of its first listing
     * @throws NetlinkException when the rule set cannot be listed or followed
     */
    public static NftMirror open(NetworkNamespace namespace) {
        NftMonitor monitor = NftMonitor.open(namespace);
        try {
            return new NftMirror(Nftables.open(namespace), monitor);
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
    }

    /**
     * The rule set as the kernel's notifications left it, without a dump.
     *
     * @return the rule set, as {@link Nftables#listRuleset()} returns one
     */
    public synchronized Ruleset ruleset() {
        if (cached == null) {
            cached = state.snapshot(System.nanoTime());
        }
        return cached;
    }

    /**
     * The rule set in nft's syntax, as {@code nft list ruleset} prints it.
     *
     * @return the listing
     */
    public String rulesetText() {
        RuleRenderer renderer = new RuleRenderer(CgroupPaths.mounted()).withInterfaceNames(nft.interfaceNames());
        return RulesetListing.of(ruleset()).render(NftFormatter.DEFAULT, renderer);
    }

    /**
     * The generation the copy stands at: the kernel's generation ID after the last transaction applied.
     *
     * @return the generation
     */
    public synchronized int generation() {
        return generation;
    }

    /**
     * How many times the copy listed everything: once when opened, and again after each overflow.
     *
     * @return the number of full listings
     */
    public synchronized long listings() {
        return listings;
    }

    /**
     * Waits until the copy stands at {@code wanted} or later, e.g. the generation of a transaction
     * the caller committed.
     *
     * @param wanted  the generation
     * @param timeout how long to wait at most
     * @return whether the copy got there in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized boolean awaitGeneration(int wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation - wanted < 0 && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return generation - wanted >= 0;
    }

    /** Stops following the kernel; the copy keeps what it has. */
    @Override
    public void close() {
        closed = true;
        monitor.close();
        try {
            follower.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        nft.close();
        synchronized (this) {
            notifyAll();
        }
    }

    private void follow() {
        while (!closed) {
            Optional<NftMonitor.Update> next;
            try {
                // blocks until a transaction comes; empty once close() closed the monitor
                next = monitor.next();
            } catch (NetlinkException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "the rule-set mirror stopped following the kernel", e);
                }
                return;
            }
            try {
                next.ifPresent(this::update);
            } catch (NetlinkException e) {
                LOG.log(System.Logger.Level.WARNING, "the rule-set mirror lists everything again after: " + e.getMessage());
                relist();
            }
        }
    }

    private void update(NftMonitor.Update update) {
        switch (update) {
            case NftMonitor.ResyncNeeded r -> relist();
            case NftMonitor.Committed c -> committed(c);
        }
    }

    private void committed(NftMonitor.Committed c) {
        synchronized (this) {
            if (c.generation() - generation <= 0) {
                return;
            }
            state.apply(c.events(), System.nanoTime());
        }
        for (String chainKey : state.takeUncertain()) {
            Chain chain = state.chain(chainKey);
            List<Rule> listed = chain == null ? List.of() : nft.listRules(chain.family(), chain.table(), chain.name());
            synchronized (this) {
                state.reloadRules(chainKey, listed);
            }
        }
        synchronized (this) {
            generation = c.generation();
            cached = null;
            notifyAll();
        }
    }

    private void relist() {
        for (int attempt = 0; ; attempt++) {
            int before = nft.generation();
            Ruleset listed = nft.listRuleset();
            if (nft.generation() == before || attempt >= 9) {
                synchronized (this) {
                    state.load(listed, System.nanoTime());
                    generation = before;
                    listings++;
                    cached = null;
                    notifyAll();
                }
                return;
            }
        }
    }
}
