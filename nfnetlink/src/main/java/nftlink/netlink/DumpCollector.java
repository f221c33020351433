package nftlink.netlink;

/**
 * Collects the messages of one dump. A fresh collector is made for every
 * attempt, so a dump restarted after {@code NLM_F_DUMP_INTR} never mixes
 * messages from two attempts.
 *
 * @param <T> what the dump produces
 */
public interface DumpCollector<T> {
    /**
     * One message of the dump (a view, valid only during the call).
     *
     * @param message the message
     */
    void accept(NetlinkMessage message);

    /**
     * The result, after the dump completed without interruption.
     *
     * @return the result
     */
    T result();
}
