package nftlink.netlink;

/**
 * Receives the replies to a request, one message at a time. The message is a
 * view over the receive buffer, valid only during the call.
 */
@FunctionalInterface
public interface ReplyHandler {
    /**
     * Handles one reply.
     *
     * @param message the reply (a view, valid only during the call)
     * @return true when no more replies are expected
     */
    boolean onMessage(NetlinkMessage message);
}
