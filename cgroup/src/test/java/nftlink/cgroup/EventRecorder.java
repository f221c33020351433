package nftlink.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects events from a source and waits, with a bound, for expected ones. */
final class EventRecorder implements CgroupEventListener {

    static final long WAIT_SECONDS = 10;

    private final LinkedBlockingQueue<CgroupEvent> queue = new LinkedBlockingQueue<>();
    private final List<CgroupEvent> seen = new ArrayList<>();

    @Override
    public void onEvent(CgroupEvent event) {
        queue.add(event);
    }

    /** Waits up to ten seconds for an event matching {@code p}; returns it, consuming those before it. */
    CgroupEvent await(String what, Predicate<CgroupEvent> p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            CgroupEvent e;
            try {
                e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
            if (e == null) {
                throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s; saw " + seen);
            }
            seen.add(e);
            if (p.test(e)) {
                return e;
            }
        }
    }

    Cgroup awaitAppeared(CgroupPath path) {
        return ((CgroupEvent.Appeared) await("Appeared " + path,
                e -> e instanceof CgroupEvent.Appeared a && a.cgroup().path().equals(path))).cgroup();
    }

    Cgroup awaitVanished(CgroupPath path) {
        return ((CgroupEvent.Vanished) await("Vanished " + path,
                e -> e instanceof CgroupEvent.Vanished v && v.cgroup().path().equals(path))).cgroup();
    }

    CgroupEvent.ResyncNeeded awaitResync() {
        return (CgroupEvent.ResyncNeeded) await("ResyncNeeded", e -> e instanceof CgroupEvent.ResyncNeeded);
    }

    /** Every event consumed by waits so far, in order. */
    List<CgroupEvent> seen() {
        return List.copyOf(seen);
    }
}
