package nftlink.nftables.lang;

import java.util.EnumMap;
import java.util.Map;
import nftlink.nftables.expr.Hash;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Inner;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.Socket;
import nftlink.nftables.lang.Delinearizer.SetContents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;



/**
 * The fields a listed rule's loads read: header, meta, ct, socket, extension header and inner-tunnel
 * fields, bit fields, concatenations and hashes, named in the protocol context of the rule so far.
 */
final class DelinearizeFields {

    private DelinearizeFields() {
    }

    /** The register a rule loads a value into and compares, looks up or writes it from. */
    static final int REG = NfTablesUapi.NFT_REG_1;

    /** The field {@code x} loads into register 1, or {@code null}. */
    static Field fieldOf(Expression x, String l3, String l4, LinkLayers link, Value icmpType, TunnelLayers tunnels) {
        return fieldOf(x, REG, l3, l4, link, icmpType, tunnels);
    }

    /** The field {@code x} loads into {@code register}, or {@code null}. */
    static Field fieldOf(Expression x, int register, String l3, String l4, LinkLayers link, Value icmpType,
                         TunnelLayers tunnels) {
        return switch (x) {
            case Inner in -> tunnels.field(in, register, null);
            case Meta.Load m when m.dreg() == register -> MetaField.of(m.key());
            case Ct.Load c when c.dreg() == register -> CtField.of(c.key(), c.direction(), l3);
            case Socket s when s.dreg() == register && s.key() == Socket.Key.CGROUPV2 && s.level() != null -> new SocketCgroupField(s.level());
            case Payload.Load p when p.dreg() == register -> payloadField(p, l3, l4, link, icmpType);
            case Exthdr.Load h when h.dreg() == register -> ExthdrField.of(h, null);
            case Expression other when register == REG -> ExpressionField.of(other);
            case Expression other -> computedAt(other, register);
        };
    }

    /**
     * The field {@code x} computes into {@code register}, a part of a concatenation past the first
     * ({@code iifname . ip saddr . ipsec in reqid}), as the language holds it: computed into register 1;
     * or {@code null}.
     */
    private static Field computedAt(Expression x, int register) {
        ExpressionField any = ExpressionField.of(x);
        if (any == null) {
            return null;
        }
        try {
            ExpressionField atOne = ExpressionField.of(any.load(REG));
            return atOne != null && atOne.load(register).equals(x) ? atOne : null;
        } catch (IllegalStateException notLoadable) {
            return null;
        }
    }

    /** The bit field {@code x} loads when {@code mask} keeps only its bits, or {@code null}. */
    static Field bitFieldOf(Expression x, Bytes mask, String l3, String l4, LinkLayers link, TunnelLayers tunnels) {
        return bitFieldOf(x, REG, mask, l3, l4, link, tunnels);
    }

    /** The bit field {@code x} loads into {@code register} when {@code mask} keeps only its bits, or {@code null}. */
    static Field bitFieldOf(Expression x, int register, Bytes mask, String l3, String l4, LinkLayers link,
                            TunnelLayers tunnels) {
        return switch (x) {
            case Inner in -> tunnels.field(in, register, mask);
            case Payload.Load p when p.dreg() == register && p.base() == Payload.Base.LINK -> link.bitField(p, mask);
            case Payload.Load p when p.dreg() == register -> {
                String hint = p.base() == Payload.Base.TRANSPORT ? l4 : l3;
                yield hint == null ? null : PayloadBitField.at(p, mask, hint);
            }
            case Exthdr.Load h when h.dreg() == register -> ExthdrField.of(h, mask);
            default -> null;
        };
    }

    /** {@code jhash KEY mod N}: the key's loads into register 2 at {@code at}, then the hash into register 1; or {@code null}. */
    static HashField jhashAt(List<Expression> e, int at, String l3, String l4, LinkLayers link, TunnelLayers tunnels) {
        List<Field> fields = new ArrayList<>();
        int slot = 0;
        int i = at;
        while (i < e.size() && !(e.get(i) instanceof Hash)) {
            Field f = fieldOf(e.get(i), ConcatField.registerAt(HashField.KEY_REGISTER, slot), l3, l4, link, null, tunnels);
            if (f == null || f instanceof ExpressionField) {
                return null;
            }
            fields.add(f);
            slot += ((f.length() + 3) & ~3) / 4;
            i++;
        }
        if (fields.isEmpty() || i >= e.size() || !(e.get(i) instanceof Hash.Jenkins h)
                || h.sreg() != HashField.KEY_REGISTER || h.dreg() != REG) {
            return null;
        }
        try {
            HashField field = new HashField(fields.size() == 1 ? fields.getFirst() : new ConcatField(fields), h.modulus(),
                    h.seed(), h.offset());
            return field.keyLength() == h.length() ? field : null;
        } catch (IllegalArgumentException notExpressible) {
            return null;
        }
    }

