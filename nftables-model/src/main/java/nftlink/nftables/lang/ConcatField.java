package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * A concatenation such as {@code iifname . ip saddr} or {@code ip saddr . tcp dport}:
 * the fields are loaded into consecutive 32-bit registers, each starting on a
 * 4-byte boundary, and matched together against a set.
 *
 * @param fields the concatenated fields, at least two
 */
public record ConcatField(List<Field> fields) implements Field {

    /** Copies {@code fields} and checks there are at least two. */
    public ConcatField {
        fields = List.copyOf(fields);
        if (fields.size() < 2) {
            throw new IllegalArgumentException("a concatenation needs at least two fields");
        }
        for (Field f : fields) {
            if (f instanceof ConcatField) {
                throw new IllegalArgumentException("concatenations do not nest");
            }
            if (f instanceof MapLookupField) {
                throw new IllegalArgumentException("a map lookup is a value, not part of a concatenation: " + f.text());
            }
        }
    }

    /**
     * {@code a . b [. c ...]}.
     *
     * @param fields the fields, at least two
     * @return the concatenation
     */
    public static ConcatField of(Field... fields) {
        return new ConcatField(List.of(fields));
    }

    /** The first field's datatype (the concatenation as a whole has a combined {@link #keyType()}). */
    @Override
    public Datatype datatype() {
        return fields.getFirst().datatype();
    }

    /** Bytes of the key: each field padded to a multiple of 4. */
    @Override
    public int length() {
        int n = 0;
        for (Field f : fields) {
            n += (f.length() + 3) & ~3;
        }
        return n;
    }

    @Override
    public int keyType() {
        return Datatype.concatenationId(fields.stream().map(Field::datatype).toList());
    }

    /**
     * The unpadded lengths of the fields ({@code NFTA_SET_DESC_CONCAT}).
     *
     * @return the lengths in bytes, in order
     */
    public List<Integer> fieldLengths() {
        return fields.stream().map(Field::length).toList();
    }

    @Override
    public Expression load(int register) {
        return loads(register).getFirst();
    }

    @Override
    public List<Expression> loads(int register) {
        List<Expression> out = new ArrayList<>();
        int slot = 0;
        for (Field f : fields) {
            // nft concatenates a bit field's value, not its bits in place
            // from a 16-byte register, or from a 32-bit one (the data of a map update after a concatenated key)
            int at = registerAfter(register, slot);
            out.addAll(BitValue.applies(f) ? BitValue.loads(f, at) : f.loads(at));
            slot += ((f.length() + 3) & ~3) / 4;
        }
        return out;
    }

    /**
     * The register {@code slots} 32-bit slots after {@code register}, which may be a 128-bit register
     * ({@code NFT_REG_1}…{@code 4}) or a 32-bit one ({@code NFT_REG32_00}…); named as nft names it.
     */
    static int registerAfter(int register, int slots) {
        int reg32 = (register <= 4 ? (register - 1) * 4 : register - 8) + slots;
        return reg32 % 4 == 0 ? reg32 / 4 + 1 : 8 + reg32;
    }

    /**
     * The register {@code slot} 32-bit words after the start of 16-byte register
     * {@code register}, named as nft names it: as the 16-byte register when it starts
     * one, else as the 32-bit register.
     */
    static int registerAt(int register, int slot) {
        int reg32 = (register - 1) * 4 + slot;
        return reg32 % 4 == 0 ? reg32 / 4 + 1 : 8 + reg32;
    }

    @Override
    public List<Match> dependencies(Family family) {
        List<Match> all = new ArrayList<>();
        for (Field f : fields) {
            for (Match m : f.dependencies(family)) {
                if (!all.contains(m)) {
                    all.add(m);
                }
            }
        }
        return all;
    }

    @Override
    public String text() {
        StringJoiner j = new StringJoiner(" . ");
        fields.forEach(f -> j.add(f.text()));
        return j.toString();
    }

    /**
     * Whether part {@code f} is concatenated as its value rather than as its register bytes:
     * bit fields are moved down to bit 0 first, as nft does ({@code ip6 dscp . ip6 daddr}).
     *
     * @param f a part
     * @return whether the part is concatenated as its value
     */
    public static boolean holdsValue(Field f) {
        return BitValue.applies(f) && !BitValue.down(f, 1).isEmpty();
    }

    /**
     * A value of part {@code f} as it lies in the key: a bit field's value padded to its register
     * bytes.
     *
     * @param f a part
     * @param value a value of the part's datatype
     * @return the bytes in the key
     */
    public static Bytes partOf(Field f, Bytes value) {
        return holdsValue(f) ? Bytes.of(Arrays.copyOf(value.toArray(), f.length())) : value;
    }

    /**
     * What part {@code f} of a key holds, as a value of its datatype (the inverse of {@link #partOf}).
     *
     * @param f a part
     * @param part the part's bytes in the key
     * @return the value
     */
    public static Bytes valueOf(Field f, Bytes part) {
        return holdsValue(f) ? Bytes.of(Arrays.copyOf(part.toArray(), f.valueLength())) : f.fromRegister(part);
    }

    /**
     * A key from one value per field, each padded to 4 bytes.
     *
     * @param parts one value per field, in order
     * @return the key
     */
    public Bytes key(Bytes... parts) {
        if (parts.length != fields.size()) {
            throw new IllegalArgumentException("need " + fields.size() + " values, got " + parts.length);
        }
        byte[] key = new byte[length()];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            byte[] p = parts[i].toArray();
            if (p.length != fields.get(i).length()) {
                throw new IllegalArgumentException(fields.get(i).text() + " takes " + fields.get(i).length() + " bytes");
            }
            System.arraycopy(p, 0, key, at, p.length);
            at += (p.length + 3) & ~3;
        }
        return Bytes.of(key);
    }

    /**
     * Parses {@code 10.0.0.1 . 22} into a key.
     *
     * @param text the key as nft writes it
     * @return the key
     */
    public Bytes parse(String text) {
        String[] parts = text.split(" \\. ");
        Bytes[] values = new Bytes[parts.length];
        for (int i = 0; i < parts.length && i < fields.size(); i++) {
            values[i] = fields.get(i).datatype().parse(parts[i], fields.get(i).length());
        }
        return key(values);
    }

    /**
     * Splits a key into the fields' values.
     *
     * @param key the key
     * @return one value per field, in order
     */
    public List<Bytes> split(Bytes key) {
        List<Bytes> out = new ArrayList<>();
        byte[] raw = key.toArray();
        int at = 0;
        for (Field f : fields) {
            out.add(Bytes.of(Arrays.copyOfRange(raw, Math.min(at, raw.length), Math.min(at + f.length(), raw.length))));
            at += (f.length() + 3) & ~3;
        }
        return out;
    }
}
