package nftlink.rtnetlink;

/** Receives what a {@link RtMonitor} sees. Called on the thread that calls {@link RtMonitor#poll}. */
public interface RtListener {

    /**
     * The complete state: once after subscribing, and again after the kernel
     * dropped notifications ({@code ENOBUFS}). Replaces everything known before.
     *
     * @param snapshot the state
     */
    void onSnapshot(RtSnapshot snapshot);

    /**
     * One change, in the order the kernel made them. May repeat what the last snapshot already showed.
     *
     * @param event the change
     */
    void onEvent(RtEvent event);
}
