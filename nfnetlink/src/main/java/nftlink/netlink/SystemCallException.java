package nftlink.netlink;

/**
 * A system call failed; carries the call's name and its {@code errno}.
 * Example message: {@code socket(AF_NETLINK, NETLINK_NETFILTER): EPERM (Operation not permitted)};
 * during a request the request comes first:
 * {@code list rules: recvfrom(NETLINK_NETFILTER): ENOBUFS (No buffer space available)}.
 */
public class SystemCallException extends NetlinkException {
    /** The call as written in the message, e.g. {@code setns(/var/run/netns/a)}. */
    private final String call;
    /** The positive {@code errno} value the call failed with. */
    private final int errno;

    /**
     * A failure of {@code call}; the message is {@code call: ERRNO (text)}.
     *
     * @param call  the call as written in the message, e.g. {@code setns(/var/run/netns/a)}
     * @param errno the positive {@code errno} value
     */
    public SystemCallException(String call, int errno) {
        this(call + ": " + Errno.describe(errno), call, errno, null);
    }

    private SystemCallException(String message, String call, int errno, Throwable cause) {
        super(message, cause);
        this.call = call;
        this.errno = errno;
    }

    /**
     * This failure with {@code operation} in front of its message ({@code operation: call: ERRNO (text)}),
     * the same {@link #call()} and {@link #errno()}, and the original as its cause; this one itself when
     * the message already starts with it.
     *
     * @param operation the request the call served, e.g. {@code list rules}, or {@code null}
     * @return the exception to throw in place of this one
     */
    public SystemCallException during(String operation) {
        if (operation == null || getMessage().startsWith(operation + ":")) {
            return this;
        }
        return new SystemCallException(operation + ": " + getMessage(), call, errno, this);
    }

    /**
     * The call that failed.
     *
     * @return the call as written in the message, e.g. {@code setns(/var/run/netns/a)}
     */
    public String call() {
        return call;
    }

    /**
     * The error number the call failed with.
     *
     * @return the positive {@code errno} value
     */
    public int errnoNumber() {
        return errno;
    }

    /**
     * The error the call failed with, by name.
     *
     * @return the {@code errno} as a constant, or {@code null} when it has no name
     */
    public Errno errno() {
        return Errno.of(errno);
    }
}
