package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Arrays;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code range}: compares a register with an inclusive range of byte strings
 * (compared as big-endian numbers) and breaks the rule unless it lies inside
 * ({@link Op#EQ}) or outside ({@link Op#NEQ}):
 * {@code [ range neq reg 1 0x00001600 0x00001900 ]}.
 *
 * @param op   inside or outside
 * @param sreg the register compared
 * @param from the lower bound
 * @param to   the upper bound, as many bytes as {@code from}
 */
public record Range(Op op, int sreg, Bytes from, Bytes to) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("range", Range::decode, Range::parse);

    /** {@code enum nft_range_ops}, with libnftnl's names. */
    public enum Op implements KernelEnum {
        /** In the range ({@code NFT_RANGE_EQ}). */
        EQ("eq", NFT_RANGE_EQ),
        /** Outside the range ({@code NFT_RANGE_NEQ}). */
        NEQ("neq", NFT_RANGE_NEQ);

        private final KernelName kernelName;

        Op(String text, int number) {
            kernelName = new KernelName(text, number);
        }

        /** libnftnl's name and the kernel's number of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** Checks the components: op and bounds not null, bounds of one length. */
    public Range {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("range bounds differ in length: " + from.length() + " and " + to.length());
        }
    }

    @Override
    public String name() {
        return "range";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_RANGE_SREG, sreg);
        w.attrU32Be(NFTA_RANGE_OP, op.number());
        NftData.of(from).write(w, NFTA_RANGE_FROM_DATA);
        NftData.of(to).write(w, NFTA_RANGE_TO_DATA);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("range ").append(op.text()).append(" reg ").append(sreg).append(' ');
        from.appendWords(sb, true);
        sb.append(' ');
        to.appendWords(sb, true);
    }

    private static Range decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_RANGE_MAX);
        return new Range(KernelEnum.byNumber(Op.class, tb.require(NFTA_RANGE_OP).u32Be()), tb.require(NFTA_RANGE_SREG).u32Be(),
                NftData.decodeValue(tb.require(NFTA_RANGE_FROM_DATA)), NftData.decodeValue(tb.require(NFTA_RANGE_TO_DATA)));
    }

    private static Range parse(DebugReader r) {
        Op op = r.constant(Op.class);
        int sreg = r.register();
        int registerLength = r.registerLength(sreg);
        byte[] words = r.words().toArray();
        if (words.length == 0 || words.length % 8 != 0) {
            throw r.error("expected two bounds of as many words");
        }
        byte[] from = Arrays.copyOfRange(words, 0, words.length / 2);
        byte[] to = Arrays.copyOfRange(words, words.length / 2, words.length);
        // the words pad each bound to 4 bytes: the register's length tells the real one
        int length = from.length;
        if (registerLength < length && length == ((registerLength + 3) & ~3)
                && zeroFrom(from, registerLength) && zeroFrom(to, registerLength)) {
            length = registerLength;
        }
        return new Range(op, sreg, Bytes.of(Arrays.copyOf(from, length)), Bytes.of(Arrays.copyOf(to, length)));
    }

    private static boolean zeroFrom(byte[] bytes, int start) {
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
