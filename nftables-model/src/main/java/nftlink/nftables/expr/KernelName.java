package nftlink.nftables.expr;

/**
 * What one constant of a kernel enum stands for: libnftnl's name for it, the
 * kernel's number, and for a key that loads into a register the bytes a load fills.
 *
 * @param text   libnftnl's name
 * @param number the kernel's number
 * @param length the register bytes a load fills; 0 for a constant that loads nothing
 */
public record KernelName(String text, int number, int length) {

    /**
     * A constant that loads nothing.
     *
     * @param text   libnftnl's name
     * @param number the kernel's number
     */
    public KernelName(String text, int number) {
        this(text, number, 0);
    }
}
