package nftlink.nftables.lang;

import nftlink.nftables.FlagName;
import nftlink.nftables.KernelFlag;
import nftlink.nftables.NfTablesUapi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The flags of {@code snat}, {@code dnat}, {@code masquerade} and {@code redirect} ({@code NF_NAT_RANGE_*}) that
 * people write, with nft's names: {@code random}, {@code fully-random}, {@code persistent} after the target in
 * text, and {@code netmap}, which text writes as {@code snat prefix to}. The flags nft derives from the target
 * (map IPs, protocol specified) are not among them.
 */
public enum NatFlag implements KernelFlag {
    /** Random source ports ({@code NF_NAT_RANGE_PROTO_RANDOM}). */
    RANDOM(NfTablesUapi.NF_NAT_RANGE_PROTO_RANDOM, "random"),
    /** Fully random source ports ({@code NF_NAT_RANGE_PROTO_RANDOM_FULLY}). */
    FULLY_RANDOM(NfTablesUapi.NF_NAT_RANGE_PROTO_RANDOM_FULLY, "fully-random"),
    /** The same address for a client on every connection ({@code NF_NAT_RANGE_PERSISTENT}). */
    PERSISTENT(NfTablesUapi.NF_NAT_RANGE_PERSISTENT, "persistent"),
    /** An address prefix mapped onto the packet's ({@code NF_NAT_RANGE_NETMAP}, {@code snat prefix to}). */
    NETMAP(NfTablesUapi.NF_NAT_RANGE_NETMAP, "netmap");

    private final FlagName flagName;

    NatFlag(int bit, String nftName) {
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
     * The flag nft names {@code name}; empty for another word.
     *
     * @param name the name
     * @return the flag, or empty
     */
    public static Optional<NatFlag> named(String name) {
        return KernelFlag.named(NatFlag.class, name);
    }

    /**
     * The flags among {@code bits} (the ones nft derives itself are left out).
     *
     * @param bits the kernel's flag bits
     * @return the flags
     */
    public static Set<NatFlag> of(int bits) {
        Set<NatFlag> out = KernelFlag.of(NatFlag.class, bits);
        return Set.copyOf(out);
    }

    /**
     * The kernel's bits for {@code flags}.
     *
     * @param flags the flags
     * @return the bits
     */
    public static int bits(Set<NatFlag> flags) {
        return KernelFlag.bits(flags);
    }

    /**
     * What nft prints after a nat target: {@code  random,persistent}, or nothing ({@code netmap} is
     * printed before it).
     *
     * @param flags the flags
     * @return the text
     */
    public static String text(Set<NatFlag> flags) {
        StringBuilder sb = new StringBuilder();
        for (NatFlag f : values()) {
            if (f != NETMAP && flags.contains(f)) {
                sb.append(sb.isEmpty() ? " " : ",").append(f.nftName());
            }
        }
        return sb.toString();
    }

    /**
     * nft's JSON names of {@code flags}, in its order.
     *
     * @param flags the flags
     * @return the names
     */
    public static List<String> jsonNames(Set<NatFlag> flags) {
        return KernelFlag.words(NatFlag.class, flags);
    }
}
