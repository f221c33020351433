package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Two 32-bit values from the packet combined bit by bit: {@code ct mark & 0xffff0000 | meta mark &
 * 0x0000ffff}, {@code meta mark | iif | meta cpu}, {@code ct mark | ip dscp}. The left value is
 * computed in the register, the right one in the next register, and the kernel combines the two
 * ({@code bitwise} with a second source register, Linux 6.13 and later).
 *
 * @param left  the left value: a 32-bit meta or ct key, masked or computed, or another combination
 * @param op    how the two combine
 * @param right the right value: a 32-bit meta or ct key, masked or computed ({@link BinopField} for bit fields)
 */
public record CombinedField(Field left, Op op, Field right) implements ComputedField {

    /** The bitwise operations on two registers, with nft's symbols and the kernel's codes. */
    public enum Op {
        /** {@code &}: bitwise and of two values. */
        AND("&", NfTablesUapi.NFT_BITWISE_AND),
        /** {@code |}: bitwise or of two values. */
        OR("|", NfTablesUapi.NFT_BITWISE_OR),
        /** {@code ^}: bitwise exclusive or of two values. */
        XOR("^", NfTablesUapi.NFT_BITWISE_XOR);

        private final String symbol;
        private final int code;

        Op(String symbol, int code) {
            this.symbol = symbol;
            this.code = code;
        }

        /**
         * {@code &}, {@code |} or {@code ^}.
         *
         * @return the symbol
         */
        public String symbol() {
            return symbol;
        }

        /**
         * {@code NFT_BITWISE_AND}, {@code _OR} or {@code _XOR}.
         *
         * @return the code
         */
        public int code() {
            return code;
        }

        /**
         * The operation the kernel's code names, or {@code null}.
         *
         * @param code the kernel's code
         * @return the operation, or {@code null}
         */
        public static Op ofCode(int code) {
            for (Op o : values()) {
                if (o.code == code) {
                    return o;
                }
            }
            return null;
        }
    }

    /** Checks the components: an operation and two operands nftlink can combine. */
    public CombinedField {
        Objects.requireNonNull(op, "op");
        if (!operand(left, true) || !operand(right, false)) {
            throw new IllegalArgumentException("unsupported: " + left.text() + " " + op.symbol() + " " + right.text()
                    + " (nftlink combines 32-bit meta and ct keys, masked or not, and values computed from bit fields)");
        }
    }

    /** Whether {@code f} is a 32-bit value this combination takes (the left side may itself be one). */
    private static boolean operand(Field f, boolean left) {
        Field base = f instanceof MaskedField m ? m.field() : f;
        boolean word = (base instanceof MetaField || base instanceof CtField) && base.length() == 4;
        return f.length() == 4 && (word || base instanceof BinopField || left && base instanceof CombinedField);
    }

    @Override
    public Datatype datatype() {
        return left.datatype();
    }

    @Override
    public Expression load(int register) {
        return loads(register).getFirst();
    }

    /** The left value into {@code register}, the right one into the next register, and their combination. */
    @Override
    public List<Expression> loads(int register) {
        if (register < 1 || register > 3) {
            throw new IllegalArgumentException("a combination of two values needs a 128-bit register and the next one: reg "
                    + register);
        }
        List<Expression> out = new ArrayList<>(left.loads(register));
        out.addAll(right.loads(register + 1));
        out.add(new Bitwise.Bool(register, register + 1, register, 4, op.code()));
        return out;
    }

    @Override
    public List<Match> dependencies(Family family) {
        List<Match> all = new ArrayList<>(left.dependencies(family));
        for (Match m : right.dependencies(family)) {
            if (!all.contains(m)) {
                all.add(m);
            }
        }
        return all;
    }

    /** nft's text: {@code ct mark & 0xffff0000 | meta mark & 0x0000ffff}. */
    @Override
    public String text() {
        return left.text() + " " + op.symbol() + " " + right.text();
    }
}
