package nftlink.nftables;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** A flag of a set or map ({@code enum nft_set_flags}, {@code NFTA_SET_FLAGS}). */
public enum SetFlag implements KernelFlag {
    /** {@code NFT_SET_ANONYMOUS}: bound to the rule that uses it, gone with it. */
    ANONYMOUS(NfTablesUapi.NFT_SET_ANONYMOUS, "anonymous"),
    /** {@code NFT_SET_CONSTANT}: elements cannot change once the set is bound. */
    CONSTANT(NfTablesUapi.NFT_SET_CONSTANT, "constant"),
    /** {@code NFT_SET_INTERVAL}: elements are ranges and prefixes. */
    INTERVAL(NfTablesUapi.NFT_SET_INTERVAL, "interval"),
    /** {@code NFT_SET_MAP}: elements map their key to data. */
    MAP(NfTablesUapi.NFT_SET_MAP, "map"),
    /** {@code NFT_SET_TIMEOUT}: elements can time out. */
    TIMEOUT(NfTablesUapi.NFT_SET_TIMEOUT, "timeout"),
    /** {@code NFT_SET_EVAL}: rules add elements from the packet path ({@code dynamic}). */
    EVAL(NfTablesUapi.NFT_SET_EVAL, "dynamic"),
    /** {@code NFT_SET_OBJECT}: elements map their key to a stateful object. */
    OBJECT(NfTablesUapi.NFT_SET_OBJECT, "object"),
    /** {@code NFT_SET_CONCAT}: the key is a concatenation of ranges. */
    CONCAT(NfTablesUapi.NFT_SET_CONCAT, "concat"),
    /** {@code NFT_SET_EXPR}: elements carry stateful expressions. */
    EXPR(NfTablesUapi.NFT_SET_EXPR, "expr");

    private final FlagName flagName;

    SetFlag(int bit, String nftName) {
        flagName = new FlagName(bit, nftName);
    }

    /**
     * The kernel's bit and nft's word of this flag.
     *
     * @return the bit and the word
     */
    @Override
    public FlagName flagName() {
        return flagName;
    }

    /**
     * The flags whose bits are set in {@code bits}; bits no flag stands for are left out (the
     * set's raw {@link NftSet#flags()} keeps them).
     *
     * @param bits an {@code NFTA_SET_FLAGS} value
     * @return a new, modifiable set
     */
    public static EnumSet<SetFlag> of(int bits) {
        return KernelFlag.of(SetFlag.class, bits);
    }

    /**
     * The {@code NFTA_SET_FLAGS} value of {@code flags}.
     *
     * @param flags any flags
     * @return their bits or-ed together
     */
    public static int bits(Collection<SetFlag> flags) {
        return KernelFlag.bits(flags);
    }

    /**
     * The bits of {@code bits} that no flag stands for (flags of a newer kernel).
     *
     * @param bits an {@code NFTA_SET_FLAGS} value
     * @return the unknown bits, 0 when all are known
     */
    public static int unknownBits(int bits) {
        return bits & ~bits(Set.of(values()));
    }

    @Override
    public String toString() {
        return flagName.word();
    }
}
