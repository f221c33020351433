package nftlink.nftables.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The key (or the data) of a set or map as its declaration gives it: datatypes with the length of
 * each part ({@code type ipv4_addr . inet_service}), or the expression it was declared
 * {@code typeof} ({@code typeof ip saddr . tcp dport}), which also fixes the parts.
 *
 * @param types   the datatype of each part, one for a single key
 * @param lengths the length of each part in bytes
 * @param typeof  the expression of a {@code typeof} declaration, or {@code null}
 */
public record SetKey(List<Datatype> types, List<Integer> lengths, Field typeof) {

    /** Copies the lists and checks them: one length per datatype, at least one part. */
    public SetKey {
        types = List.copyOf(types);
        lengths = List.copyOf(lengths);
        if (types.isEmpty() || types.size() != lengths.size()) {
            throw new IllegalArgumentException("a set key needs a datatype and a length per part");
        }
        for (int i = 0; i < types.size(); i++) {
            if (lengths.get(i) <= 0) {
                throw new IllegalArgumentException("datatype " + types.get(i).nftName() + " has no fixed length");
            }
        }
    }

    /**
     * A key of datatypes, each as long as its datatype's values ({@code type ipv4_addr .
     * inet_service}).
     *
     * @param types the datatypes, in order
     * @return the key
     */
    public static SetKey of(List<Datatype> types) {
        return new SetKey(types, types.stream().map(Datatype::length).toList(), null);
    }

    /**
     * A key of datatypes with their lengths.
     *
     * @param types the datatypes, in order
     * @param lengths the lengths in bytes, in the same order
     * @return the key
     */
    public static SetKey of(List<Datatype> types, List<Integer> lengths) {
        return new SetKey(types, lengths, null);
    }

    /**
     * The key of a set declared {@code typeof field}: one part per field of a concatenation, each as
     * long as its value (a bit field's value, not its register), a {@code ct} key or a cgroup as its register.
     *
     * @param field the typeof expression
     * @return the key
     */
    public static SetKey typeof(Field field) {
        List<Field> parts = field instanceof ConcatField c ? c.fields() : List.of(field);
        List<Datatype> types = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (Field f : parts) {
            types.add(f instanceof SocketCgroupField ? Datatype.CGROUPV2 : f.datatype());
            lengths.add(f instanceof CtField || f instanceof SocketCgroupField ? f.length() : f.valueLength());
        }
        return new SetKey(types, lengths, field);
    }

    /**
     * The key of a set declared {@code typeof field}, with the parts and lengths given.
     *
     * @param field the typeof expression
     * @param types the datatypes, in order
     * @param lengths the lengths in bytes, in the same order
     * @return the key
     */
    public static SetKey typeof(Field field, List<Datatype> types, List<Integer> lengths) {
        return new SetKey(types, lengths, Objects.requireNonNull(field, "field"));
    }

    /**
     * Whether the key concatenates several parts.
     *
     * @return whether there are several parts
     */
    public boolean concatenated() {
        return types.size() > 1;
    }

    /**
     * The kernel's key type number: the parts' numbers, 6 bits each.
     *
     * @return the type number
     */
    public int typeId() {
        return Datatype.concatenationId(types);
    }

    /**
     * The key's length in bytes: a concatenation's parts each padded to 4 bytes.
     *
     * @return the length in bytes
     */
    public int length() {
        if (!concatenated()) {
            return lengths.getFirst();
        }
        return lengths.stream().mapToInt(l -> (l + 3) & ~3).sum();
    }

    /**
     * nft's byte order of the key's values ({@link SetUserdata#INVALID} for a concatenation).
     *
     * @return the byte order
     */
    public int byteOrder() {
        if (typeof != null) {
            return SetUserdata.byteOrder(typeof);
        }
        return concatenated() ? SetUserdata.INVALID : SetUserdata.byteOrder(types.getFirst());
    }

    /**
     * nft's text of the key's type, {@code ipv4_addr . inet_service}.
     *
     * @return the text
     */
    public String typeText() {
        return String.join(" . ", types.stream().map(Datatype::nftName).toList());
    }
}
