package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;

import java.util.Arrays;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code bitwise}: {@code dreg = (sreg & mask) ^ xor} ({@link MaskXor}), shifts
 * ({@link Shift}), and, on kernels 6.13+, boolean operations between two
 * registers ({@link Bool}).
 */
public sealed interface Bitwise extends Expression {

    /** The {@code bitwise} expression type: its kernel name, decoder and parser. */
    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("bitwise", Bitwise::decode, Bitwise::parse);

    /**
     * {@code bitwise reg DREG = ( reg SREG & MASK ) ^ XOR}, over {@code mask.length()} bytes.
     *
     * @param sreg the source register
     * @param dreg the destination register
     * @param mask the mask
     * @param xor the xor value, as long as the mask
     */
    record MaskXor(int sreg, int dreg, Bytes mask, Bytes xor) implements Bitwise {
        /** Checks the components: mask and xor of one length. */
        public MaskXor {
            if (mask.length() != xor.length()) {
                throw new IllegalArgumentException("mask and xor differ in length");
            }
        }

        @Override
        public void writeData(MessageWriter w) {
            header(w, sreg, dreg, mask.length(), NFT_BITWISE_MASK_XOR);
            NftData.writeValue(w, NFTA_BITWISE_MASK, mask);
            NftData.writeValue(w, NFTA_BITWISE_XOR, xor);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("bitwise reg ").append(dreg).append(" = ( reg ").append(sreg).append(" & ");
            mask.appendWords(sb, true);
            sb.append(" ) ^ ");
            xor.appendWords(sb, true);
        }
    }

    /**
     * {@code bitwise reg DREG = ( reg SREG << N )} or {@code >>}, over {@code length} bytes.
     *
     * @param sreg the source register
     * @param dreg the destination register
     * @param length the number of bytes shifted
     * @param left {@code <<} rather than {@code >>}
     * @param bits the shift in bits
     */
    record Shift(int sreg, int dreg, int length, boolean left, int bits) implements Bitwise {
        @Override
        public void writeData(MessageWriter w) {
            header(w, sreg, dreg, length, left ? NFT_BITWISE_LSHIFT : NFT_BITWISE_RSHIFT);
            NftData.of(Bytes.u32(bits)).write(w, NFTA_BITWISE_DATA);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("bitwise reg ").append(dreg).append(" = ( reg ").append(sreg).append(left ? " << " : " >> ");
            Bytes.u32(bits).appendWords(sb, true);
            sb.append(" )");
        }
    }

    /**
     * {@code bitwise reg DREG = ( reg SREG OP reg SREG2 )} with OP one of {@code & | ^}.
     *
     * @param sreg the first source register
     * @param sreg2 the second source register
     * @param dreg the destination register
     * @param length the number of bytes
     * @param op {@code NFT_BITWISE_AND}, {@code NFT_BITWISE_OR} or {@code NFT_BITWISE_XOR}
     */
    record Bool(int sreg, int sreg2, int dreg, int length, int op) implements Bitwise {
        /** Checks the component: {@code op} is and, or or xor. */
        public Bool {
            if (op != NFT_BITWISE_AND && op != NFT_BITWISE_OR && op != NFT_BITWISE_XOR) {
                throw new IllegalArgumentException("not a boolean bitwise op: " + op);
            }
        }

        @Override
        public void writeData(MessageWriter w) {
            header(w, sreg, dreg, length, op);
            w.attrU32Be(NFTA_BITWISE_SREG2, sreg2);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("bitwise reg ").append(dreg).append(" = ( reg ").append(sreg).append(' ')
                    .append(op == NFT_BITWISE_AND ? "&" : op == NFT_BITWISE_OR ? "|" : "^")
                    .append(" reg ").append(sreg2).append(" )");
        }
    }

    @Override
    default String name() {
        return "bitwise";
    }

    private static void header(MessageWriter w, int sreg, int dreg, int length, int op) {
        w.attrU32Be(NFTA_BITWISE_SREG, sreg);
        w.attrU32Be(NFTA_BITWISE_DREG, dreg);
        w.attrU32Be(NFTA_BITWISE_LEN, length);
        w.attrU32Be(NFTA_BITWISE_OP, op);
    }

    private static Bitwise decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_BITWISE_MAX);
        int sreg = tb.require(NFTA_BITWISE_SREG).u32Be();
        int dreg = tb.require(NFTA_BITWISE_DREG).u32Be();
        int length = tb.require(NFTA_BITWISE_LEN).u32Be();
        int op = tb.u32BeOr(NFTA_BITWISE_OP, NFT_BITWISE_MASK_XOR);
        return switch (op) {
            case NFT_BITWISE_MASK_XOR -> {
                Bytes mask = NftData.decodeValue(tb.require(NFTA_BITWISE_MASK));
                Bytes xor = NftData.decodeValue(tb.require(NFTA_BITWISE_XOR));
                if (mask.length() != length || xor.length() != length) {
                    throw new NetlinkDecodeException("bitwise: mask or xor not of len bytes");
                }
                yield new MaskXor(sreg, dreg, mask, xor);
            }
            case NFT_BITWISE_LSHIFT, NFT_BITWISE_RSHIFT -> {
                Bytes data = NftData.decodeValue(tb.require(NFTA_BITWISE_DATA));
                if (data.length() != 4) {
                    throw new NetlinkDecodeException("bitwise: a shift amount not of 4 bytes");
                }
                yield new Shift(sreg, dreg, length, op == NFT_BITWISE_LSHIFT, data.asU32());
            }
            case NFT_BITWISE_AND, NFT_BITWISE_OR, NFT_BITWISE_XOR ->
                    new Bool(sreg, tb.require(NFTA_BITWISE_SREG2).u32Be(), dreg, length, op);
            default -> throw new NetlinkDecodeException("bitwise: unknown op " + op);
        };
    }

    private static boolean beyond(Bytes b, int length) {
        for (int i = length; i < b.length(); i++) {
            if (b.get(i) != 0) {
                return true;
            }
        }
        return false;
    }

    private static Bytes prefix(Bytes b, int length) {
        return Bytes.of(Arrays.copyOf(b.toArray(), length));
    }

    private static Bitwise parse(DebugReader r) {
        int dreg = r.register();
        r.expect("=");
        r.expect("(");
        int sreg = r.register();
        int length = r.registerLength(sreg);
        String op = r.next();
        Bitwise result;
        switch (op) {
            case "&" -> {
                if ("reg".equals(r.peek())) {
                    result = new Bool(sreg, r.register(), dreg, length, NFT_BITWISE_AND);
                    r.expect(")");
                } else {
                    // the text does not give the length: the register's, unless the words reach beyond it
                    Bytes mask = r.words();
                    r.expect(")");
                    r.expect("^");
                    Bytes xor = r.words();
                    if (beyond(mask, length) || beyond(xor, length)) {
                        length = Math.max(mask.length(), xor.length());
                    }
                    result = new MaskXor(sreg, dreg, prefix(mask, length), prefix(xor, length));
                }
            }
            case "|", "^" -> {
                result = new Bool(sreg, r.register(), dreg, length, op.equals("|") ? NFT_BITWISE_OR : NFT_BITWISE_XOR);
                r.expect(")");
            }
            case "<<", ">>" -> {
                result = new Shift(sreg, dreg, length, op.equals("<<"), r.words(4).asU32());
                r.expect(")");
            }
            default -> throw r.error("unknown bitwise operator '" + op + "'");
        }
        r.loaded(dreg, length);
        return Objects.requireNonNull(result);
    }
}
