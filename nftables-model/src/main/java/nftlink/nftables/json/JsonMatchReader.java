package nftlink.nftables.json;

import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.lang.ExpressionField;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;

/** Reads {@code match} statements: an operator between a field on the left and a value or set on the right. */
final class JsonMatchReader {

    private final JsonParseContext context;

    JsonMatchReader(JsonParseContext context) {
        this.context = context;
    }

    /** {@code {"match": {"op": OP, "left": FIELD, "right": VALUE}}}. */
    Statement match(Node body) {
        body.only(Set.of("op", "left", "right"));
        Node opNode = body.optional("op");
        String opText = opNode == null ? "==" : opNode.string();
        if (opText.equals("!")) {
            // FIELD ! FLAGS: none of the flags is set
            Field flagsField = context.fields.field(body.member("left"));
            if (!flagsField.datatype().isBitmask()) {
                throw opNode.error("\"!\" tests flags, and " + flagsField.text() + " holds no flags");
            }
            Bytes flags = context.values.single(flagsField, body.member("right"));
            return at(body, () -> new Match(MaskedField.and(flagsField, flags), Match.Op.EQ,
                    new Value.Single(Bytes.of(new byte[flagsField.length()]))));
        }
        Match.Op written = switch (opText) {
            case "in" -> Match.Op.EQ;
            case "==" -> opNode == null ? Match.Op.EQ : Match.Op.EXACT;
            case "!=" -> Match.Op.NEQ;
            case "<" -> Match.Op.LT;
            case ">" -> Match.Op.GT;
            case "<=" -> Match.Op.LTE;
            case ">=" -> Match.Op.GTE;
            default -> throw opNode.error("unknown operator \"" + opText + "\" (expected ==, !=, <, >, <=, >= or in)");
        };
        Match.Op op = written == Match.Op.EXACT ? Match.Op.EQ : written;
        Node left = body.member("left");
        // constants in a concatenation on the left are read as the key of the set on the right
        context.constantsSet = body.member("right").value() instanceof JsonValue.Str r && r.value().startsWith("@")
                ? r.value().substring(1) : null;
        Map.Entry<String, Node> leftKind = left.value() instanceof JsonValue.Obj o && o.members().size() == 1 ? left.single() : null;
        if (leftKind != null && leftKind.getKey().equals("^")) {
            // FIELD ^ C == V is FIELD == V ^ C
            List<Node> operands = leftKind.getValue().array();
            if (operands.size() != 2) {
                throw leftKind.getValue().error("expected [FIELD, CONSTANT]");
            }
            Field field = context.fields.field(operands.get(0));
            Bytes xor = context.values.single(field, operands.get(1));
            Bytes v = context.values.single(field, body.member("right"));
            byte[] folded = v.toArray();
            for (int i = 0; i < folded.length && i < xor.length(); i++) {
                folded[i] ^= (byte) xor.get(i);
            }
            return at(body, () -> new Match(field, op, new Value.Single(Bytes.of(folded))));
        }
        Field parsed = leftKind != null && (leftKind.getKey().equals("&") || leftKind.getKey().equals("|"))
                ? context.fields.valueField(left) : context.fields.field(left);
        if (parsed instanceof MaskedField m && m.field() instanceof PayloadBitField && (m.isOr() || m.isXor())) {
            // (a mask alone is read as the text is: ip dscp & 0x3f == lephb)
            throw left.error("unsupported: & or | on the bit field " + m.field().text() + " in a match");
        }
        // {"fib": ...} == true: whether the lookup has a result (fib daddr oif exists)
        if (parsed instanceof ExpressionField x && x.text().startsWith("fib ")
                && body.member("right").value() instanceof JsonValue.Bool) {
            ExpressionField present = at(left, x::presence);
            Value exists = context.values.value(present, body.member("right"));
            return at(body, () -> new Match(present, op, exists));
        }
        // {"tcp option": {"base": 6, "len": 8, "offset": 0}} == true: whether option 6 is there
        Field field = parsed instanceof ExthdrField x && x.op() == Exthdr.Op.TCPOPT
                && x.name() != null && x.name().isEmpty() && x.bitOffset() == 0 && x.bits() == 8
                && body.member("right").value() instanceof JsonValue.Bool
                ? at(left, () -> ExthdrField.tcpOption(x.type())) : parsed;
        Value value = context.values.value(field, body.member("right"));
        // "==" on a flag field: the flags exactly, where "in" tests for any of them
        Match.Op exact = written == Match.Op.EXACT && Linearizer.flagTest(field) && value instanceof Value.Single ? written : op;
        return at(body, () -> new Match(field, exact, value));
    }
}
