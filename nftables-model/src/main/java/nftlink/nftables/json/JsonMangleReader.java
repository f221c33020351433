package nftlink.nftables.json;

import nftlink.nftables.lang.BinopField;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.lang.RawPayloadField;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.Statement;

import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;

/** Reads {@code mangle} statements, which set a meta, ct or header field to a value or to a value computed from the packet. */
final class JsonMangleReader {

    private final JsonParseContext context;

    JsonMangleReader(JsonParseContext context) {
        this.context = context;
    }

    /** {@code {"mangle": {"key": FIELD, "value": VALUE}}}. */
    Statement mangle(Node body) {
        body.only(Set.of("key", "value"));
        Field field = context.fields.field(body.member("key"));
        Node valueNode = body.member("value");
        if ((field instanceof MetaField || field instanceof CtField || field instanceof PayloadField)
                && valueNode.value() instanceof JsonValue.Obj o && o.members().size() == 1 && valueNode.single().getKey().equals("map")) {
            Field source = context.maps.mapLookup(valueNode.single().getValue(), field);
            return at(body, () -> new Statement.SetFromField(field, source));
        }
        // values combined from two registers: {"|": [{"meta": {"key": "mark"}}, {"meta": {"key": "iif"}}, 512]}
        if ((field instanceof MetaField || field instanceof CtField) && field.length() == 4 && JsonBinopReader.isCombination(valueNode)) {
            Field combined = context.binops.combination(valueNode);
            return at(body, () -> new Statement.SetFromField(field, combined));
        }
        // constants combined with & | ^, as nft writes "ct mark set 0x12 or 0x11": the value they make
        Bytes folded = valueNode.value() instanceof JsonValue.Obj ? context.binops.folded(field, valueNode) : null;
        if (folded != null) {
            return switch (field) {
                case CtField ct -> at(body, () -> new Statement.CtSet(ct, folded));
                case MetaField meta -> at(body, () -> new Statement.MetaSet(meta, folded));
                default -> at(body, () -> new Statement.PayloadSet(field, folded));
            };
        }
        if ((field instanceof MetaField || field instanceof CtField) && field.length() == 4
                && body.member("value").value() instanceof JsonValue.Obj) {
            BinopField computed = context.binops.binop(body.member("value"));
            if (computed != null && (computed.shift() != 0 || computed.source() instanceof PayloadBitField)) {
                return at(body, () -> new Statement.SetFromField(field, computed));
            }
            if (computed != null && computed.mask() == 0xffffffffL && computed.xor() != 0) {
                // FIELD ^ CONSTANT
                Field xored = MaskedField.xor(computed.source(), Bytes.u32((int) computed.xor()));
                return at(body, () -> new Statement.SetFromField(field, xored));
            }
        }
        // (raw bits changed in place: {"|": [{"&": [{"payload": {"base": "th", ...}}, 1023]}, 768]})
        if ((field instanceof MetaField || field instanceof CtField || field instanceof PayloadField
                || field instanceof PayloadBitField || field instanceof RawPayloadField) && body.member("value").value() instanceof JsonValue.Obj) {
            Field source = context.fields.valueField(body.member("value"));
            return at(body, () -> new Statement.SetFromField(field, source));
        }
        if (field instanceof CtField ct) {
            Bytes value = context.values.single(ct, body.member("value"));
            return at(body, () -> new Statement.CtSet(ct, value));
        }
        if (field instanceof PayloadField || field instanceof PayloadBitField
                || field instanceof ExthdrField || field instanceof RawPayloadField) {
            Bytes value = context.values.single(field, body.member("value"));
            return at(body, () -> new Statement.PayloadSet(field, value));
        }
        if (!(field instanceof MetaField meta)) {
            throw body.member("key").error("unsupported: only meta, ct and header fields can be set");
        }
        Bytes value = context.values.single(meta, body.member("value"));
        return at(body, () -> new Statement.MetaSet(meta, value));
    }
}
