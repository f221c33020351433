package nftlink.nftables;

import java.util.List;
import java.util.Optional;

/**
 * The flags of {@code queue} ({@code NFT_QUEUE_FLAG_*}, {@code NFTA_QUEUE_FLAGS}) with nft's words: {@code bypass}
 * (accept the packet when no program listens on the queue) and {@code fanout} (spread packets over the queue range
 * by CPU). The text parser and renderer, the JSON reader and writer and the kernel expression's debug text read and
 * write them from here.
 */
public enum QueueFlag implements KernelFlag {
    /** {@code bypass} ({@code NFT_QUEUE_FLAG_BYPASS}). */
    BYPASS(NfTablesUapi.NFT_QUEUE_FLAG_BYPASS, "bypass"),
    /** {@code fanout} ({@code NFT_QUEUE_FLAG_CPU_FANOUT}). */
    FANOUT(NfTablesUapi.NFT_QUEUE_FLAG_CPU_FANOUT, "fanout");

    private final FlagName flagName;

    QueueFlag(int bit, String nftName) {
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
    public static Optional<QueueFlag> named(String word) {
        return KernelFlag.named(QueueFlag.class, word);
    }

    /**
     * nft's words for the flags among {@code bits}, in nft's order ({@code bypass} before {@code fanout}).
     *
     * @param bits an {@code NFTA_QUEUE_FLAGS} value
     * @return the words
     */
    public static List<String> words(int bits) {
        return KernelFlag.words(QueueFlag.class, KernelFlag.of(QueueFlag.class, bits));
    }
}
