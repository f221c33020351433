package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A constant value where a statement takes a value from a register: the data of a dynamic map
 * update, {@code add @targets { ip saddr : 10.0.0.1 . 80 }}. A concatenation of {@code parts},
 * each loaded by its own immediate into the register after the previous part's, as nft does.
 *
 * @param parts   the datatypes of the parts (one for a plain value)
 * @param lengths the bytes of each part: its datatype's, or for a datatype without a size (an
 *                integer from a {@code typeof} declaration) the length of the field it stands for
 * @param values  the parts' values, each as long as its length
 */
public record ConstantField(List<Datatype> parts, List<Integer> lengths, List<Bytes> values) implements Field {

    /** Copies the lists and checks them: one length and value per part. */
    public ConstantField {
        parts = List.copyOf(parts);
        lengths = List.copyOf(lengths);
        values = List.copyOf(values);
        if (parts.isEmpty() || parts.size() != values.size() || parts.size() != lengths.size()) {
            throw new IllegalArgumentException("a constant has a value and a length for each of its types");
        }
        for (int i = 0; i < parts.size(); i++) {
            Objects.requireNonNull(values.get(i), "value");
            if (values.get(i).length() != lengths.get(i) || lengths.get(i) <= 0) {
                throw new IllegalArgumentException("a " + parts.get(i).nftName() + " is " + lengths.get(i)
                        + " bytes, not " + values.get(i).length());
            }
        }
    }

    /**
     * A constant whose parts are as long as their datatypes.
     *
     * @param parts the datatypes, in order
     * @param values the values, in order
     */
    public ConstantField(List<Datatype> parts, List<Bytes> values) {
        this(parts, parts.stream().map(Datatype::length).toList(), values);
    }

    @Override
    public Datatype datatype() {
        return parts.getFirst();
    }

    @Override
    public int length() {
        if (parts.size() == 1) {
            return lengths.getFirst();
        }
        return lengths.stream().mapToInt(l -> (l + 3) & ~3).sum();
    }

    @Override
    public int keyType() {
        return Datatype.concatenationId(parts);
    }

    @Override
    public Expression load(int register) {
        return loads(register).getFirst();
    }

    /** One immediate per part, each into the register after the previous part's (parts padded to 4 bytes). */
    @Override
    public List<Expression> loads(int register) {
        List<Expression> out = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < parts.size(); i++) {
            Bytes v = values.get(i);
            int padded = parts.size() == 1 ? v.length() : (v.length() + 3) & ~3;
            byte[] raw = Arrays.copyOf(v.toArray(), padded);
            out.add(Immediate.value(ConcatField.registerAfter(register, slot), Bytes.of(raw)));
            slot += (v.length() + 3) / 4;
        }
        return out;
    }

    @Override
    public List<Match> dependencies(Family family) {
        return List.of();
    }

    /** nft's text: {@code 10.0.0.1 . 80}. */
    @Override
    public String text() {
        StringJoiner j = new StringJoiner(" . ");
        for (int i = 0; i < parts.size(); i++) {
            j.add(parts.get(i).print(values.get(i)));
        }
        return j.toString();
    }
}
