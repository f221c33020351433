package nftlink.nftables;

/** Base chain types, as {@code NFTA_CHAIN_TYPE} names them. */
public enum ChainType {
    /** {@code filter}: filters packets. */
    FILTER("filter"),
    /** {@code nat}: translates addresses; only the first packet of a connection passes. */
    NAT("nat"),
    /** {@code route}: reroutes packets whose marks or addresses a rule changes (output hook). */
    ROUTE("route");

    private final String nftName;

    ChainType(String nftName) {
        this.nftName = nftName;
    }

    /**
     * The name sent to the kernel and printed by {@code nft}.
     *
     * @return the name
     */
    public String nftName() {
        return nftName;
    }

    /**
     * The type named {@code name}.
     *
     * @param name the name
     * @return the type
     * @throws IllegalArgumentException for an unknown name
     */
    public static ChainType ofName(String name) {
        for (ChainType t : values()) {
            if (t.nftName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown chain type \"" + name + "\" (expected filter, nat or route)");
    }

    @Override
    public String toString() {
        return nftName;
    }
}