    /** A concatenation and how many expressions its loads took. */
    record Concat(ConcatField field, int consumed) {
    }

    /** A concatenation loaded from {@code at} on (bit fields as their values), or {@code null}. */
    static Concat concatAt(List<Expression> e, int at, String l3, String l4, LinkLayers link, TunnelLayers tunnels) {
        return concatAt(e, at, l3, l4, link, tunnels, -1);
    }

    /** A concatenation loaded at {@code at}, ending before register {@code stop} ({@code -1}: no limit). */
    static Concat concatAt(List<Expression> e, int at, String l3, String l4, LinkLayers link, TunnelLayers tunnels, int stop) {
        return concatAt(e, at, l3, l4, link, tunnels, stop, null);
    }

    /**
     * As {@link #concatAt(List, int, String, String, LinkLayers, TunnelLayers, int)}; with {@code keyParts} (the datatypes of a set's
     * key), an immediate where a part is loaded is a constant of that part's type ({@code add @s { ip saddr . 10002 }}).
     */
    static Concat concatAt(List<Expression> e, int at, String l3, String l4, LinkLayers link, TunnelLayers tunnels, int stop,
                                   List<Datatype> keyParts) {
        return concatAt(e, at, REG, l3, l4, link, tunnels, stop, keyParts, keyParts == null ? null : partLengths(keyParts, List.of()));
    }

