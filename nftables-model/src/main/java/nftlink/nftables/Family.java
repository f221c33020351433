package nftlink.nftables;

import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;

/** nftables address families, with their {@code nft} names and {@code NFPROTO_*} numbers. */
public enum Family {
    /** {@code ip}: IPv4. */
    IP("ip", NfTablesUapi.NFPROTO_IPV4),
    /** {@code ip6}: IPv6. */
    IP6("ip6", NfTablesUapi.NFPROTO_IPV6),
    /** {@code inet}: IPv4 and IPv6 together. */
    INET("inet", NfTablesUapi.NFPROTO_INET),
    /** {@code arp}: ARP packets. */
    ARP("arp", NfTablesUapi.NFPROTO_ARP),
    /** {@code bridge}: frames crossing a bridge. */
    BRIDGE("bridge", NfTablesUapi.NFPROTO_BRIDGE),
    /** {@code netdev}: per-device ingress and egress. */
    NETDEV("netdev", NfTablesUapi.NFPROTO_NETDEV);

    /** {@link #values()} once: it copies its array on every call. */
    private static final Family[] VALUES = values();

    private final String nftName;
    private final int protocol;

    Family(String nftName, int protocol) {
        this.nftName = nftName;
        this.protocol = protocol;
    }

    /**
     * The name {@code nft} uses, e.g. {@code ip6}.
     *
     * @return the name
     */
    public String nftName() {
        return nftName;
    }

    /**
     * The {@code NFPROTO_*} number sent as {@code nfgen_family}.
     *
     * @return the family number
     */
    public int protocol() {
        return protocol;
    }

    /**
     * The family for an {@code NFPROTO_*} number.
     *
     * @param protocol the {@code NFPROTO_*} number
     * @return the family
     * @throws IllegalArgumentException for a number nftables has no family for
     */
    public static Family ofProtocol(int protocol) {
        for (Family f : VALUES) {
            if (f.protocol == protocol) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown nftables family number " + protocol);
    }

    /**
     * The family of a received nftables message, from its {@code nfgenmsg}.
     *
     * @throws NetlinkDecodeException for a number nftables has no family for
     */
    static Family ofMessage(NetlinkMessage message) {
        int protocol = message.payloadU8(0);
        try {
            return ofProtocol(protocol);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("unknown nftables family " + protocol + " in message type " + message.type());
        }
    }

    /**
     * The family for an {@code nft} name.
     *
     * @param name the family's name in nft syntax
     * @return the family
     * @throws IllegalArgumentException for an unknown name
     */
    public static Family ofName(String name) {
        for (Family f : values()) {
            if (f.nftName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown family \"" + name + "\" (expected ip, ip6, inet, arp, bridge or netdev)");
    }

    @Override
    public String toString() {
        return nftName;
    }
}
