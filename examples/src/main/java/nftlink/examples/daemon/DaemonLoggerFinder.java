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
    private static volatile BiConsumer<System.Logger.Level, String> sink = STANDARD_ERROR;
    private static volatile System.Logger.Level threshold = System.Logger.Level.INFO;

    /** The finder {@link ServiceLoader} makes. */
    public DaemonLoggerFinder() {
    }

    /** From now on, every logger of the process writes to {@code to}, from {@code least} up. */
    static void route(BiConsumer<System.Logger.Level, String> to, System.Logger.Level least) {
        sink = Objects.requireNonNull(to, "to");
        threshold = Objects.requireNonNull(least, "least");
    }

    /** Back to standard error from {@code INFO} up. */
    static void reset() {
        route(STANDARD_ERROR, System.Logger.Level.INFO);
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Logger(name);
    }

    /** A logger that hands each loggable line to the sink. */
    private record Logger(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                sink.accept(level, thrown == null ? message : message + ": " + thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                sink.accept(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        }
    }
}
