package nftlink.nftables;

/** A base chain's default verdict. */
public enum ChainPolicy {
    /** {@code accept}: packets no rule decided on are accepted. */
    ACCEPT("accept", NfTablesUapi.NF_ACCEPT),
    /** {@code drop}: packets no rule decided on are dropped. */
    DROP("drop", NfTablesUapi.NF_DROP);

    private final String nftName;
    private final int verdict;

    ChainPolicy(String nftName, int verdict) {
        this.nftName = nftName;
        this.verdict = verdict;
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
     * The netfilter verdict number sent as {@code NFTA_CHAIN_POLICY}.
     *
     * @return the verdict number
     */
    public int verdict() {
        return verdict;
    }

    /**
     * The policy for a verdict number.
     *
     * @param verdict the verdict number
     * @return the policy
     * @throws IllegalArgumentException for a number that is no chain policy
     */
    public static ChainPolicy ofVerdict(int verdict) {
        for (ChainPolicy p : values()) {
            if (p.verdict == verdict) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown chain policy verdict " + verdict);
    }

    /**
     * The policy named {@code name}.
     *
     * @param name the name in nft syntax
     * @return the policy
     * @throws IllegalArgumentException for an unknown name
     */
    public static ChainPolicy ofName(String name) {
        for (ChainPolicy p : values()) {
            if (p.nftName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown chain policy \"" + name + "\" (expected accept or drop)");
    }

    @Override
    public String toString() {
        return nftName;
    }
}
