package nftlink.cgroup;

/**
 * Something that reports cgroups appearing and vanishing, or changes to the rule
 * set that invalidate what was derived from them: the cgroup file system
 * ({@link CgroupTreeWatcher}), the systemd journal ({@link JournalUnitSource}) or
 * nf_tables itself ({@link NftablesMonitor}).
 *
 * <p>A source survives its input going away and coming back: it reconnects (or
 * re-watches) on its own and then reports {@link CgroupEvent.ResyncNeeded},
 * because events may have been lost in between. The same happens when the input
 * overflowed. A listener that reconciles from scratch on {@code ResyncNeeded}
 * therefore never acts on an incomplete picture.
 */
public interface CgroupEventSource extends AutoCloseable {

    /**
     * A short name for logs, e.g. {@code cgroupfs}.
     *
     * @return the name
     */
    String name();

    /**
     * Starts delivering events to {@code listener} on a thread of the source's own.
     *
     * @param listener what the events go to
     * @throws IllegalStateException when already started or closed
     * @throws CgroupException       when the source cannot be opened at all
     */
    void start(CgroupEventListener listener);

    /**
     * Asks the source to start over as if its input had been lost (re-watch,
     * restart or reconnect) and to report {@link CgroupEvent.ResyncNeeded} with
     * {@code reason}; returns at once. For a consumer that suspects drift, or an
     * operator's reload.
     *
     * @param reason why, reported in the event
     */
    void requestResync(String reason);

    /** Stops the source and waits for its thread to end (unless called on that thread, from a listener); idempotent. */
    @Override
    void close();
}
