package nftlink.netlink;

/**
 * A system call failed; carries the call's name and its {@code errno}.
 * Example message: {@code socket(AF_NETLINK, NETLINK_NETFILTER): EPERM (Operation not permitted)}.
 */
public class SystemCallException extends NetlinkException {
    private final String call;
    private final int errno;

    public SystemCallException(String call, int errno) {
        super(call + ": " + Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    /** The call as written in the message, e.g. {@code setns(/var/run/netns/a)}. */
    public String call() {
        return call;
    }

    /** The positive {@code errno} value. */
    public int errnoNumber() {
        return errno;
    }

    /** The {@code errno} as a constant, or {@code null} when it has no name. */
    public Errno errno() {
        return Errno.of(errno);
    }
}
