package nftlink.nftables.lang;

import nftlink.nftables.Bytes;
import nftlink.nftables.Family;
import nftlink.nftables.expr.Payload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The link-layer headers nft 1.1.3's protocol context holds at a point of a rule being listed, which name the
 * rule's link-layer loads: the header its matches opened last ({@code top}: ether, or vlan after an {@code ether
 * type 8021q}) and the headers below it, outermost first. A load is read in the header nft picks for its offset
 * ({@code get_stacked_desc}): the top header when the offset lies within the top header's own length counted from
 * the frame's start, else the stacked header it falls in, else the top header placed after all stacked ones. So after
 * a vlan tag the first four bytes of the frame read as the tag's fields ({@code ether daddr} lists as {@code vlan pcp
 * ... @ll,32,16}), as nft lists them.
 *
 * @param top   the header the matches so far opened last, {@code null} when none is known (the table's family has
 *              no link layer, or the rule has not matched {@code meta iiftype ether})
 * @param below the headers under the top one, outermost first
 */
record LinkLayers(String top, List<String> below) {

    /** An ethernet frame without tags, as inside a tunnel that carries one. */
    static final LinkLayers ETHER = new LinkLayers("ether", List.of());

    /** An ethernet frame with one vlan tag. */
    private static final LinkLayers TAGGED = new LinkLayers("vlan", List.of("ether"));

    /** ARPHRD_ETHER as {@code meta iiftype} holds it. */
    private static final Bytes IIFTYPE_ETHER = Bytes.of((byte) 1, (byte) 0);

    /** Where nft reads a load: the header whose fields name it, and the byte at which that header starts. */
    private record Place(String protocol, int start) {
    }

    /** The link layer a rule of {@code family} starts with: ethernet in bridge tables, else none known. */
    static LinkLayers initial(Family family) {
        return family == Family.BRIDGE ? ETHER : new LinkLayers(null, List.of());
    }

    private static int length(String protocol) {
        return protocol.equals("vlan") ? 4 : 14;
    }

    /** The fields of {@code protocol}'s header in nft's template order, with the offsets of a header starting at 0. */
    private static List<Field> templates(String protocol) {
        List<Field> out = new ArrayList<>();
        if (protocol.equals("ether")) {
            out.addAll(List.of(PayloadField.ETHER_DADDR, PayloadField.ETHER_SADDR, PayloadField.ETHER_TYPE));
        } else {
            for (PayloadBitField f : PayloadBitField.ALL) {
                if (f.protocol().equals("vlan")) {
                    out.add(placed(f, -14));
                }
            }
            out.add(placed(PayloadField.VLAN_TYPE, -14));
        }
        return out;
    }

    /** {@code f} moved by {@code bytes}. */
    private static Field placed(Field f, int bytes) {
        return switch (f) {
            case PayloadField p -> new PayloadField(p.protocol(), p.name(), p.base(), p.offset() + bytes, p.length(), p.datatype());
            case PayloadBitField p -> new PayloadBitField(p.protocol(), p.name(), p.base(), p.bitOffset() + 8 * bytes,
                    p.bits(), p.datatype());
            default -> f;
        };
    }

    private static int bitOffset(Field f) {
        return f instanceof PayloadBitField p ? p.bitOffset() : ((PayloadField) f).offset() * 8;
    }

    private static int bits(Field f) {
        return f instanceof PayloadBitField p ? p.bits() : f.length() * 8;
    }

    private Place place(int offset) {
        if (top == null) {
            return null;
        }
        if (offset < length(top)) {
            return new Place(top, 0);
        }
        int rest = offset;
        int start = 0;
        for (String header : below) {
            if (rest < length(header)) {
                return new Place(header, start);
            }
            rest -= length(header);
            start += length(header);
        }
        return new Place(top, start);
    }

    /**
     * The link-layer field {@code load} reads inside a tunnel (a bit field when {@code mask} is given): of the
     * ethernet header, else of one vlan tag after it ({@code vxlan vlan id 10}, which nft names without a tag
     * matched); or {@code null}.
     */
    static Field inTunnel(Payload.Load load, Bytes mask) {
        Field f = mask == null ? ETHER.field(load) : ETHER.bitField(load, mask);
        if (f == null && load.offset() >= 14) {
            f = mask == null ? TAGGED.field(load) : TAGGED.bitField(load, mask);
        }
        return f;
    }

    /**
     * The whole-byte link-layer field {@code load} reads, or whose first bytes it reads when that is an address
     * (a prefix, {@code ether daddr 01:02:00:00:00:00/16}); or {@code null} (nft lists it raw).
     */
    PayloadField field(Payload.Load load) {
        Place at = place(load.offset());
        if (at == null) {
            return null;
        }
        for (Field t : templates(at.protocol())) {
            if (t instanceof PayloadField p && p.offset() == load.offset() - at.start() && (p.length() == load.length()
                    || p.datatype() == Datatype.ETHER_ADDR && load.length() < p.length())) {
                return (PayloadField) placed(p, at.start());
            }
        }
        return null;
    }

