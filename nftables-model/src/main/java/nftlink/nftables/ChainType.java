package nftlink.nftables;

/** Base chain types, as {@code NFTA_CHAIN_TYPE} names them. */
public enum ChainType {
    FILTER("filter"),
    NAT("nat"),
    ROUTE("route");

    private final String nftName;

    ChainType(String nftName) {
        this.nftName = nftName;
    }

    /** The name sent to the kernel and printed by {@code nft}. */
    public String nftName() {
        return nftName;
    }

    /**
     * The type named {@code name}.
     *
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
