package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Payload;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * How nft writes a header field ({@code ip ttl set 23}, {@code ip dscp set af23},
 * {@code tcp option maxseg size set 1360}): the bytes it rewrites (whole 16-bit words
 * where the header has a checksum the kernel must update), the mask that keeps the
 * other bits, and the checksum options.
 */
final class PayloadWrite {
    private static final int REG = NfTablesUapi.NFT_REG_1;

    private PayloadWrite() {
    }

    /** Where a header field lies: base, first bit and width. */
    private record Bits(Payload.Base base, int bitOffset, int bits) {
    }

    private static Bits bits(Field f) {
        return switch (f) {
            case PayloadField p -> new Bits(p.base(), p.offset() * 8, p.length() * 8);
            case PayloadBitField p -> new Bits(p.base(), p.bitOffset(), p.bits());
            case RawPayloadField r -> new Bits(r.base(), r.bitOffset(), r.bits());
            default -> null;
        };
    }

    private static String protocol(Field f) {
        return f instanceof PayloadField p ? p.protocol() : f instanceof PayloadBitField p ? p.protocol()
                : f instanceof RawPayloadField ? "raw" : null;
    }

    private static String name(Field f) {
        return f instanceof PayloadField p ? p.name() : f instanceof PayloadBitField p ? p.name() : null;
    }

    /**
     * Whether nft writes the header field {@code f} as it is, without the bits around it: whole bytes, and an even
     * number of them where it rewrites 16-bit words. Only such a field is set from a value the packet gives.
     */
    static boolean whole(Field f) {
        Bits b = bits(f);
        if (b == null) {
            return false;
        }
        Region r = Region.of(b, words(f, checksum(f)));
        return r.first() * 8 == b.bitOffset() && r.length() * 8 == b.bits();
    }

    /** Whether the language can write {@code f}; the reason it cannot otherwise. */
    static String unsupported(Field f) {
        if (f instanceof ExthdrField x) {
            return x.presence() || x.mask() != null ? "'" + f.text() + " set' (nftlink writes whole-byte extension header fields)" : null;
        }
        String protocol = protocol(f);
        if (protocol == null) {
            return "'" + f.text() + " set' (nftlink's rule language sets meta, ct and header fields)";
        }
        return null;
    }

    /**
     * Whether nft lists a write of {@code f} as raw bits of the header rather than by the field's name: the type and code
     * of icmp, icmpv6 and igmp, which it writes as the first 16-bit word masked ({@code @th,0,16 set @th,0,16 & 0x3ff |
     * 0x300} for {@code icmp type set 3}).
     */
    private static boolean listedRaw(Field f) {
        return List.of("icmp", "icmpv6", "igmp").contains(protocol(f)) && bits(f).bitOffset() < 16 && bits(f).bits() < 16;
    }

    /**
     * Whether nft rewrites whole 16-bit words (nft 1.1.3's aligned fetch): where the kernel updates an internet
     * checksum, in a vlan tag, and in the inner header.
     */
    private static boolean words(Field f, int[] csum) {
        Bits b = bits(f);
        return csum[0] == NfTablesUapi.NFT_PAYLOAD_CSUM_INET || "vlan".equals(protocol(f))
                || f instanceof RawPayloadField && b.base() == Payload.Base.INNER;
    }

    /** The checksum nft has the kernel update: type, offset, and whether the field is in the L4 pseudo-header. */
    private static int[] checksum(Field f) {
        String protocol = protocol(f);
        String name = name(f);
        boolean pseudo = switch (protocol + " " + name) {
            case "ip saddr", "ip daddr", "ip protocol", "ip length", "ip6 saddr", "ip6 daddr", "ip6 nexthdr", "ip6 length" -> true;
            default -> false;
        };
        int flags = pseudo ? NfTablesUapi.NFT_PAYLOAD_L4CSUM_PSEUDOHDR : 0;
        return switch (protocol) {
            case "ip" -> new int[]{NfTablesUapi.NFT_PAYLOAD_CSUM_INET, 10, flags};
            case "tcp" -> new int[]{NfTablesUapi.NFT_PAYLOAD_CSUM_INET, 16, flags};
            case "icmp", "icmpv6", "igmp" -> new int[]{NfTablesUapi.NFT_PAYLOAD_CSUM_INET, 2, flags};
            case "sctp" -> new int[]{NfTablesUapi.NFT_PAYLOAD_CSUM_SCTP, 8, flags};
            // a udp checksum may be 0 (none): the kernel updates it as part of the layer-4 checksum only
            case "udp" -> new int[]{NfTablesUapi.NFT_PAYLOAD_CSUM_NONE, 0, NfTablesUapi.NFT_PAYLOAD_L4CSUM_PSEUDOHDR};
            // raw bits of the inner header are covered by the layer-4 checksum
            case "raw" -> new int[]{NfTablesUapi.NFT_PAYLOAD_CSUM_NONE, 0,
                    bits(f).base() == Payload.Base.INNER ? NfTablesUapi.NFT_PAYLOAD_L4CSUM_PSEUDOHDR : 0};
            default -> new int[]{0, 0, flags};
        };
    }

