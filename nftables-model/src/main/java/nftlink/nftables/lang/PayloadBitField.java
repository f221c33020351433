package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Payload;

import java.math.BigInteger;
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

    /** The header fields that do not fill whole bytes, offsets and lengths in bits. */
    static final List<PayloadBitField> ALL = HeaderFieldTable.fields("""
            ip   nh 0   4  integer      version
            ip   nh 4   4  integer      hdrlength
            ip   nh 8   6  dscp         dscp
            ip   nh 14  2  ecn          ecn
            ip6  nh 0   4  integer      version
            ip6  nh 4   6  dscp         dscp
            ip6  nh 10  2  ecn          ecn
            ip6  nh 12  20 integer      flowlabel
            tcp  th 96  4  integer      doff
            tcp  th 100 4  integer      reserved
            dccp th 67  4  dccp_pkttype type
            gre  th 0   5  integer      flags
            gre  th 13  3  integer      version
            vlan ll 112 3  integer      pcp
            vlan ll 115 1  integer      dei
            vlan ll 115 1  integer      cfi
            vlan ll 116 12 integer      id
            """, PayloadBitField::new);

    /** Checks the components: a field that is not byte-aligned. */
    public PayloadBitField {
        if (bits <= 0 || bits % 8 == 0 && bitOffset % 8 == 0) {
            throw new IllegalArgumentException(protocol + " " + name + " is byte-aligned: use a PayloadField");
        }
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

    /**
     * The prefix {@code value/length} of this field's number, as nft reads {@code ip dscp 0x10/4}: the field's first
     * {@code length} bits, as a mask and the value under it, both in register form.
     *
     * @param value the number
     * @param length how many of the field's bits count, from its first
     * @return the mask and the masked value
     * @throws IllegalArgumentException if the number or the length does not fit the field
     */
    public List<Bytes> prefix(long value, int length) {
        if (value < 0 || value >= 1L << bits || length < 0 || length > bits) {
            throw new IllegalArgumentException("value " + value + "/" + length + " is out of range");
        }
        long mask = ((1L << bits) - 1) & ~((1L << (bits - length)) - 1);
        return List.of(toRegister(BitLayout.fixed(BigInteger.valueOf(mask), valueLength())),
                toRegister(BitLayout.fixed(BigInteger.valueOf(value & mask), valueLength())));
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
