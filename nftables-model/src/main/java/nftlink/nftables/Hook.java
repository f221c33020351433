package nftlink.nftables;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * Netfilter hooks a base chain can attach to. Hook numbers depend on the family:
 * {@link #number(Family)} and {@link #of(Family, int)} translate.
 */
public enum Hook {
    /** {@code prerouting}: every incoming packet, before the routing decision. */
    PREROUTING("prerouting"),
    /** {@code input}: packets for the local host. */
    INPUT("input"),
    /** {@code forward}: packets routed through the host. */
    FORWARD("forward"),
    /** {@code output}: packets sent by local processes. */
    OUTPUT("output"),
    /** {@code postrouting}: every outgoing packet, after the routing decision. */
    POSTROUTING("postrouting"),
    /** {@code ingress}: every packet entering a device (netdev and inet families). */
    INGRESS("ingress"),
    /** {@code egress}: every packet leaving a device (netdev family). */
    EGRESS("egress");

    private final String nftName;

    Hook(String nftName) {
        this.nftName = nftName;
    }

    /**
     * The name {@code nft} uses.
     *
     * @return the name
     */
    public String nftName() {
        return nftName;
    }

    /**
     * The kernel's hook number for this hook in {@code family}.
     *
     * @param family the table's family
     * @return the hook number
     * @throws IllegalArgumentException when the family has no such hook
     */
    public int number(Family family) {
        int n = switch (family) {
            case IP, IP6, BRIDGE -> switch (this) {
                case PREROUTING -> NF_INET_PRE_ROUTING;
                case INPUT -> NF_INET_LOCAL_IN;
                case FORWARD -> NF_INET_FORWARD;
                case OUTPUT -> NF_INET_LOCAL_OUT;
                case POSTROUTING -> NF_INET_POST_ROUTING;
                default -> -1;
            };
            case INET -> switch (this) {
                case PREROUTING -> NF_INET_PRE_ROUTING;
                case INPUT -> NF_INET_LOCAL_IN;
                case FORWARD -> NF_INET_FORWARD;
                case OUTPUT -> NF_INET_LOCAL_OUT;
                case POSTROUTING -> NF_INET_POST_ROUTING;
                case INGRESS -> NF_INET_INGRESS;
                default -> -1;
            };
            case ARP -> switch (this) {
                case INPUT -> NF_ARP_IN;
                case OUTPUT -> NF_ARP_OUT;
                case FORWARD -> NF_ARP_FORWARD;
                default -> -1;
            };
            case NETDEV -> switch (this) {
                case INGRESS -> NF_NETDEV_INGRESS;
                case EGRESS -> NF_NETDEV_EGRESS;
                default -> -1;
            };
        };
        if (n < 0) {
            throw new IllegalArgumentException("family " + family + " has no hook " + nftName);
        }
        return n;
    }

    /**
     * The hook with kernel number {@code number} in {@code family}.
     *
     * @param family the table's family
     * @param number the hook number
     * @return the hook
     * @throws IllegalArgumentException when the family has no hook with that number
     */
    public static Hook of(Family family, int number) {
        for (Hook h : values()) {
            try {
                if (h.number(family) == number) {
                    return h;
                }
            } catch (IllegalArgumentException ignored) {
                // not a hook of this family
            }
        }
        throw new IllegalArgumentException("family " + family + " has no hook number " + number);
    }

    /**
     * The hook named {@code name}.
     *
     * @param name the hook's name in nft syntax
     * @return the hook
     * @throws IllegalArgumentException for an unknown name
     */
    public static Hook ofName(String name) {
        for (Hook h : values()) {
            if (h.nftName.equals(name)) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown hook \"" + name + "\"");
    }

    @Override
    public String toString() {
        return nftName;
    }
}
