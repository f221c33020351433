package nftlink.examples.daemon;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * nftlinkd's log: information on standard output, warnings and errors on
 * standard error. Under systemd ({@code $JOURNAL_STREAM} set) each line carries
 * its syslog priority as a {@code <N>} prefix ({@code <3>} error, {@code <4>}
 * warning, {@code <6>} information, {@code <7>} debug) and no time stamp, which
 * the journal adds; elsewhere information lines start with the time of day.
 * {@link #captureLibraryLogs()} routes the library's {@link System.Logger} lines
 * (reconciler, monitors) here too.
 */
final class DaemonLog {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean journal;
    private final boolean debug;

    /**
     * @param journal whether to write for the journal
     * @param debug   whether debug lines are written
     */
    DaemonLog(PrintStream out, PrintStream err, boolean journal, boolean debug) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.journal = journal;
        this.debug = debug;
    }

    /** Whether standard output or error is connected to the journal. */
    static boolean journalStream() {
        String stream = System.getenv("JOURNAL_STREAM");
        return stream != null && !stream.isEmpty();
    }

    /** Whether lines carry priority prefixes for the journal. */
    boolean journal() {
        return journal;
    }

    /** An informational line (priority 6). */
    void info(String message) {
        write(out, 6, journal ? message : stamp() + " " + message);
    }

    /** A warning (priority 4). */
    void warning(String message) {
        write(err, 4, journal ? message : "nftlinkd: " + message);
    }

    /** An error (priority 3). */
    void error(String message) {
        write(err, 3, journal ? message : "nftlinkd: " + message);
    }

    /** A debug line (priority 7), only with {@code --debug}. */
    void debug(String message) {
        if (debug) {
            write(err, 7, journal ? message : "nftlinkd: debug: " + message);
        }
    }

    private void write(PrintStream to, int priority, String message) {
        if (!journal) {
            to.println(message);
            return;
        }
        StringBuilder b = new StringBuilder();
        message.lines().forEach(l -> b.append('<').append(priority).append('>').append(l).append('\n'));
        to.print(b);
        to.flush();
    }

    private static String stamp() {
        return LocalTime.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * Sends what the library logs through {@link System.Logger} to this log, one line
     * per record, at its priority ({@link DaemonLoggerFinder}); debug lines, with the
     * failures' exceptions, only with {@code --debug}.
     */
    void captureLibraryLogs() {
        DaemonLoggerFinder.route((level, message) -> {
            switch (level) {
                case ERROR -> error(message);
                case WARNING -> warning(message);
                case INFO -> info(message);
                default -> debug(message);
            }
        }, debug ? System.Logger.Level.DEBUG : System.Logger.Level.INFO);
    }
}