    /**
     * The bytes nft rewrites for a header field: whole 16-bit words where the kernel updates
     * an internet checksum; {@code shift} is how far the field's lowest bit lies from their end.
     */
    private record Region(int first, int length, int shift, BigInteger fieldMask, BigInteger all) {
        static Region of(Bits b, boolean words) {
            int first = b.bitOffset() / 8;
            int end = (b.bitOffset() + b.bits() + 7) / 8;
            if (words) {
                first &= ~1;
                end = (end + 1) & ~1;
            }
            int length = end - first;
            int shift = end * 8 - b.bitOffset() - b.bits();
            return new Region(first, length, shift, BigInteger.ONE.shiftLeft(b.bits()).subtract(BigInteger.ONE).shiftLeft(shift),
                    BigInteger.ONE.shiftLeft(length * 8).subtract(BigInteger.ONE));
        }

        /** A field value in register form (the bytes the field's loads leave), placed in the region. */
        BigInteger place(Field f, Bytes register) {
            return new BigInteger(1, f.fromRegister(register).toArray()).shiftLeft(shift).and(fieldMask);
        }
    }

    /** The expressions that write {@code value} (the field's register form) into {@code f}. */
    static List<Expression> linearize(Field f, Bytes value) {
        List<Expression> out = new ArrayList<>();
        if (f instanceof ExthdrField x) {
            out.add(Immediate.value(REG, value));
            out.add(new Exthdr.Write(x.op(), x.type(), x.bitOffset() / 8, x.length(), REG, null));
            return out;
        }
        Bits b = bits(f);
        int[] csum = checksum(f);
        Region r = Region.of(b, words(f, csum));
        if (whole(f)) {
            out.add(Immediate.value(REG, value));
        } else {
            out.add(new Payload.Load(b.base(), r.first(), r.length(), REG));
            out.add(new Bitwise.MaskXor(REG, REG, BitLayout.fixed(r.all().andNot(r.fieldMask()), r.length()),
                    BitLayout.fixed(r.place(f, value), r.length())));
        }
        out.add(new Payload.Write(b.base(), r.first(), r.length(), REG, csum[0], csum[1], csum[2]));
        return out;
    }

    /** The write of a whole-byte header field {@code f} from register 1, with the checksum nft has updated. */
    static Expression write(PayloadField f) {
        List<Expression> expressions = linearize(f, Bytes.of(new byte[f.length()]));
        return expressions.getLast();
    }

    /**
     * The expressions that change {@code f} in place to {@code (f & mask) ^ xor} (both in the
     * field's register form): {@code ip dscp set ip dscp | af11}.
     */
    static List<Expression> linearize(Field f, Bytes mask, Bytes xor) {
        Bits b = bits(f);
        int[] csum = checksum(f);
        Region r = Region.of(b, words(f, csum));
        BigInteger keep = r.all().andNot(r.fieldMask()).or(r.place(f, mask));
        return List.of(new Payload.Load(b.base(), r.first(), r.length(), REG),
                new Bitwise.MaskXor(REG, REG, BitLayout.fixed(keep, r.length()), BitLayout.fixed(r.place(f, xor), r.length())),
                new Payload.Write(b.base(), r.first(), r.length(), REG, csum[0], csum[1], csum[2]));
    }

    /** A statement read from the write at {@code at}, with how many expressions it took; or {@code null}. */
    record Read(Statement statement, int consumed) {
    }

    static Read delinearize(List<Expression> e, int at, DelinearizeContext c) {
        // a write is immediate + write or load + mask + write: look no further for anything else
        boolean immediateWrite = at + 1 < e.size() && e.get(at) instanceof Immediate
                && (e.get(at + 1) instanceof Payload.Write || e.get(at + 1) instanceof Exthdr.Write);
        boolean maskedWrite = at + 2 < e.size() && e.get(at) instanceof Payload.Load
                && e.get(at + 1) instanceof Bitwise.MaskXor && e.get(at + 2) instanceof Payload.Write;
        if (!immediateWrite && !maskedWrite) {
            return null;
        }
        if (at + 1 < e.size() && e.get(at) instanceof Immediate imm && imm.dreg() == REG && imm.data() instanceof NftData.Value v
                && e.get(at + 1) instanceof Exthdr.Write w && w.sreg() == REG) {
            for (ExthdrField x : ExthdrField.ALL) {
                if (!x.presence() && x.mask() == null && x.op() == w.op() && x.type() == w.type()
                        && x.bitOffset() / 8 == w.offset() && x.length() == w.length() && Delinearizer.fit(v.bytes(), x.length()) != null) {
                    return new Read(new Statement.PayloadSet(x, Delinearizer.fit(v.bytes(), x.length())), 2);
                }
            }
            return null;
        }
        for (Field f : candidates(c.l3(), c.l4(), c.link(), c.icmpType())) {
            Read r = tryField(f, e, at);
            if (r != null) {
                return r;
            }
        }
        if (!maskedWrite) {
            return rawWrite(e, at);
        }
        Read raw = rawField(e, at);
        return raw != null ? raw : rawInPlace(e, at);
    }

