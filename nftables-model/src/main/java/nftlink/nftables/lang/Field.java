package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;

import java.util.List;

/**
 * The left-hand side of a match: something loaded into a register from the
 * packet ({@link PayloadField}) or its metadata ({@link MetaField}).
 */
public sealed interface Field permits PayloadField, PayloadBitField, ExthdrField, MetaField, CtField, SocketCgroupField,
        ExpressionField, FieldWrapper, RawPayloadField, MapLookupField, ConcatField, ComputedField, ConstantField {

    /**
     * The datatype of the values this field holds.
     *
     * @return the datatype
     */
    Datatype datatype();

    /**
     * How many register bytes it fills.
     *
     * @return the length in bytes
     */
    int length();

    /**
     * How many bytes a value of its datatype takes before it is placed in the register
     * (fewer than {@link #length()} for a bit field such as {@code ip6 dscp}).
     *
     * @return the length in bytes
     */
    default int valueLength() {
        return length();
    }

    /**
     * A value of the datatype ({@link #valueLength()} bytes) as the register holds it.
     *
     * @param value a value of the datatype
     * @return the register's bytes
     */
    default Bytes toRegister(Bytes value) {
        return value;
    }

    /**
     * The value of the datatype that register bytes hold; the inverse of {@link #toRegister}.
     *
     * @param register the register's bytes
     * @return the value
     */
    default Bytes fromRegister(Bytes register) {
        return register;
    }

    /**
     * The expression that loads it into {@code register}.
     *
     * @param register the register number
     * @return the expression
     */
    Expression load(int register);

    /**
     * The expressions that load it into {@code register} (several for a concatenation).
     *
     * @param register the first register
     * @return the expressions, in order
     */
    default List<Expression> loads(int register) {
        return List.of(load(register));
    }

    /**
     * The key type number of a set of values of this field (nft combines concatenated types).
     *
     * @return the key type number
     */
    default int keyType() {
        return datatype().id();
    }

    /**
     * The match this field needs first in {@code family} (e.g. {@code meta l4proto tcp}
     * before {@code tcp dport}), outermost first; empty when none.
     *
     * @param family the table's family
     * @return the matches, outermost first
     * @throws IllegalArgumentException when the field cannot be matched in the family
     */
    List<Match> dependencies(Family family);

    /**
     * nft's text, e.g. {@code tcp dport}.
     *
     * @return the text
     */
    String text();
}
