package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

/**
 * A field that loads another field in its own way ({@link MaskedField} combines it with a constant,
 * {@link InnerField} loads it inside a tunnel) and holds values of that field's datatype, in the
 * same register form.
 */
sealed interface FieldWrapper extends Field permits MaskedField, InnerField, SetKeyTypedField {

    /**
     * The field it loads.
     *
     * @return the wrapped field
     */
    Field field();

    @Override
    default Datatype datatype() {
        return field().datatype();
    }

    @Override
    default int length() {
        return field().length();
    }

    @Override
    default int valueLength() {
        return field().valueLength();
    }

    @Override
    default Bytes toRegister(Bytes value) {
        return field().toRegister(value);
    }

    @Override
    default Bytes fromRegister(Bytes register) {
        return field().fromRegister(register);
    }

    @Override
    default int keyType() {
        return field().keyType();
    }
}
