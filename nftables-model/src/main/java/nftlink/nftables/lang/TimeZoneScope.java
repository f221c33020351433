package nftlink.nftables.lang;

import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The time zone {@code meta time} and {@code meta hour} values are read and printed in
 * ({@link Datatype#TIME_DATE}, {@link Datatype#TIME_HOUR}). nft uses the process's local zone; so does
 * nftlink, the JVM's default zone, unless a caller runs a parse or a rendering in another one with
 * {@link #call}. The binding is this thread's and ends with the call: nothing process-wide is set,
 * so parses in other zones may run on other threads meanwhile.
 */
public final class TimeZoneScope {

    /** The zone {@link #call} bound on this thread; unbound (null) outside it. */
    private static final ThreadLocal<ZoneId> BOUND = new ThreadLocal<>();

    private TimeZoneScope() {
    }

    /**
     * Runs {@code work} with values read and printed in {@code zone} on this thread, and returns its
     * result.
     *
     * @param <T> the result's type
     * @param zone the time zone
     * @param work the work
     * @return what the work returned
     */
    public static <T> T call(ZoneId zone, Supplier<T> work) {
        ZoneId previous = BOUND.get();
        BOUND.set(Objects.requireNonNull(zone, "zone"));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    /**
     * The zone in effect here: the one {@link #call} bound, else the JVM's default.
     *
     * @return the zone
     */
    public static ZoneId current() {
        ZoneId zone = BOUND.get();
        return zone != null ? zone : ZoneId.systemDefault();
    }
}
