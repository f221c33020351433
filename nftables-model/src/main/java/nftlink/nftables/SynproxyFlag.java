package nftlink.nftables;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TCP options {@code synproxy} passes on that people name ({@code NF_SYNPROXY_OPT_*}): {@code timestamp} and
 * {@code sack-perm}, declared in nft's order. The other two bits, {@code NF_SYNPROXY_OPT_MSS} and
 * {@code NF_SYNPROXY_OPT_WSCALE}, say that a value was given and are not among them. The statement's and the
 * object's text and JSON front ends read and write them from here.
 */
public enum SynproxyFlag implements KernelFlag {
    /** {@code timestamp} ({@code NF_SYNPROXY_OPT_TIMESTAMP}). */
    TIMESTAMP(NfTablesUapi.NF_SYNPROXY_OPT_TIMESTAMP, "timestamp"),
    /** {@code sack-perm} ({@code NF_SYNPROXY_OPT_SACK_PERM}). */
    SACK_PERM(NfTablesUapi.NF_SYNPROXY_OPT_SACK_PERM, "sack-perm");

    private final FlagName flagName;

    SynproxyFlag(int bit, String nftName) {
        flagName = new FlagName(bit, nftName);
    }

    @Override
    public FlagName flagName() {
        return flagName;
    }

    /**
     * The flag nft names {@code word}; empty for another word.
     *
     * @param word the word
     * @return the flag, or empty
     */
    public static Optional<SynproxyFlag> named(String word) {
        return KernelFlag.named(SynproxyFlag.class, word);
    }

    /**
     * The kernel's {@code NF_SYNPROXY_OPT_*} bits of synproxy options: which of mss and wscale are given, and the flags.
     *
     * @param mss    the maximum segment size, or {@code null} when not given
     * @param wscale the window scale, or {@code null} when not given
     * @param flags  the flags
     * @return the option bits
     */
    public static int options(Integer mss, Integer wscale, Set<SynproxyFlag> flags) {
        return (mss == null ? 0 : NfTablesUapi.NF_SYNPROXY_OPT_MSS) | (wscale == null ? 0 : NfTablesUapi.NF_SYNPROXY_OPT_WSCALE)
                | KernelFlag.bits(flags);
    }

    /**
     * nft's words for the flags among {@code bits}, in nft's order ({@code timestamp} before {@code sack-perm}).
     *
     * @param bits an {@code NF_SYNPROXY_OPT_*} mask
     * @return the words
     */
    public static List<String> words(int bits) {
        return KernelFlag.words(SynproxyFlag.class, KernelFlag.of(SynproxyFlag.class, bits));
    }
}