    /**
     * Whole bytes changed in place that no field names, as nft lists them: {@code @th,0,16 set @th,0,16 & 0x3ff | 0x300}
     * (nft's {@code icmp type set 3}, which updates the icmp checksum); or {@code null}.
     */
    private static Read rawInPlace(List<Expression> e, int at) {
        if (!(e.get(at) instanceof Payload.Load load) || !(e.get(at + 1) instanceof Bitwise.MaskXor mx)
                || !(e.get(at + 2) instanceof Payload.Write w) || load.base() == Payload.Base.TUNNEL || load.length() > 16
                || mx.sreg() != REG || mx.dreg() != REG || load.dreg() != REG || w.sreg() != REG
                || w.base() != load.base() || w.offset() != load.offset() || w.length() != load.length()
                || mx.mask().length() != load.length() || mx.xor().length() != load.length()) {
            return null;
        }
        RawPayloadField f = new RawPayloadField(load.base(), 8 * load.offset(), 8 * load.length());
        return new Read(new Statement.SetFromField(f, new MaskedField(f, mx.mask(), mx.xor())), 3);
    }

    /**
     * Whole bytes no field names set to a constant, {@code @ll,0,48 set 0x1122334455} (an {@code ether daddr} after a
     * vlan tag, as nft 1.1.3 lists it), {@code @nh,8,8 set 0x10} (no checksum updated); or {@code null}.
     */
    private static Read rawWrite(List<Expression> e, int at) {
        if (!(e.get(at) instanceof Immediate imm) || imm.dreg() != REG || !(imm.data() instanceof NftData.Value v)
                || !(e.get(at + 1) instanceof Payload.Write w) || w.base() == Payload.Base.TUNNEL || w.length() > 16) {
            return null;
        }
        RawPayloadField f = new RawPayloadField(w.base(), w.offset() * 8, w.length() * 8);
        Bytes value = Delinearizer.fit(v.bytes(), f.length());
        return value != null && linearize(f, value).equals(e.subList(at, at + 2)) ? new Read(new Statement.PayloadSet(f, value), 2) : null;
    }

