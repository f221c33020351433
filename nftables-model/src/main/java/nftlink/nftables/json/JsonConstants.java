package nftlink.nftables.json;

import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.NftSet;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.ConstantField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.SetTypeof;
import nftlink.nftables.lang.SetUserdata;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Constants where nft's JSON puts a value in place of an expression: inside a concatenation looked up in
 * or added to a set ({@code {"concat": [{"payload": ...}, "1.2.3.4", 80]}}) and as the data of a dynamic map
 * update ({@code "data": 2}). Each is read as the type of the set's key or data part it stands for, as nft
 * reads it.
 */
final class JsonConstants {

    private JsonConstants() {
    }

    /** The types of the parts of a set's key or data, and how many bytes each takes. */
    record Parts(List<Datatype> types, List<Integer> lengths) {
        Parts {
            types = List.copyOf(types);
            lengths = List.copyOf(lengths);
        }
    }

    /** The parts of {@code set}'s key. */
    static Parts key(NftSet set) {
        List<Datatype> types = Datatype.parts(set.keyType());
        List<Integer> lengths = set.fieldLengths();
        if (lengths.isEmpty() && set.userdata() != null
                && SetTypeof.field(SetUserdata.decode(set.userdata()).keyTypeof()) instanceof ConcatField c) {
            lengths = c.fieldLengths();
        }
        if (lengths.isEmpty() && types.size() == 1) {
            lengths = List.of(set.keyLength());
        }
        return new Parts(types, sized(types, lengths));
    }

    /** The parts of map {@code set}'s data. */
    static Parts data(NftSet set) {
        List<Datatype> types = Datatype.parts(set.dataType());
        List<Integer> lengths = types.size() == 1 ? List.of(set.dataLength()) : List.of();
        return new Parts(types, sized(types, lengths));
    }

    /** Each type's length, else (an integer of a typeof declaration) the length the set gives for that part. */
    private static List<Integer> sized(List<Datatype> types, List<Integer> lengths) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            int length = types.get(i).length();
            out.add(length > 0 || i >= lengths.size() ? length : lengths.get(i));
        }
        return out;
    }

    /** Whether {@code node} is a value rather than an expression (which JSON writes as an object). */
    static boolean isConstant(Node node) {
        return node.value() instanceof JsonValue.Str || node.value() instanceof JsonValue.Num;
    }

    /** Part {@code index} of {@code parts}, read from {@code node}; interfaces named through {@code interfaces}. */
    static ConstantField constant(Parts parts, int index, Node node, String set, ToIntFunction<String> interfaces) {
        if (parts == null) {
            throw node.error("a value where an expression belongs is read as the type of " + set
                    + ": declare the set first");
        }
        if (index >= parts.types().size() || parts.lengths().get(index) <= 0) {
            throw node.error(set + " has no part " + (index + 1) + " of a known size");
        }
        Datatype type = parts.types().get(index);
        int length = parts.lengths().get(index);
        Bytes value;
        try {
            value = type == Datatype.IFINDEX && node.value() instanceof JsonValue.Str name && !name.value().matches("\\d+")
                    ? Bytes.u32(interfaces.applyAsInt(name.value())) : JsonDatatypeValues.parse(type, length, node.value(), node.path());
        } catch (IllegalArgumentException e) {
            throw node.error(NftParseException.problem(e));
        }
        if (value.length() != length) {
            throw node.error("a " + type.nftName() + " of " + length + " bytes, not " + value.length());
        }
        return new ConstantField(List.of(type), List.of(length), List.of(value));
    }

    /** A concatenation of expressions and constants, the constants read as the parts of {@code parts}. */
    static List<Field> concat(List<Node> items, Function<Node, Field> field, Parts parts, String set,
                              ToIntFunction<String> interfaces) {
        List<Field> fields = new ArrayList<>();
        for (Node item : items) {
            fields.add(isConstant(item) ? constant(parts, fields.size(), item, set, interfaces) : field.apply(item));
        }
        return fields;
    }

    /** Constant data of a map update: one value, or a concatenation of values. */
    static Field data(Node node, Parts parts, String set, ToIntFunction<String> interfaces) {
        if (isConstant(node)) {
            if (parts != null && parts.types().size() != 1) {
                throw node.error(set + " holds concatenated data");
            }
            return constant(parts, 0, node, set, interfaces);
        }
        List<Node> items = node.object().get("concat") == null ? List.of() : node.member("concat").array();
        List<Datatype> types = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        List<Bytes> values = new ArrayList<>();
        for (Node item : items) {
            ConstantField c = constant(parts, types.size(), item, set, interfaces);
            types.add(c.parts().getFirst());
            lengths.add(c.lengths().getFirst());
            values.add(c.values().getFirst());
        }
        if (parts == null || types.size() != parts.types().size()) {
            throw node.error(set + " holds data of " + (parts == null ? "an unknown number of" : parts.types().size()) + " parts");
        }
        return new ConstantField(types, lengths, values);
    }
}
