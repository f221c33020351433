package nftlink.netlink;

/** Netlink protocol families from {@code <linux/netlink.h>} that nftlink speaks. */
public enum NetlinkProtocol {
    /** {@code NETLINK_ROUTE}: links, addresses, routes, rules. */
    ROUTE(0),
    /** {@code NETLINK_SOCK_DIAG}. */
    SOCK_DIAG(4),
    /** {@code NETLINK_NETFILTER}: nfnetlink, nf_tables. */
    NETFILTER(12),
    /** {@code NETLINK_GENERIC}. */
    GENERIC(16);

    private final int number;

    NetlinkProtocol(int number) {
        this.number = number;
    }

    /**
     * The protocol number passed to {@code socket(2)}.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * The kernel header's name, e.g. {@code NETLINK_NETFILTER}.
     *
     * @return the name
     */
    public String kernelName() {
        return "NETLINK_" + name();
    }
}
