package nftlink.nftables.expr;

/**
 * {@code LENGTH b @ BASE header + OFFSET} in libnftnl's text of a payload load or write:
 * the bytes of the packet it names.
 *
 * @param length the number of bytes
 * @param base   the header the offset counts from
 * @param offset the offset in bytes
 */
record PayloadBytes(int length, Payload.Base base, int offset) {

    /** Reads the bytes' description at the reader's position. */
    static PayloadBytes read(DebugReader r) {
        int length = r.byteLength();
        r.expect("@");
        Payload.Base base = r.constant(Payload.Base.class);
        r.expect("header");
        r.expect("+");
        return new PayloadBytes(length, base, r.nextInt());
    }
}
