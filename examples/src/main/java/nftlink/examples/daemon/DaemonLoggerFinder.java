package nftlink.examples.daemon;

import java.util.ServiceLoader;
import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;

/**
 * The backend of {@link System.Logger} for the tools of this module, so that what
 * the library logs (reconciler, monitors) reaches nftlinkd's {@link DaemonLog}
 * with its priority, without {@code java.logging} in the runtime. Until
 * {@link #route} is called, lines of level {@code INFO} and above go to standard
 * error as {@code LEVEL: message}.
 */
public final class DaemonLoggerFinder extends System.LoggerFinder {

    private static final BiConsumer<System.Logger.Level, String> STANDARD_ERROR =
            (level, message) -> System.err.println(level.getName() + ": " + message);
    private volatile BiConsumer<System.Logger.Level, String> sink = STANDARD_ERROR;
    private volatile System.Logger.Level threshold = System.Logger.Level.INFO;

    /** The finder {@link ServiceLoader} makes. */
    public DaemonLoggerFinder() {
    }

    /**
     * From now on, every logger of the process writes to {@code to}, from {@code least} up: the state belongs to
     * the one finder the JDK loaded; when another backend is the process's, its loggers stay as they are.
     */
    static void route(BiConsumer<System.Logger.Level, String> to, System.Logger.Level least) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(least, "least");
        if (System.LoggerFinder.getLoggerFinder() instanceof DaemonLoggerFinder finder) {
            finder.sink = to;
            finder.threshold = least;
        }
    }

    /** Back to standard error from {@code INFO} up. */
    static void reset() {
        route(STANDARD_ERROR, System.Logger.Level.INFO);
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Logger(name, this);
    }

    /** A logger that hands each loggable line to its finder's sink. */
    private record Logger(String name, DaemonLoggerFinder finder) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.getSeverity() >= finder.threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                finder.sink.accept(level, thrown == null ? message : message + ": " + thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                finder.sink.accept(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        }
    }
}