    /** The link-layer bit field {@code load} reads when {@code mask} keeps only its bits, or {@code null}. */
    PayloadBitField bitField(Payload.Load load, Bytes mask) {
        Place at = place(load.offset());
        if (at == null) {
            return null;
        }
        for (Field t : templates(at.protocol())) {
            if (t instanceof PayloadBitField p && placed(p, at.start()) instanceof PayloadBitField f
                    && f.offset() == load.offset() && f.length() == load.length() && f.mask().equals(mask)) {
                return f;
            }
        }
        return null;
    }

    /** Every link-layer field these layers name, at the places they name it. */
    List<Field> fields() {
        List<Field> out = new ArrayList<>();
        if (top == null) {
            return out;
        }
        List<String> headers = new ArrayList<>(below);
        headers.add(top);
        int start = 0;
        for (String header : headers) {
            for (String protocol : List.of("ether", "vlan")) {
                for (Field t : templates(protocol)) {
                    Field f = placed(t, start);
                    if (names(f) && !out.contains(f)) {
                        out.add(f);
                    }
                }
            }
            start += length(header);
        }
        return out;
    }

    private boolean names(Field f) {
        return switch (f) {
            case PayloadField p -> p.equals(field(new Payload.Load(p.base(), p.offset(), p.length(), 1)));
            case PayloadBitField p -> p.equals(bitField(new Payload.Load(p.base(), p.offset(), p.length(), 1), p.mask()));
            default -> false;
        };
    }

    /**
     * The matches nft splits a comparison of {@code load} with {@code data} into ({@code payload_expr_expand}): the
     * fields of the header at the load's offset one after the other, the bytes past the last as raw bits counted from
     * that header's start (as nft 1.1.3 prints them, also when no field is there: {@code vlan id 6 @ll,32,16 0x5678} for
     * the bytes after a tag); {@code null} when that is one match of the load as it is, or a field would be cut.
     */
    List<Match> expand(Payload.Load load, Bytes data, Match.Op op) {
        Place at = place(load.offset());
        if (at == null || data.length() != load.length()) {
            return null;
        }
        int offset = (load.offset() - at.start()) * 8;
        int end = offset + load.length() * 8;
        List<Match> out = new ArrayList<>();
        for (Field t : templates(at.protocol())) {
            if (offset == end || bitOffset(t) != offset) {
                continue;
            }
            if (offset + bits(t) > end) {
                return null;
            }
            Field f = placed(t, at.start());
            int from = f instanceof PayloadBitField p ? p.offset() - load.offset() : ((PayloadField) f).offset() - load.offset();
            if (from < 0 || from + f.length() > data.length()) {
                // a load at an offset past what ints count (only in a message nft did not write)
                return null;
            }
            byte[] bytes = Arrays.copyOfRange(data.toArray(), from, from + f.length());
            if (f instanceof PayloadBitField p) {
                for (int k = 0; k < bytes.length; k++) {
                    bytes[k] &= p.mask().get(k);
                }
            }
            out.add(new Match(f, op, new Value.Single(Bytes.of(bytes))));
            offset += bits(t);
        }
        if (out.isEmpty() && at.start() == 0 || offset % 8 != 0) {
            return null;
        }
        if (offset < end) {
            int from = offset / 8 - (load.offset() - at.start());
            if (from < 0 || from > load.length()) {
                return null;
            }
            out.add(new Match(new RawPayloadField(Payload.Base.LINK, offset, end - offset), op,
                    new Value.Single(Bytes.of(Arrays.copyOfRange(data.toArray(), from, load.length())))));
        }
        return out.size() >= 2 || at.start() > 0 ? out : null;
    }

    /**
     * The link layers after {@code m}, a match read from a load of {@code field} in a table of {@code family}: an
     * {@code ether type} or {@code vlan type} of 8021q or 8021ad stacks a vlan tag onto the headers; {@code meta
     * iiftype} names the link layer outside bridge tables.
     */
    LinkLayers after(Field field, Match m, Family family) {
        if (m.op() != Match.Op.EQ || !(m.value() instanceof Value.Single v)) {
            return this;
        }
        if (field.equals(MetaField.IIFTYPE) && family != Family.BRIDGE) {
            return new LinkLayers(v.bytes().equals(IIFTYPE_ETHER) ? "ether" : null, below);
        }
        boolean protocolKey = field instanceof PayloadField p && p.base() == Payload.Base.LINK && p.name().equals("type")
                && (p.protocol().equals("ether") || p.protocol().equals("vlan"));
        long type = v.bytes().length() == 2 ? v.bytes().asBigEndian() : -1;
        if (top == null || !protocolKey || type != 0x8100 && type != 0x88a8) {
            return this;
        }
        List<String> stacked = new ArrayList<>(below);
        stacked.add(top);
        return new LinkLayers("vlan", List.copyOf(stacked));
    }
}
