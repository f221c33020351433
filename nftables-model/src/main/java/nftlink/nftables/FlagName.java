package nftlink.nftables;

/**
 * What one constant of a {@link KernelFlag} enum stands for: the kernel's bit and
 * nft's word for it.
 *
 * @param bit  the flag's bit in the kernel's mask
 * @param word nft's word for the flag
 */
public record FlagName(int bit, String word) {
}
