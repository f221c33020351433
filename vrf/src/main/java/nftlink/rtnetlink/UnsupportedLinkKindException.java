package nftlink.rtnetlink;

import nftlink.netlink.NetlinkKernelException;

/**
 * The kernel does not know a link kind ({@code EOPNOTSUPP}, "Unknown device
 * type"): the driver is not built or its module is not loaded. The message names
 * the kind and the kernel option that provides it, e.g. {@code CONFIG_NET_VRF}.
 */
public class UnsupportedLinkKindException extends NetlinkKernelException {
    /** The link kind ({@code IFLA_INFO_KIND}) the kernel lacks, e.g. {@code vrf}. */
    private final String kind;

    UnsupportedLinkKindException(NetlinkKernelException cause, String kind) {
        super(cause.getMessage() + ": this kernel has no \"" + kind + "\" link type (" + option(kind)
                        + " is not enabled, or its module is not loaded)",
                cause.operation(), cause.errnoNumber(), cause.kernelMessage(), cause.attributeOffset(), cause.attribute());
        this.kind = kind;
        initCause(cause);
    }

    /**
     * The link kind the kernel lacks.
     *
     * @return the kind as {@code IFLA_INFO_KIND} names it, e.g. {@code vrf}
     */
    public String kind() {
        return kind;
    }

    private static String option(String kind) {
        return switch (kind) {
            case "vrf" -> "CONFIG_NET_VRF";
            case "veth" -> "CONFIG_VETH";
            case "bridge" -> "CONFIG_BRIDGE";
            case "dummy" -> "CONFIG_DUMMY";
            case "macvlan" -> "CONFIG_MACVLAN";
            default -> "the kernel option for \"" + kind + "\"";
        };
    }
}
