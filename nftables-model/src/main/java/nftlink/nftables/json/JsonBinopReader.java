package nftlink.nftables.json;

import nftlink.nftables.lang.BinopField;
import nftlink.nftables.lang.CombinedField;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Field;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;

/** Reads values computed from fields with shifts and bitwise operators, and folds constants combined with them. */
final class JsonBinopReader {

    private final JsonParseContext context;

    JsonBinopReader(JsonParseContext context) {
        this.context = context;
    }

    /**
     * A 32-bit value computed from a field, {@code {"|": [{"<<": [FIELD, N]}, C]}}, or {@code null}
     * when the value is no such computation (or its field is not one nftlink computes with).
     */
    BinopField binop(Node node) {
        Map.Entry<String, Node> e = node.single();
        switch (e.getKey()) {
            case "<<", ">>", "&", "|", "^" -> {
                List<Node> operands = e.getValue().array();
                if (operands.size() != 2) {
                    throw e.getValue().error("expected [VALUE, CONSTANT]");
                }
                BinopField inner = binop(operands.get(0));
                if (inner == null) {
                    return null;
                }
                Node right = operands.get(1);
                if (e.getKey().equals("<<") || e.getKey().equals(">>")) {
                    int bits = (int) right.number(31);
                    BinopField in = inner;
                    return at(node, () -> in.shifted(e.getKey().equals("<<") ? bits : -bits));
                }
                long constant;
                if (right.value() instanceof JsonValue.Num) {
                    constant = right.number(0xffffffffL);
                } else {
                    Field source = inner.source();
                    Bytes b = at(right, () -> source.datatype().parse(right.string(), source.valueLength()));
                    constant = new BigInteger(1, b.toArray()).longValue();
                }
                return switch (e.getKey()) {
                    case "&" -> inner.and(constant);
                    case "|" -> inner.or(constant);
                    default -> inner.xor(constant);
                };
            }
            default -> {
                Field f = context.fields.field(node);
                try {
                    return BinopField.of(f);
                } catch (IllegalArgumentException notComputable) {
                    return null;
                }
            }
        }
    }

    /** Whether {@code node} is {@code {"|"|"&"|"^": [...]}} with at least two values from the packet among its operands. */
    static boolean isCombination(Node node) {
        if (!(node.value() instanceof JsonValue.Obj o) || o.members().size() != 1) {
            return false;
        }
        Map.Entry<String, Node> e = node.single();
        if (!Set.of("|", "&", "^").contains(e.getKey()) || !(e.getValue().value() instanceof JsonValue.Arr a)) {
            return false;
        }
        return a.items().stream().filter(JsonValue.Obj.class::isInstance).count() >= 2;
    }

    /** Values combined left to right; constants apply to everything before them. */
    Field combination(Node node) {
        Map.Entry<String, Node> e = node.single();
        CombinedField.Op op = switch (e.getKey()) {
            case "&" -> CombinedField.Op.AND;
            case "|" -> CombinedField.Op.OR;
            default -> CombinedField.Op.XOR;
        };
        List<Node> operands = e.getValue().array();
        Field value = combinationOperand(operands.getFirst());
        for (Node operand : operands.subList(1, operands.size())) {
            if (operand.value() instanceof JsonValue.Obj) {
                Field left = value;
                Field right = combinationOperand(operand);
                value = at(operand, () -> new CombinedField(left, op, right));
            } else {
                if (value instanceof MaskedField || op == CombinedField.Op.XOR) {
                    throw operand.error("unsupported: more than one operation with constants on a combination of values");
                }
                Bytes k = Bytes.u32((int) operand.number(0xffffffffL));
                Field v = value;
                value = at(operand, () -> op == CombinedField.Op.AND
                        ? MaskedField.and(v, k) : MaskedField.or(v, k));
            }
        }
        return value;
    }

    /** One operand of a combination: a field (a bit field's value), a combination, or a field {@code &} a constant. */
    private Field combinationOperand(Node node) {
        if (isCombination(node)) {
            return combination(node);
        }
        Field f = node.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && (o.members().containsKey("&") || o.members().containsKey("|")) ? context.fields.valueField(node) : context.fields.field(node);
        if (f instanceof PayloadBitField) {
            return at(node, () -> BinopField.of(f));
        }
        return f;
    }

    /** The value of constants combined with {@code &}, {@code |} and {@code ^}, or {@code null} when a field takes part. */
    Bytes folded(Field field, Node node) {
        if (!(node.value() instanceof JsonValue.Obj)) {
            return context.values.single(field, node);
        }
        Map.Entry<String, Node> e = node.single();
        if (!Set.of("&", "|", "^").contains(e.getKey()) || !(e.getValue().value() instanceof JsonValue.Arr)) {
            return null;
        }
        List<Node> operands = e.getValue().array();
        if (operands.size() != 2) {
            return null;
        }
        Bytes a = folded(field, operands.get(0));
        Bytes b = a == null ? null : folded(field, operands.get(1));
        if (b == null || a.length() != b.length()) {
            return null;
        }
        byte[] x = a.toArray();
        byte[] y = b.toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) switch (e.getKey()) {
                case "&" -> x[i] & y[i];
                case "|" -> x[i] | y[i];
                default -> x[i] ^ y[i];
            };
        }
        return Bytes.of(x);
    }
}