    /**
     * The bytes of each of a key's parts: the datatype's, else (an integer of a {@code typeof} key) the
     * set's field length; 0 when neither says.
     */
    static List<Integer> partLengths(List<Datatype> parts, List<Integer> fieldLengths) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int length = parts.get(i).length();
            out.add(length > 0 || i >= fieldLengths.size() ? length : fieldLengths.get(i));
        }
        return out;
    }

    /**
     * As {@link #concatAt(List, int, String, String, LinkLayers, TunnelLayers, int, List)}, loaded from register {@code base} on,
     * constant parts as long as {@code keyLengths} says.
     */
    static Concat concatAt(List<Expression> e, int at, int base, String l3, String l4, LinkLayers link, TunnelLayers tunnels, int stop,
                                   List<Datatype> keyParts, List<Integer> keyLengths) {
        List<Field> fields = new ArrayList<>();
        int slot = 0;
        int i = at;
        while (i < e.size()) {
            int register = ConcatField.registerAfter(base, slot);
            if (register == stop) {
                break;
            }
            Field f = null;
            int used = 1;
            if (keyParts != null && fields.size() < keyParts.size() && e.get(i) instanceof Immediate imm && imm.dreg() == register
                    && imm.data() instanceof NftData.Value v && keyLengths.get(fields.size()) > 0
                    && v.bytes().length() >= keyLengths.get(fields.size())) {
                Datatype d = keyParts.get(fields.size());
                int length = keyLengths.get(fields.size());
                f = new ConstantField(List.of(d), List.of(length), List.of(Bytes.of(Arrays.copyOf(v.bytes().toArray(), length))));
            }
            if (f == null && i + 1 < e.size() && e.get(i + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == register
                    && mx.dreg() == register && isZero(mx.xor())) {
                Field bits = bitFieldOf(e.get(i), register, mx.mask(), l3, l4, link, tunnels);
                int down = bits == null ? 0 : BitValue.matchDown(bits, e, i + 2, register);
                if (bits != null && (down > 0 || BitValue.down(bits, register).isEmpty())) {
                    f = bits;
                    used = 2 + down;
                }
            }
            if (f == null) {
                f = fieldOf(e.get(i), register, l3, l4, link, null, tunnels);
                if (f instanceof PayloadField pf && ((Payload.Load) e.get(i)).length() != pf.length()) {
                    f = null;
                }
                if (f == null) {
                    f = rawConcatPart(e.get(i), register);
                }
                if (f == null) {
                    break;
                }
            }
            fields.add(f);
            slot += ((f.length() + 3) & ~3) / 4;
            i += used;
        }
        return fields.size() >= 2 ? new Concat(new ConcatField(fields), i - at) : null;
    }

    /**
     * A concatenation with constants looked up in a set, {@code ip saddr . 1.2.3.4 . 80 @s1}: the constants
     * read as the set's key parts; {@code null} when the loads at {@code at} are not that.
     */
    static Concat concatWithConstants(List<Expression> e, int at, String l3, String l4, LinkLayers link, TunnelLayers tunnels,
                                              SetContents sets) {
        if (sets == null || e.get(at) instanceof Immediate || fieldOf(e.get(at), REG, l3, l4, link, null, tunnels) == null) {
            return null;
        }
        int k = at + 1;
        while (k < e.size() && !(e.get(k) instanceof Lookup)) {
            k++;
        }
        if (k >= e.size() || !(e.get(k) instanceof Lookup l) || l.sreg() != REG) {
            return null;
        }
        List<Datatype> keyParts = sets.keyType(l.set()) == 0 ? null : Datatype.parts(sets.keyType(l.set()));
        if (keyParts == null) {
            return null;
        }
        Concat found = concatAt(e, at, REG, l3, l4, link, tunnels, -1, keyParts, partLengths(keyParts, sets.keyLengths(l.set())));
        return found != null && at + found.consumed() == k
                && found.field().fields().stream().anyMatch(ConstantField.class::isInstance) ? found : null;
    }

    /**
     * {@code concat} with its raw parts given the datatypes the key of {@code set} has there, where those are no
     * integers: nft prints the set's elements in its key's types ({@code @ll,0,48 . ether saddr { 00:11:22:33:44:55 . ...}}).
     */
    static ConcatField typedBySetKey(ConcatField concat, String set, SetContents sets) {
        List<Datatype> parts = sets == null || sets.keyType(set) == 0 ? null : Datatype.parts(sets.keyType(set));
        if (parts == null || parts.size() != concat.fields().size()) {
            return concat;
        }
        List<Field> typed = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            Datatype d = parts.get(k);
            typed.add(concat.fields().get(k) instanceof RawPayloadField raw && d.id() != Datatype.INTEGER.id()
                    && d.length() == raw.length() ? new SetKeyTypedField(raw, d) : concat.fields().get(k));
        }
        return typed.equals(concat.fields()) ? concat : new ConcatField(typed);
    }

    /** {@code raw} given the datatype of the key of {@code set} when that is no integer, as nft prints a map's keys. */
    static Field typedBySetKey(RawPayloadField raw, String set, SetContents sets) {
        Datatype d = sets == null || sets.keyType(set) == 0 ? null : Datatype.ofId(sets.keyType(set));
        return d != null && d.id() != Datatype.INTEGER.id() && d.length() == raw.length() ? new SetKeyTypedField(raw, d) : raw;
    }

    /** The header field of {@code like}'s protocol at bit {@code offset}, {@code bits} wide; or {@code null}. */
    static Field fieldAt(Field like, int offset, int bits) {
        String protocol = like instanceof PayloadBitField p ? p.protocol() : null;
        if (protocol == null) {
            return null;
        }
        for (PayloadBitField f : PayloadBitField.ALL) {
            if (f.protocol().equals(protocol) && f.bitOffset() == offset && f.bits() == bits) {
                return f;
            }
        }
        for (PayloadField f : PayloadField.ALL) {
            if (f.protocol().equals(protocol) && f.offset() * 8 == offset && f.length() * 8 == bits) {
                return f;
            }
        }
        return null;
    }

    /** A load no header field describes, as part of a concatenation: raw bits, {@code ip saddr . @nh,32,32}; or {@code null}. */
    static Field rawConcatPart(Expression x, int register) {
        if (x instanceof Payload.Load raw && raw.dreg() == register && raw.base() != Payload.Base.TUNNEL
                && raw.length() > 0 && raw.length() <= 16 && raw.offset() >= 0 && raw.offset() <= Integer.MAX_VALUE / 8 - 16) {
            return new RawPayloadField(raw.base(), raw.offset() * 8, raw.length() * 8);
        }
        return null;
    }

    /** Whether {@code x} swaps {@code field}'s value in register 1 to network byte order. */
    static boolean isHton(Expression x, Field field) {
        return x instanceof Byteorder b && b.op() == Byteorder.Op.HTON && b.sreg() == REG && b.dreg() == REG
                && b.size() == field.length();
    }

    /** The header field {@code p} loads, of the protocol {@code l3} or {@code l4} names (of the icmp type matched); or {@code null}. */
    static PayloadField payloadField(Payload.Load p, String l3, String l4, LinkLayers link, Value icmpType) {
        if (p.base() == Payload.Base.LINK) {
            return link.field(p);
        }
        // a header's protocol must be known from the family or an earlier match, as it is for nft
        String hint = p.base() == Payload.Base.TRANSPORT ? l4 : l3;
        if (hint == null) {
            return p.base() == Payload.Base.TRANSPORT ? transportPort(p) : null;
        }
        PayloadField first = null;
        for (PayloadField f : PayloadField.ALL) {
            if (f.base() == p.base() && f.offset() == p.offset() && p.length() <= f.length()
                    && f.protocol().equals(hint)
                    && (p.length() == f.length() || f.datatype() == Datatype.IPV4_ADDR || f.datatype() == Datatype.IPV6_ADDR
                    || !f.datatype().hostOrder() && !f.datatype().isBitmask() && f.icmpType() == null)) {
                Value needs = f.icmpType();
                if (needs == null || icmpType != null && items(icmpType).stream().allMatch(items(needs)::contains)) {
                    return f;
                }
                if (first == null) {
                    first = f;
                }
            }
        }
        // a field of other icmp types than the rule matched: rather split a merged load
        return icmpType == null ? first : null;
    }

    /**
     * Whether {@code f} exists in every icmp type the rule matched before ({@code null}: none matched), as a field
     * nft names after that match ({@code icmp mtu} after {@code icmp type destination-unreachable}).
     */
    static boolean fitsIcmpType(PayloadField f, Value icmpType) {
        Value needs = f.icmpType();
        return needs == null || icmpType == null || items(icmpType).stream().allMatch(items(needs)::contains);
    }

    /** The ports of a transport protocol the rule does not name: {@code th sport}, {@code th dport}. */
    static PayloadField transportPort(Payload.Load p) {
        if ((p.offset() == 0 || p.offset() == 2) && p.length() == 2) {
            return Fields.payload("th", p.offset() == 0 ? "sport" : "dport").orElse(null);
        }
        return null;
    }

    /** The items of a set literal, or the one value {@code v}. */
    static List<Value> items(Value v) {
        return v instanceof Value.SetLiteral l ? l.items() : List.of(v);
    }

    /**
     * The matches nft merged into one load and compare of consecutive header fields (compared with {@code op}), or
     * {@code null}.
     */
    static List<Match> splitMerged(Payload.Load load, Bytes data, Match.Op op, String l3, String l4, LinkLayers link) {
        if (load.base() == Payload.Base.LINK) {
            // nft splits link-layer bytes compared either way (vlan pcp != 0 vlan dei != 0 ...)
            return link.expand(load, data, op);
        }
        String hint = load.base() == Payload.Base.TRANSPORT ? l4 : l3;
        if (hint == null || op != Match.Op.EQ) {
            return null;
        }
        List<Match> out = new ArrayList<>();
        int offset = load.offset();
        int end = load.offset() + load.length();
        while (offset < end) {
            PayloadField next = null;
            for (PayloadField f : PayloadField.ALL) {
                if (f.base() == load.base() && f.protocol().equals(hint) && f.offset() == offset && offset + f.length() <= end) {
                    next = f;
                    break;
                }
            }
            if (next == null) {
                // bit fields that fill whole bytes: ip dscp cs0 ip ecn ect1 from one byte
                List<Match> bits = bitFieldsAt(load, data, offset, end, hint);
                if (bits == null) {
                    return null;
                }
                out.addAll(bits);
                offset += bits.stream().mapToInt(m -> ((PayloadBitField) m.field()).bits()).sum() / 8;
                continue;
            }
            int from = offset - load.offset();
            out.add(Match.eq(next, Bytes.of(Arrays.copyOfRange(data.toArray(), from, from + next.length()))));
            offset += next.length();
        }
        return out.size() >= 2 ? out : null;
    }

    /**
     * The bit fields of {@code hint} one after the other from byte {@code offset} to the next byte boundary, each
     * matched with its bits of {@code data} (the bytes of {@code load}); {@code null} when they do not fill whole
     * bytes within the load.
     */
    private static List<Match> bitFieldsAt(Payload.Load load, Bytes data, int offset, int end, String hint) {
        List<Match> out = new ArrayList<>();
        int bit = offset * 8;
        while (out.isEmpty() || bit % 8 != 0) {
            PayloadBitField next = null;
            for (PayloadBitField f : PayloadBitField.ALL) {
                if (f.base() == load.base() && f.protocol().equals(hint) && f.bitOffset() == bit) {
                    next = f;
                    break;
                }
            }
            if (next == null || next.offset() + next.length() > end) {
                return null;
            }
            int from = next.offset() - load.offset();
            byte[] bytes = Arrays.copyOfRange(data.toArray(), from, from + next.length());
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] &= next.mask().get(k);
            }
            out.add(Match.eq(next, Bytes.of(bytes)));
            bit += next.bits();
        }
        return out;
    }

    /** The bytes a payload load (perhaps inside a tunnel) takes; {@code -1} for other expressions. */
    static int loadedLength(Expression x) {
        return switch (x) {
            case Payload.Load p -> p.length();
            case Inner in when in.expression() instanceof Payload.Load p -> p.length();
            default -> -1;
        };
    }

    /**
     * What the packets inside tunnels were matched as ({@code vxlan meta protocol ip},
     * {@code gre meta l4proto tcp}), so that their header fields can be named.
     */
    record TunnelLayers(Map<InnerField.Tunnel, String> l3, Map<InnerField.Tunnel, String> l4) {

        static TunnelLayers of(List<Expression> e) {
            Map<InnerField.Tunnel, String> l3 = new EnumMap<>(InnerField.Tunnel.class);
            Map<InnerField.Tunnel, String> l4 = new EnumMap<>(InnerField.Tunnel.class);
            for (int i = 0; i + 1 < e.size(); i++) {
                if (!(e.get(i) instanceof Inner in) || InnerField.Tunnel.of(in) == null
                        || !(e.get(i + 1) instanceof Cmp c) || c.op() != Cmp.Op.EQ || c.sreg() != REG) {
                    continue;
                }
                InnerField.Tunnel tunnel = InnerField.Tunnel.of(in);
                switch (in.expression()) {
                    case Meta.Load m when m.key() == Meta.Key.L4PROTO && c.data().length() == 1 ->
                            l4.put(tunnel, PayloadField.TRANSPORT_PROTOCOLS.get(c.data().get(0)));
                    case Meta.Load m when m.key() == Meta.Key.PROTOCOL && c.data().length() == 2 ->
                            l3.put(tunnel, network(c.data().asBigEndian()));
                    case Payload.Load p when p.base() == Payload.Base.LINK && p.offset() == 12 && p.length() == 2 ->
                            l3.put(tunnel, network(c.data().asBigEndian()));
                    default -> {
                    }
                }
            }
            return new TunnelLayers(l3, l4);
        }

        private static String network(long ethertype) {
            return ethertype == 0x0800 ? "ip" : ethertype == 0x86dd ? "ip6" : ethertype == 0x0806 ? "arp" : null;
        }

        /** The field {@code inner} loads into {@code register} (masked with {@code mask} for a bit field), or {@code null}. */
        Field field(Inner inner, int register, Bytes mask) {
            InnerField.Tunnel tunnel = InnerField.Tunnel.of(inner);
            if (tunnel == null) {
                return null;
            }
            Field f = switch (inner.expression()) {
                case Meta.Load m when m.dreg() == register && mask == null
                        && (m.key() == Meta.Key.PROTOCOL || m.key() == Meta.Key.L4PROTO) -> MetaField.of(m.key());
                case Payload.Load p when p.dreg() == register && p.base() == Payload.Base.TUNNEL && mask == null ->
                        InnerField.HEADER_FIELDS.stream().filter(h -> h.protocol().equals(tunnel.text())
                                && h.offset() == p.offset() && h.length() == p.length()).findFirst().orElse(null);
                case Payload.Load p when p.dreg() == register && mask == null ->
                        p.base() == Payload.Base.LINK ? LinkLayers.inTunnel(p, null)
                                : payloadField(p, l3.get(tunnel), l4.get(tunnel), LinkLayers.ETHER, null);
                case Payload.Load p when p.dreg() == register && p.base() == Payload.Base.LINK -> LinkLayers.inTunnel(p, mask);
                case Payload.Load p when p.dreg() == register -> {
                    String hint = p.base() == Payload.Base.TRANSPORT ? l4.get(tunnel) : l3.get(tunnel);
                    yield hint == null ? null : PayloadBitField.at(p, mask, hint);
                }
                default -> null;
            };
            if (f == null) {
                return null;
            }
            try {
                return f instanceof PayloadField p && p.base() == Payload.Base.TUNNEL ? InnerField.header(tunnel, p.name()).orElseThrow()
                        : new InnerField(tunnel, f);
            } catch (IllegalArgumentException notInThisTunnel) {
                return null;
            }
        }
    }

    /** Whether every byte of {@code b} is zero. */
    static boolean isZero(Bytes b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
