package nftlink.nftables.expr;

import nftlink.netlink.MessageWriter;

/**
 * One nf_tables kernel expression of a rule: the kernel-level representation,
 * encoding and decoding itself losslessly. Expressions are immutable records.
 *
 * <p>{@link #appendDebug} renders the text libnftnl prints for the expression
 * (what {@code nft --debug=netlink} shows between brackets), e.g.
 * {@code payload load 2b @ transport header + 2 => reg 1}.
 *
 * @see Expressions for the list encoding and the registry of decoders
 */
public interface Expression {

    /**
     * The kernel's name for the expression ({@code NFTA_EXPR_NAME}), e.g. {@code payload}.
     *
     * @return the name
     */
    String name();

    /**
     * Writes the attributes inside {@code NFTA_EXPR_DATA}, in the order the kernel dumps them.
     *
     * @param w the writer, inside {@code NFTA_EXPR_DATA}
     */
    void writeData(MessageWriter w);

    /**
     * Whether the expression carries {@code NFTA_EXPR_DATA} at all. The kernel leaves it out
     * for expressions without parameters such as {@code notrack}, and sends an empty one for
     * expressions whose parameters are all absent such as a bare {@code masq}.
     *
     * @return whether there is data
     */
    default boolean hasData() {
        return true;
    }

    /**
     * Appends libnftnl's rendering, without the surrounding {@code [ } and {@code  ]}.
     *
     * @param sb where the text is appended
     */
    void appendDebug(StringBuilder sb);

    /**
     * libnftnl's rendering with brackets: {@code [ cmp eq reg 1 0x00001600 ]}.
     *
     * @return the text
     */
    default String toDebugString() {
        StringBuilder sb = new StringBuilder("[ ");
        appendDebug(sb);
        return sb.append(" ]").toString();
    }
}
