package nftlink.cgroup;

import nftlink.netlink.EventFd;
import nftlink.netlink.internal.SharedWork;

import java.util.Objects;

/**
 * The thread, lifecycle and delivery that every {@link CgroupEventSource} shares:
 * {@link #start} runs {@link #run()} on a daemon platform thread, {@link #close}
 * asks it to stop and waits; {@link #emit} hands events to the listener and logs
 * (but survives) a listener's exception.
 *
 * <p>A source that blocks on a descriptor waits on it together with
 * {@link #eventFd()}, an eventfd that {@link #close} and {@link #wake()} signal, so
 * its thread sleeps until there is something to read or to do, with no timeout.
 */
abstract class EventSourceThread implements CgroupEventSource {

    private static final System.Logger LOG = System.getLogger(EventSourceThread.class.getName());

    private final String name;
    private volatile boolean running;
    private volatile CgroupEventListener listener;
    private Thread thread;
    private volatile EventFd eventFd;
    private boolean closed;

    EventSourceThread(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final synchronized void start(CgroupEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException(name + " source is closed");
        }
        if (thread != null) {
            throw new IllegalStateException(name + " source is already started");
        }
        this.listener = listener;
        EventFd fd = EventFd.open();
        eventFd = fd;
        try {
            open();
        } catch (RuntimeException | Error e) {
            eventFd = null;
            fd.close();
            throw e;
        }
        if (closed) {
            fd.close();
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon(true).name("nftlink-" + name).start(() -> {
            try {
                run();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, name + " event source stopped by an unexpected error", t);
            } finally {
                try {
                    release();
                } finally {
                    fd.close();
                }
            }
        });
    }

    /**
     * Opens what the source reads, on the starting thread, so that start fails
     * loudly; it may already report events (a listener that closes the source
     * from such a callback ends it before its thread starts).
     */
    abstract void open();

    /** The source's loop; returns when {@link #running()} turns false. */
    abstract void run();

    /** Closes what the source reads; runs on the source's thread when it ends. */
    abstract void release();

    /**
     * Interrupts a blocking read that does not wait on {@link #eventFd()}, so the
     * thread sees {@link #running()} false; optional.
     */
    void wakeUp() {
    }

    /**
     * The eventfd to wait on beside the source's own descriptor; signalled by
     * {@link #close} and {@link #wake()}. Set from {@link #start} on.
     */
    final EventFd eventFd() {
        return eventFd;
    }

    /** Ends the source thread's current wait on {@link #eventFd()}, so it looks at new work. */
    final void wake() {
        EventFd fd = eventFd;
        if (fd != null) {
            fd.signal();
        }
    }

    /** The source's thread, or {@code null} before {@link #start}; for tests. */
    final synchronized Thread thread() {
        return thread;
    }

    /** Whether the source should keep going. */
    final boolean running() {
        return running;
    }

    /** Delivers one event. */
    final void emit(CgroupEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, name + " event listener failed on " + event, e);
        }
    }

    /** Sleeps up to {@code millis}, returning early when the source is closed. */
    final void pause(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (this) {
            while (running) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public final void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            notifyAll();
            t = thread;
        }
        if (t == null) {
            release();
            return;
        }
        wake();
        wakeUp();
        if (t == Thread.currentThread()) {
            return;
        }
        SharedWork.uninterruptibly(t::join);
    }
}
