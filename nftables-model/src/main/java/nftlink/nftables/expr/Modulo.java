package nftlink.nftables.expr;

/**
 * {@code mod MODULUS [offset OFFSET]} in libnftnl's text of {@code hash} and {@code numgen}:
 * the range their result falls in.
 *
 * @param modulus the result is taken modulo this
 * @param offset  added to the result
 */
record Modulo(int modulus, int offset) {

    /** Reads {@code mod MODULUS [offset OFFSET]} at the reader's position. */
    static Modulo read(DebugReader r) {
        r.expect("mod");
        int modulus = DebugText.u32(r);
        int offset = r.accept("offset") ? DebugText.u32(r) : 0;
        return new Modulo(modulus, offset);
    }

    /** Appends {@code  mod MODULUS}, and {@code  offset OFFSET} unless the offset is 0. */
    static void append(StringBuilder sb, int modulus, int offset) {
        sb.append(" mod ").append(Integer.toUnsignedString(modulus));
        if (offset != 0) {
            sb.append(" offset ").append(Integer.toUnsignedString(offset));
        }
    }
}