    /**
     * Raw bits set to a constant, {@code @ih,58,6 set 1}: the bits the mask clears, if they are one
     * run, are the field; the write must be exactly what setting that field writes.
     */
    private static Read rawField(List<Expression> e, int at) {
        if (!(e.get(at) instanceof Payload.Load load) || !(e.get(at + 1) instanceof Bitwise.MaskXor mx)
                || mx.mask().length() != load.length()) {
            return null;
        }
        int width = 8 * load.length();
        BigInteger cleared = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE).andNot(new BigInteger(1, mx.mask().toArray()));
        if (cleared.signum() == 0) {
            return null;
        }
        int shift = cleared.getLowestSetBit();
        int bits = cleared.bitLength() - shift;
        if (cleared.shiftRight(shift).add(BigInteger.ONE).bitCount() != 1) {
            // not one run of bits
            return null;
        }
        RawPayloadField f;
        Bytes value;
        try {
            f = new RawPayloadField(load.base(), 8 * load.offset() + width - shift - bits, bits);
            BigInteger v = new BigInteger(1, mx.xor().toArray()).shiftRight(shift).and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            value = f.toRegister(BitLayout.fixed(v, f.valueLength()));
        } catch (IllegalArgumentException notRaw) {
            return null;
        }
        if (linearize(f, value).equals(e.subList(at, at + 3))) {
            return new Read(new Statement.PayloadSet(f, value), 3);
        }
        // nft names the bits a mask alone clears also where the write spans more bytes and updates no checksum (vlan
        // id set vlan id & 0xff lists as @ll,116,4 set 0x0; with bits set too it lists the whole write)
        return new BigInteger(1, mx.xor().toArray()).signum() == 0
                && e.get(at + 2) instanceof Payload.Write w && w.checksumType() == NfTablesUapi.NFT_PAYLOAD_CSUM_NONE
                && w.checksumFlags() == 0 && w.base() == load.base() && w.offset() == load.offset() && w.length() == load.length()
                ? new Read(new Statement.PayloadSet(f, value), 3) : null;
    }

    private static Read tryField(Field f, List<Expression> e, int at) {
        Bits b = bits(f);
        if (at + 1 < e.size() && e.get(at) instanceof Immediate imm && imm.dreg() == REG && imm.data() instanceof NftData.Value v
                && Delinearizer.fit(v.bytes(), f.length()) != null) {
            Bytes value = Delinearizer.fit(v.bytes(), f.length());
            List<Expression> expected = linearize(f, value);
            if (expected.size() == 2 && sameWrite(expected.get(1), e.get(at + 1))) {
                return new Read(new Statement.PayloadSet(f, value), 2);
            }
            return null;
        }
        if (at + 2 < e.size() && e.get(at) instanceof Payload.Load load && load.base() == b.base()
                && e.get(at + 1) instanceof Bitwise.MaskXor mx && e.get(at + 2) instanceof Payload.Write) {
            int end = load.offset() + load.length();
            int shift = end * 8 - b.bitOffset() - b.bits();
            if (shift < 0 || shift >= load.length() * 8) {
                return null;
            }
            BigInteger raw = new BigInteger(1, mx.xor().toArray()).shiftRight(shift)
                    .and(BigInteger.ONE.shiftLeft(b.bits()).subtract(BigInteger.ONE));
            Bytes value;
            try {
                value = f.toRegister(BitLayout.fixed(raw, f.valueLength()));
            } catch (IllegalArgumentException notThisField) {
                return null;
            }
            List<Expression> expected = linearize(f, value);
            if (expected.size() == 3 && expected.equals(e.subList(at, at + 3))) {
                return new Read(new Statement.PayloadSet(f, value), 3);
            }
            return changedInPlace(f, b, e, at, load, mx);
        }
        return null;
    }

    /**
     * Whether {@code actual} writes the bytes of {@code f} that {@code expected} writes: nft names a field written whole
     * by its place whatever checksum the write updates (nft 1.0.6 wrote udp fields with an internet checksum at offset
     * 6; {@code @nh,96,32 set 0x01020304}, which updates none, lists as {@code ip saddr set 1.2.3.4}).
     */
    private static boolean sameWrite(Expression expected, Expression actual) {
        return expected instanceof Payload.Write x && actual instanceof Payload.Write a
                && a.base() == x.base() && a.offset() == x.offset() && a.length() == x.length() && a.sreg() == x.sreg();
    }

    /** {@code FIELD set FIELD & C} or {@code | C}: the mask and xor read back within the field's bits. */
    private static Read changedInPlace(Field f, Bits b, List<Expression> e, int at, Payload.Load load, Bitwise.MaskXor mx) {
        if ("vlan".equals(protocol(f)) || "ip6 flowlabel".equals(protocol(f) + " " + name(f))) {
            // nft lists these changed in place as raw bits (vlan id set vlan id | 1 is @ll,112,16 set @ll,112,16 | 0x1)
            return null;
        }
        Region r = Region.of(b, words(f, checksum(f)));
        if (r.first() != load.offset() || r.length() != load.length()) {
            return null;
        }
        MaskedField masked;
        try {
            Bytes xor = registerForm(f, r, mx.xor());
            masked = new BigInteger(1, xor.toArray()).signum() == 0 ? MaskedField.and(f, registerForm(f, r, mx.mask()))
                    : MaskedField.or(f, xor);
        } catch (IllegalArgumentException notThisField) {
            return null;
        }
        if (!linearize(f, masked.mask(), masked.xor()).equals(e.subList(at, at + 3))) {
            return null;
        }
        return new Read(new Statement.SetFromField(f, masked), 3);
    }

    /** The field's bits of region bytes, in the field's register form. */
    private static Bytes registerForm(Field f, Region r, Bytes regionBytes) {
        BigInteger bits = new BigInteger(1, regionBytes.toArray()).and(r.fieldMask()).shiftRight(r.shift());
        return f.toRegister(BitLayout.fixed(bits, f.valueLength()));
    }

    private static List<Field> candidates(String l3, String l4, LinkLayers link, Value icmpType) {
        List<Field> out = new ArrayList<>();
        for (PayloadField p : PayloadField.ALL) {
            if (p.base() != Payload.Base.LINK && (p.protocol().equals(l3) || p.protocol().equals(l4)
                    || l4 == null && p.protocol().equals("th")) && DelinearizeFields.fitsIcmpType(p, icmpType)) {
                out.add(p);
            }
        }
        for (PayloadBitField p : PayloadBitField.ALL) {
            if (p.base() != Payload.Base.LINK && (p.protocol().equals(l3) || p.protocol().equals(l4))) {
                out.add(p);
            }
        }
        // the link-layer fields as the rule's link layers name them (ether, each vlan tag)
        out.addAll(link.fields());
        out.removeIf(f -> unsupported(f) != null || listedRaw(f));
        return out;
    }
}
