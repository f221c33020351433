package nftlink.cgroup;

import java.util.Objects;

/**
 * Logs a failure that repeats without flooding: one line when it first happens or
 * its message changes, then a summary at most every {@link #SUMMARY_NANOS}, and one
 * line when it ends. The stack trace goes to {@code DEBUG} only.
 */
final class FailureLog {

    /** The least time between two summaries of the same failure. */
    static final long SUMMARY_NANOS = 300_000_000_000L;

    private final System.Logger log;
    private final String what;
    private int failures;
    private String problem;
    private long firstNanos;
    private long lastReportNanos;

    /**
     * @param log  where the lines go
     * @param what what fails, e.g. "reconciling"
     */
    FailureLog(System.Logger log, String what) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
    }

    /** One more failure; {@code retryMillis} is the pause before the next attempt. */
    void failed(RuntimeException e, long retryMillis) {
        long now = System.nanoTime();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        failures++;
        if (failures == 1) {
            firstNanos = now;
        }
        if (failures == 1 || !message.equals(problem)) {
            log.log(System.Logger.Level.WARNING, what + " failed: " + message + "; retrying in " + retryMillis + " ms");
            lastReportNanos = now;
        } else if (now - lastReportNanos >= SUMMARY_NANOS) {
            log.log(System.Logger.Level.WARNING, what + " still fails after " + failures + " attempts in "
                    + (now - firstNanos) / 1_000_000_000L + " s: " + message + "; retrying every " + retryMillis + " ms");
            lastReportNanos = now;
        }
        log.log(System.Logger.Level.DEBUG, what + " failed", e);
        problem = message;
    }

    /** An attempt succeeded: one line if failures came before. */
    void succeeded() {
        if (failures > 0) {
            log.log(System.Logger.Level.INFO, what + " works again after " + failures + " failed attempt(s) in "
                    + (System.nanoTime() - firstNanos) / 1_000_000_000L + " s");
        }
        failures = 0;
        problem = null;
    }

    /** Failures since the last success. */
    int failures() {
        return failures;
    }
}
