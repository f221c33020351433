package nftlink.nftables.lang;

/**
 * A 32-bit value the kernel computes in a register from values of the packet: shifted and masked
 * ({@link BinopField}), hashed ({@link HashField}) or two values combined ({@link CombinedField}).
 * It fills 4 bytes and, unless it says otherwise, is an integer in host byte order, as nft types it.
 */
sealed interface ComputedField extends Field permits BinopField, HashField, CombinedField {

    @Override
    default Datatype datatype() {
        return Datatype.HOST_INTEGER;
    }

    @Override
    default int length() {
        return 4;
    }
}
