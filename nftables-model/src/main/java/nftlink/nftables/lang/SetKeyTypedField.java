package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Expression;

import java.util.List;

/**
 * Raw bits looked up in a set whose key gives them another datatype, listed as nft 1.1.3 lists them: the bits raw, their
 * values in the set's type ({@code vlan id 5 @ll,0,48 . ether saddr { 00:11:22:33:44:55 . 00:11:22:33:44:56 }}, where
 * the rule was written with {@code ether daddr}, which nft reads back as raw bits after the vlan tag).
 *
 * @param field    the raw bits
 * @param datatype the datatype of the set key's part they are
 */
public record SetKeyTypedField(RawPayloadField field, Datatype datatype) implements FieldWrapper {

    /** Checks the components: a datatype as long as the bits, if it says how long it is. */
    public SetKeyTypedField {
        if (datatype.length() > 0 && datatype.length() != field.length()) {
            throw new IllegalArgumentException(field.text() + " holds " + field.length() + " bytes, not a " + datatype.nftName());
        }
    }

    @Override
    public Datatype datatype() {
        return datatype;
    }

    @Override
    public int keyType() {
        return datatype.id();
    }

    @Override
    public Expression load(int register) {
        return field.load(register);
    }

    @Override
    public List<Expression> loads(int register) {
        return field.loads(register);
    }

    @Override
    public List<Match> dependencies(Family family) {
        return field.dependencies(family);
    }

    @Override
    public String text() {
        return field.text();
    }
}
