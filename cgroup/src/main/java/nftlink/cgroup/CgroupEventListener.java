package nftlink.cgroup;

/**
 * Receives the events of a {@link CgroupEventSource}, on the source's own thread,
 * one at a time and in order. A listener should return quickly; an exception it
 * throws is logged and does not stop the source.
 */
@FunctionalInterface
public interface CgroupEventListener {
    /**
     * Handles one event.
     *
     * @param event the event
     */
    void onEvent(CgroupEvent event);
}
