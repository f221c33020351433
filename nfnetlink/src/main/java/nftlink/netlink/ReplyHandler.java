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

    /**
     * Offers a message with sequence number 0 that arrived during the exchange: a notification, such as
     * those the kernel sends for each set element a batch echoes. Those not taken go to the connection's
     * {@linkplain NetlinkConnection#setUnsolicitedHandler unsolicited handler}.
     *
     * @param message the notification (a view, valid only during the call)
     * @return whether this handler took it
     */
    default boolean onNotification(NetlinkMessage message) {
        return false;
    }
}
