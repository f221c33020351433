package nftlink.nftables.parse;

import java.math.BigInteger;
import nftlink.nftables.lang.BinopField;
import nftlink.nftables.lang.CombinedField;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.MaskedField;

/** Parses 32-bit values computed from the packet: shifts, masks and combinations of fields ({@code meta mark >> 8 & 0xf}). */
final class BinopParser extends RuleSubparser {

    /** Operations in one computed value, as nft limits them ("Binary operation limit 16 reached"). */
    private static final int MAX_BINOPS = 16;


    /** A parser of the rule that {@code r} holds the state of. */
    BinopParser(RuleContext r) {
        super(r);
    }

    /** {@code FIELD << N [& C ...]} before a match, a vmap or a map: a 32-bit value computed from a field that allows it. */
    Field shiftedKey(Token start, Field loaded) {
        try {
            BinopField.of(loaded);
        } catch (IllegalArgumentException notComputable) {
            throw Cursor.error(c.peek(), "unsupported: " + c.peek().text() + " in a match (nftlink shifts bit fields and "
                    + "32-bit meta and ct keys)");
        }
        return binop(start, loaded);
    }

    /**
     * A 32-bit value computed from {@code source}: {@code ip dscp}, {@code ip dscp << 2 | 0x10},
     * {@code ip dscp & 0x0f << 1} (constants fold as in nft, {@code <<} binding tighter than {@code &} and {@code |}).
     */
    Field binop(Token start, Field source) {
        BinopField value = Cursor.at(start, () -> BinopField.of(source));
        if (r.atOperator("<<") || r.atOperator(">>")) {
            boolean left = c.next().text().equals("<<");
            int bits = c.smallNumber("a shift in bits (0 to 31)", 31);
            value = new BinopField(source, left ? bits : -bits, value.mask(), value.xor());
        }
        int operations = 0;
        while (true) {
            String op = c.peek().kind() == Token.Kind.WORD ? switch (c.peek().text()) {
                case "&", "and" -> "&";
                case "|", "or" -> "|";
                default -> null;
            } : null;
            if (op == null) {
                break;
            }
            if (++operations > MAX_BINOPS) {
                throw Cursor.error(c.peek(), "Binary operation limit " + MAX_BINOPS + " reached");
            }
            c.next();
            long constant = binopConstant(source);
            while (r.atOperator("<<")) {
                c.next();
                constant = (constant << c.smallNumber("a shift in bits (0 to 31)", 31)) & 0xffffffffL;
            }
            value = op.equals("&") ? value.and(constant) : value.or(constant);
        }
        if (r.atOperator("<<") || r.atOperator(">>")) {
            throw Cursor.error(c.peek(), "unsupported: a shift after & or | in a value computed from the packet");
        }
        return value;
    }

    /**
     * The rest of a combination of values after {@code left} and the operator {@code op} (consumed):
     * further values (each with its own {@code &} constants and shifts, which bind tighter) combined
     * left to right, and constants that apply to everything before them ({@code ct mark | ip dscp | 0x200}).
     */
    Field combination(Token at, Field left, String op) {
        Field value = left;
        String o = op;
        int operations = 0;
        while (true) {
            if (++operations > MAX_BINOPS) {
                throw Cursor.error(at, "Binary operation limit " + MAX_BINOPS + " reached");
            }
            if (RuleVocabulary.startsField(c.peek())) {
                Field right = combinationOperand();
                Field l = value;
                CombinedField.Op combine = switch (o) {
                    case "&" -> CombinedField.Op.AND;
                    case "|" -> CombinedField.Op.OR;
                    default -> CombinedField.Op.XOR;
                };
                value = Cursor.at(at, () -> new CombinedField(l, combine, right));
            } else {
                Token t = c.peek();
                if (value instanceof MaskedField || o.equals("^")) {
                    throw Cursor.error(t, "unsupported: more than one operation with constants on a combination of values");
                }
                Bytes k = Bytes.u32((int) binopConstant(value));
                Field v = value;
                boolean and = o.equals("&");
                value = Cursor.at(t, () -> and ? MaskedField.and(v, k) : MaskedField.or(v, k));
            }
            String next = r.maskOperator(value);
            if (next == null) {
                return value;
            }
            at = c.next();
            o = next;
        }
    }

    /** One value of a combination: a field, a bit field's value, shifted and masked with {@code &} constants. */
    private Field combinationOperand() {
        Token start = c.peek();
        Field f = r.fields.fieldOrConcat();
        boolean andConstant = (c.at("&") || c.at("and")) && !RuleVocabulary.startsField(c.in.peekToken(1));
        if (f instanceof PayloadBitField || r.atOperator("<<") || r.atOperator(">>")) {
            BinopField b = Cursor.at(start, () -> BinopField.of(f));
            if (r.atOperator("<<") || r.atOperator(">>")) {
                boolean left = c.next().text().equals("<<");
                int bits = c.smallNumber("a shift in bits (0 to 31)", 31);
                b = new BinopField(f, left ? bits : -bits, b.mask(), b.xor());
            }
            while ((c.at("&") || c.at("and")) && !RuleVocabulary.startsField(c.in.peekToken(1))) {
                c.next();
                b = b.and(binopConstant(f));
            }
            return b;
        }
        if (andConstant) {
            Token opToken = c.next();
            Bytes mask = r.matches.flagsOrValue(ValueParser.parts(f).getFirst());
            return Cursor.at(opToken, () -> MaskedField.and(f, mask));
        }
        return f;
    }

    /** A 32-bit constant: a number, or a name of the source's datatype ({@code lephb}, {@code af33}). */
    long binopConstant(Field source) {
        Token t = c.next();
        if (t.kind() == Token.Kind.WORD && Cursor.isNumber(t.text())) {
            long v = Long.decode(t.text());
            if (v > 0xffffffffL) {
                throw Cursor.error(t, "value " + t.text() + " is out of range");
            }
            return v;
        }
        Bytes b = Cursor.at(t, () -> source.datatype().parse(t.text(), source.valueLength()));
        return new BigInteger(1, b.toArray()).longValue();
    }
}
