package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Payload;

import java.util.List;

/**
 * A header field that does not fill whole bytes: {@code ip dscp}, {@code ip6 flowlabel},
 * {@code ip hdrlength}, ... nft loads the bytes that hold it and masks the other bits
 * away; values are compared in place, shifted to where the field lies in those bytes.
 *
 * @param protocol  the header's protocol as nft names it
 * @param name      the field's name
 * @param base      the header the offset counts from
 * @param bitOffset offset of the field's first (most significant) bit in the header
 * @param bits      width in bits
 * @param datatype  the datatype of its values
 */
public record PayloadBitField(String protocol, String name, Payload.Base base, int bitOffset, int bits, Datatype datatype)
        implements Field {

    static final List<PayloadBitField> ALL = List.of(
            net("ip", "version", 0, 4, Datatype.INTEGER), net("ip", "hdrlength", 4, 4, Datatype.INTEGER),
            net("ip", "dscp", 8, 6, Datatype.DSCP), net("ip", "ecn", 14, 2, Datatype.ECN),
            net("ip6", "version", 0, 4, Datatype.INTEGER), net("ip6", "dscp", 4, 6, Datatype.DSCP),
            net("ip6", "ecn", 10, 2, Datatype.ECN), net("ip6", "flowlabel", 12, 20, Datatype.INTEGER),
            th("tcp", "doff", 96, 4, Datatype.INTEGER), th("tcp", "reserved", 100, 4, Datatype.INTEGER),
            th("dccp", "type", 67, 4, Datatype.DCCP_PKTTYPE),
            th("gre", "flags", 0, 5, Datatype.INTEGER), th("gre", "version", 13, 3, Datatype.INTEGER),
            ll("vlan", "pcp", 112, 3), ll("vlan", "dei", 115, 1), ll("vlan", "cfi", 115, 1), ll("vlan", "id", 116, 12));

    private static PayloadBitField ll(String protocol, String name, int bitOffset, int bits) {
        return new PayloadBitField(protocol, name, Payload.Base.LINK, bitOffset, bits, Datatype.INTEGER);
    }

    /** Checks the components: a field that is not byte-aligned. */
    public PayloadBitField {
        if (bits <= 0 || bits % 8 == 0 && bitOffset % 8 == 0) {
            throw new IllegalArgumentException(protocol + " " + name + " is byte-aligned: use a PayloadField");
        }
    }

    private static PayloadBitField net(String protocol, String name, int bitOffset, int bits, Datatype type) {
        return new PayloadBitField(protocol, name, Payload.Base.NETWORK, bitOffset, bits, type);
    }

    private static PayloadBitField th(String protocol, String name, int bitOffset, int bits, Datatype type) {
        return new PayloadBitField(protocol, name, Payload.Base.TRANSPORT, bitOffset, bits, type);
    }

    private BitLayout layout() {
        return new BitLayout(bitOffset, bits, valueLength());
    }

    /**
     * Byte offset of the first loaded byte.
     *
     * @return the offset in bytes
     */
    public int offset() {
        return bitOffset / 8;
    }

    /** How many bytes are loaded. */
    @Override
    public int length() {
        return layout().length();
    }

    @Override
    public int valueLength() {
        return datatype.length() > 0 ? datatype.length() : (bits + 7) / 8;
    }

    /**
     * The bits of the loaded bytes that hold the field.
     *
     * @return the mask
     */
    public Bytes mask() {
        return layout().mask();
    }

    @Override
    public Bytes toRegister(Bytes value) {
        return layout().toRegister(value, text());
    }

    @Override
    public Bytes fromRegister(Bytes register) {
        return layout().fromRegister(register);
    }

    @Override
    public Expression load(int register) {
        return new Payload.Load(base, offset(), length(), register);
    }

    /** The load and the mask that keeps only the field's bits. */
    @Override
    public List<Expression> loads(int register) {
        return List.of(load(register), new Bitwise.MaskXor(register, register, mask(), Bytes.of(new byte[length()])));
    }

    @Override
    public List<Match> dependencies(Family family) {
        return new PayloadField(protocol, name, base, 0, 1, datatype).dependencies(family);
    }

    @Override
    public String text() {
        return protocol + " " + name;
    }

    /** The bit field loaded as {@code load} and masked with {@code mask}, if the language knows it. */
    static PayloadBitField at(Payload.Load load, Bytes mask, String protocolHint) {
        for (PayloadBitField f : ALL) {
            if (f.base == load.base() && f.offset() == load.offset() && f.length() == load.length()
                    && f.protocol.equals(protocolHint) && f.mask().equals(mask)) {
                return f;
            }
        }
        return null;
    }
}
