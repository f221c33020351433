package nftlink.nftables.lang;

import nftlink.nftables.FlagName;
import nftlink.nftables.KernelFlag;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code log} statement adds to each message ({@code NF_LOG_*}), with nft's names: {@code flags tcp
 * sequence,options}, {@code flags ip options}, {@code flags skuid}, {@code flags ether}, or {@code flags all}
 * in text; {@code "tcp sequence"}, {@code "ip options"}, ... in JSON.
 */
public enum LogFlag implements KernelFlag {
    /** TCP sequence numbers. */
    TCP_SEQUENCE(0x01, "tcp sequence"),
    /** TCP options. */
    TCP_OPTIONS(0x02, "tcp options"),
    /** IP options. */
    IP_OPTIONS(0x04, "ip options"),
    /** The socket's user ID. */
    SKUID(0x08, "skuid"),
    /** The link layer header (MAC decoding). */
    ETHER(0x20, "ether");

    /** The bits of all flags ({@code NF_LOG_MASK}). */
    public static final int ALL_BITS = 0x2f;

    private final FlagName flagName;

    LogFlag(int bit, String nftName) {
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
     * The flag nft's JSON names {@code name} ({@code "all"} is several); empty for another word.
     *
     * @param name a name from nft's JSON
     * @return the flag, or empty
     */
    public static Optional<LogFlag> named(String name) {
        return KernelFlag.named(LogFlag.class, name);
    }

    /**
     * The flags of {@code bits}; empty when a bit is none of them.
     *
     * @param bits the kernel's flag bits
     * @return the flags, or empty
     */
    public static Optional<Set<LogFlag>> of(int bits) {
        return KernelFlag.exactly(LogFlag.class, bits);
    }

    /**
     * The kernel's bits for {@code flags}.
     *
     * @param flags the flags
     * @return the bits
     */
    public static int bits(Set<LogFlag> flags) {
        return KernelFlag.bits(flags);
    }

    /**
     * Whether {@code flags} are all of them ({@code flags all}).
     *
     * @param flags the flags
     * @return whether they are all
     */
    public static boolean all(Set<LogFlag> flags) {
        return flags.size() == values().length;
    }

    /**
     * The text nft prints after {@code log ...}: {@code  flags all}, {@code  flags tcp
     * sequence,options flags skuid}, ....
     *
     * @param flags the flags
     * @return the text, with a leading space; empty for no flags
     */
    public static String text(Set<LogFlag> flags) {
        if (all(flags)) {
            return " flags all";
        }
        StringBuilder sb = new StringBuilder();
        if (flags.contains(TCP_SEQUENCE) || flags.contains(TCP_OPTIONS)) {
            sb.append(" flags tcp ").append(flags.contains(TCP_SEQUENCE) && flags.contains(TCP_OPTIONS) ? "sequence,options"
                    : flags.contains(TCP_SEQUENCE) ? "sequence" : "options");
        }
        if (flags.contains(IP_OPTIONS)) {
            sb.append(" flags ip options");
        }
        if (flags.contains(SKUID)) {
            sb.append(" flags skuid");
        }
        if (flags.contains(ETHER)) {
            sb.append(" flags ether");
        }
        return sb.toString();
    }

    /**
     * nft's JSON names of {@code flags} in its order: {@code ["all"]} for all of them.
     *
     * @param flags the flags
     * @return the names
     */
    public static List<String> jsonNames(Set<LogFlag> flags) {
        if (all(flags)) {
            return List.of("all");
        }
        return KernelFlag.words(LogFlag.class, flags);
    }
}
