package nftlink.examples.daemon;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps repair lines from flooding the log when someone removes the daemon's
 * objects again and again: at most {@link #LINES_PER_WINDOW} lines a minute pass;
 * the rest are counted, and the first line after the minute says how many were
 * left out.
 */
final class RepairLog implements Consumer<String> {

    /** Lines that pass in one window. */
    static final int LINES_PER_WINDOW = 5;
    /** The window. */
    static final long WINDOW_NANOS = 60_000_000_000L;

    private final Consumer<String> log;
    private final LongSupplier nanos;
    private long windowStart;
    private int inWindow;
    private int suppressed;

    /**
     * @param log   where lines go
     * @param nanos the clock ({@code System::nanoTime})
     */
    RepairLog(Consumer<String> log, LongSupplier nanos) {
        this.log = Objects.requireNonNull(log, "log");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        windowStart = nanos.getAsLong();
    }

    @Override
    public synchronized void accept(String line) {
        long now = nanos.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            if (suppressed > 0) {
                log.accept(suppressed + " more repair line(s) left out in the last " + (now - windowStart) / 1_000_000_000L
                        + " s: someone keeps removing what the daemon keeps");
            }
            windowStart = now;
            inWindow = 0;
            suppressed = 0;
        }
        if (inWindow < LINES_PER_WINDOW) {
            inWindow++;
            log.accept(line);
        } else {
            suppressed++;
        }
    }
}
