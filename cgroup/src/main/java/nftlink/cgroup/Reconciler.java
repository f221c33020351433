package nftlink.cgroup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps a {@link BindingStore} equal to policy × live cgroups. On start it adopts
 * what the store already holds, starts the event sources, scans the live
 * cgroups and converges; from then on every burst of events (everything queued
 * when the first one is taken) becomes at most one transaction. A
 * {@link CgroupEvent.ResyncNeeded} rescans the cgroups and re-reads the store; a
 * {@link CgroupEvent.RulesetChanged} re-reads the store, so whatever someone
 * else removed is put back. A failed transaction is retried, after re-reading
 * the store, with a growing pause (up to 30 s); a failure is logged in one line
 * when it first happens or changes, then as a summary every few minutes, and its
 * end is logged too.
 *
 * <p>The package overview shows a complete set-up with {@link NftablesBindingStore}
 * in both policy forms.
 */
public final class Reconciler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final DesiredState state;
    private final BindingStore store;
    private final Supplier<? extends Collection<Cgroup>> scanner;
    private final List<CgroupEventSource> sources;
    private final Consumer<BindingDiff> onCommit;
    private final LinkedBlockingQueue<CgroupEvent> queue = new LinkedBlockingQueue<>();
    private final FailureLog failures = new FailureLog(LOG, "reconciling");
    private volatile boolean running;
    private Thread thread;
    private boolean closed;

    /**
     * A reconciler that keeps {@code store} converged on what {@code state} wants; {@link #start} runs it.
     *
     * @param state    the policy and bookkeeping
     * @param store    where bindings are written
     * @param scanner  the live cgroups, for start-up and resyncs (e.g. {@code resolver::scan})
     * @param sources  event sources to start and stop with the reconciler
     * @param onCommit told of every diff that was committed, on the reconciler's thread
     */
    public Reconciler(DesiredState state, BindingStore store, Supplier<? extends Collection<Cgroup>> scanner,
                      List<CgroupEventSource> sources, Consumer<BindingDiff> onCommit) {
        this.state = Objects.requireNonNull(state, "state");
        this.store = Objects.requireNonNull(store, "store");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.sources = List.copyOf(sources);
        this.onCommit = Objects.requireNonNull(onCommit, "onCommit");
    }

    /**
     * Asks for a full resync on the reconciler's thread: rescan the live cgroups,
     * re-read the store and converge, as after a {@link CgroupEvent.ResyncNeeded}
     * from a source. For an operator's reload, or a caller that suspects drift no
     * source reports (such as rules someone added to an owned table); returns at once.
     *
     * @param reason why, for the log
     */
    public void resync(String reason) {
        queue.add(new CgroupEvent.ResyncNeeded("reconciler", Objects.requireNonNull(reason, "reason")));
    }

    /**
     * The bookkeeping this reconciler drives.
     *
     * @return the state
     */
    public DesiredState state() {
        return state;
    }

    /**
     * Adopts, starts the sources, scans and converges once on the calling thread
     * (so that errors surface here), then keeps converging on its own thread.
     */
    public synchronized void start() {
        if (closed || thread != null) {
            throw new IllegalStateException("reconciler already started or closed");
        }
        state.replaceCommitted(store.read());
        List<CgroupEventSource> started = new ArrayList<>();
        try {
            for (CgroupEventSource s : sources) {
                s.start(queue::add);
                started.add(s);
            }
            state.replaceLive(scanner.get());
            converge();
        } catch (RuntimeException e) {
            started.forEach(CgroupEventSource::close);
            throw e;
        }
        running = true;
        thread = Thread.ofPlatform().daemon(true).name("nftlink-reconciler").start(this::run);
    }

    private void run() {
        long retry = 0;
        while (running) {
            CgroupEvent first;
            try {
                // idle: block until an event comes (close() interrupts); a failed commit is retried after a pause
                first = retry > 0 ? queue.poll(retry, TimeUnit.MILLISECONDS) : queue.take();
            } catch (InterruptedException e) {
                return;
            }
            List<CgroupEvent> burst = new ArrayList<>();
            if (first != null) {
                burst.add(first);
                queue.drainTo(burst);
            }
            try {
                absorb(burst, retry > 0);
                converge();
                retry = 0;
                failures.succeeded();
            } catch (RuntimeException e) {
                retry = retry == 0 ? 500 : Math.min(retry * 2, MAX_RETRY_MILLIS);
                failures.failed(e, retry);
            }
        }
    }

    private void absorb(List<CgroupEvent> burst, boolean reread) {
        boolean rescan = false;
        for (CgroupEvent e : burst) {
            switch (e) {
                case CgroupEvent.Appeared a -> state.appeared(a.cgroup());
                case CgroupEvent.Vanished v -> state.vanished(v.cgroup());
                case CgroupEvent.ResyncNeeded r -> {
                    LOG.log(System.Logger.Level.INFO, "resynchronising after {0}: {1}", r.source(), r.reason());
                    rescan = true;
                    reread = true;
                }
                case CgroupEvent.RulesetChanged r -> {
                    LOG.log(System.Logger.Level.DEBUG, r.processName() + " (pid " + r.pid() + ") changed " + r.changes().size()
                            + " object(s) in the managed tables; checking");
                    reread = true;
                }
            }
        }
        if (rescan) {
            state.replaceLive(scanner.get());
        }
        if (reread) {
            state.replaceCommitted(store.read());
        }
    }

    private void converge() {
        BindingDiff diff = state.pending();
        if (diff.isEmpty() && !store.repairPending()) {
            return;
        }
        store.apply(diff);
        state.markCommitted(diff);
        try {
            onCommit.accept(diff);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "commit listener failed", e);
        }
    }

    /** Stops the thread and the sources; the store keeps what it has. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (CgroupEventSource s : sources) {
            s.close();
        }
    }
}
