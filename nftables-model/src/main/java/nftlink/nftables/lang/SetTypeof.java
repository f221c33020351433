package nftlink.nftables.lang;

import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Fib;
import nftlink.nftables.expr.Hash;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Numgen;
import nftlink.nftables.expr.Osf;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.Rt;
import nftlink.nftables.expr.Socket;
import nftlink.nftables.expr.Xfrm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Sets declared with {@code typeof EXPR}: the description of the expression nft keeps in the set's
 * userdata ({@code NFTNL_UDATA_SET_KEY_TYPEOF}, {@code NFTNL_UDATA_SET_DATA_TYPEOF}: nft's expression
 * type and what identifies the expression, such as the meta key or the protocol and header field),
 * written from a {@link Field} and read back into one, so that {@code nft list} prints
 * {@code typeof meta skuid} for such sets. Payload fields (also raw, bit fields and inside tunnels),
 * meta, ct (with directions), {@code socket}, {@code numgen}, {@code symhash}, {@code osf},
 * {@code rt}, {@code fib}, {@code ipsec} and concatenations of those.
 */
public final class SetTypeof {
    private SetTypeof() {
    }

    private static final int TYPEOF_EXPR = 0;
    private static final int TYPEOF_DATA = 1;
    // nft's expression types (enum expr_types)
    private static final int EXPR_VERDICT = 1;
    private static final int EXPR_VALUE = 4;
    private static final int EXPR_PAYLOAD = 7;
    private static final int EXPR_EXTHDR = 8;
    private static final int EXPR_META = 9;
    private static final int EXPR_SOCKET = 10;
    private static final int EXPR_OSF = 11;
    private static final int EXPR_CT = 12;
    private static final int EXPR_CONCAT = 13;
    private static final int EXPR_NUMGEN = 23;
    private static final int EXPR_HASH = 24;
    private static final int EXPR_RT = 25;
    private static final int EXPR_FIB = 26;
    private static final int EXPR_XFRM = 27;
    // payload description members
    private static final int PAYLOAD_DESC = 0;
    private static final int PAYLOAD_TYPE = 1;
    private static final int PAYLOAD_BASE = 2;
    private static final int PAYLOAD_OFFSET = 3;
    private static final int PAYLOAD_LEN = 4;
    private static final int PAYLOAD_INNER_DESC = 5;
    private static final int META_INNER_DESC = 1;
    private static final int EXTHDR_DESC = 0;
    private static final int EXTHDR_TYPE = 1;
    private static final int EXTHDR_OP = 2;
    /**
     * The fields of SCTP chunk {@code header} ({@code sctp chunk init}) by their number in nft's typeof
     * userdata: type, flags and length, then the chunk's own fields in nft's order.
     */
    private static List<String> sctpChunkFields(String header) {
        return ExthdrField.ALL.stream().filter(f -> f.op() == Exthdr.Op.SCTP && f.header().equals(header)
                && f.name() != null).map(ExthdrField::name).toList();
    }

    /** nft's IPv4 option fields by their number in its typeof userdata ({@code IPOPT_FIELD_*}; 0 is none). */
    private static final List<String> IP_OPTION_FIELDS = List.of("", "type", "length", "value", "ptr", "addr");
    private static final int HASH_SYMMETRIC = 1;

    /**
     * A set of {@code family table name} whose keys are values of {@code key}, declared {@code typeof
     * key}.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the set's name
     * @param key what the keys are values of
     * @param comment the set's comment, or {@code null}
     * @return the set
     */
    public static NftSet set(Family family, String table, String name, Field key, String comment) {
        return NftSet.of(family, table, name, key.keyType(), key.length()).withUserdata(userdata(key, comment));
    }

    /**
     * The userdata nft writes for a set declared {@code typeof key} (and {@code comment}, if any).
     *
     * @param key what the keys are values of
     * @param comment the set's comment, or {@code null}
     * @return the userdata bytes
     */
    public static byte[] userdata(Field key, String comment) {
        return userdata(key, false, null, false, false, comment);
    }

    /**
     * The userdata nft writes for a set or map declared with {@code typeof}: key (and data)
     * byte order, the auto-merge flag, the key's (and data's) typeof description, for maps the
     * data-interval flag (0), and the comment, in that order.
     *
     * @param key       the key expression
     * @param map       whether it is a map
     * @param data      the data expression of a data map ({@code typeof KEY : DATA}), or {@code null}
     * @param verdicts  whether the map's data are verdicts ({@code typeof KEY : verdict})
     * @param autoMerge whether the set was declared {@code auto-merge}
     * @param comment   the comment, or {@code null}
     * @return the userdata bytes
     */
    public static byte[] userdata(Field key, boolean map, Field data, boolean verdicts, boolean autoMerge, String comment) {
        int dataOrder = verdicts || data == null ? SetUserdata.INVALID : SetUserdata.byteOrder(data);
        byte[] dataTypeof = verdicts ? verdictDescription() : data == null ? null : describe(data);
        return new SetUserdata(SetUserdata.byteOrder(key), map ? dataOrder : SetUserdata.ABSENT, autoMerge, describe(key),
                map ? dataTypeof : null, map ? 0 : SetUserdata.ABSENT, comment).encode();
    }

    /** nft's description of verdict data: expression type verdict, no data. */
    static byte[] verdictDescription() {
        return description(EXPR_VERDICT, new byte[0]);
    }

    /** nft's description of a key or data given by datatype ({@code type ipv4_addr}): a value, no data. */
    static byte[] valueDescription() {
        return description(EXPR_VALUE, new byte[0]);
    }

    /**
     * nft's description of a concatenation given by datatypes ({@code type ipv4_addr . inet_service}):
     * nft starts the first part's description, finds that a value has none, and leaves it unfinished,
     * a nest of length 0, the value's expression type, and an empty data nest.
     */
    static byte[] valueConcatenationDescription() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        SetUserdata.tlv(data, 0, new byte[0]);
        SetUserdata.tlv(data, TYPEOF_EXPR, SetUserdata.u32(EXPR_VALUE));
        SetUserdata.tlv(data, TYPEOF_DATA, new byte[0]);
        return description(EXPR_CONCAT, data.toByteArray());
    }

    private static byte[] description(int type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SetUserdata.tlv(out, TYPEOF_EXPR, SetUserdata.u32(type));
        SetUserdata.tlv(out, TYPEOF_DATA, data);
        return out.toByteArray();
    }

    /** TLVs of u32 values, types 0, 1, 2, ... in order. */
    private static byte[] u32s(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < values.length; i++) {
            SetUserdata.tlv(out, i, SetUserdata.u32(values[i]));
        }
        return out.toByteArray();
    }

    /**
     * nft's description of a typeof expression (the value of {@code NFTNL_UDATA_SET_KEY_TYPEOF}):
     * its expression type and what identifies it, or {@code null} for an expression nftlink cannot describe.
     *
     * @param field the typeof expression
     * @return the description, or {@code null}
     */
    public static byte[] describe(Field field) {
        return switch (field) {
            case MetaField m -> description(EXPR_META, u32s(m.key().number()));
            case SocketCgroupField s -> description(EXPR_SOCKET, u32s(Socket.Key.CGROUPV2.number()));
            case CtField c -> description(EXPR_CT, u32s(c.key().number(), c.direction() == null ? -1 : c.direction().number()));
            case PayloadField p -> payload(p.protocol(), p.name(), p.datatype(), 8 * p.length(), -1);
            case PayloadBitField p -> payload(p.protocol(), p.name(), p.datatype(), p.bits(), -1);
            case RawPayloadField r -> description(EXPR_PAYLOAD, u32s(0, 0, r.base().ordinal() + 1, r.bitOffset(), r.bits()));
            case InnerField i -> inner(i);
            case ConcatField c -> concat(c);
            case ExpressionField e -> expression(e.expression());
            case ExthdrField x -> extensionHeader(x);
            default -> null;
        };
    }

    /** An IPv6 extension header's field (its type, then its description) or a TCP option's (type, op, kind). */
    private static byte[] extensionHeader(ExthdrField x) {
        if (x.name() == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (x.op()) {
            case IPV6 -> {
                int[] field = TypeofProtocols.extensionField(x.header(), x.name());
                if (field == null) {
                    return null;
                }
                SetUserdata.tlv(out, EXTHDR_TYPE, SetUserdata.u32(field[1]));
                SetUserdata.tlv(out, EXTHDR_DESC, SetUserdata.u32(field[0]));
            }
            case TCPOPT -> {
                int index = TypeofProtocols.tcpOptionField(x.header().substring("tcp option ".length()), x.name());
                if (index < 0) {
                    return null;
                }
                SetUserdata.tlv(out, EXTHDR_TYPE, SetUserdata.u32(index));
                SetUserdata.tlv(out, EXTHDR_OP, SetUserdata.u32(x.op().number()));
                SetUserdata.tlv(out, EXTHDR_DESC, SetUserdata.u32(x.type()));
            }
            case SCTP -> {
                int index = sctpChunkFields(x.header()).indexOf(x.name());
                if (index < 0) {
                    return null;
                }
                SetUserdata.tlv(out, EXTHDR_TYPE, SetUserdata.u32(index));
                SetUserdata.tlv(out, EXTHDR_OP, SetUserdata.u32(x.op().number()));
                SetUserdata.tlv(out, EXTHDR_DESC, SetUserdata.u32(x.type()));
            }
            case IPV4 -> {
                int index = IP_OPTION_FIELDS.indexOf(x.name());
                if (index < 0) {
                    return null;
                }
                SetUserdata.tlv(out, EXTHDR_TYPE, SetUserdata.u32(index));
                SetUserdata.tlv(out, EXTHDR_OP, SetUserdata.u32(x.op().number()));
                SetUserdata.tlv(out, EXTHDR_DESC, SetUserdata.u32(x.type()));
            }
            default -> {
                return null;
            }
        }
        return description(EXPR_EXTHDR, out.toByteArray());
    }

    private static byte[] payload(String protocol, String name, Datatype type, int bits, int inner) {
        int desc = TypeofProtocols.protocol(protocol);
        int index = TypeofProtocols.field(protocol, name);
        if (desc < 0 || index < 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SetUserdata.tlv(out, PAYLOAD_DESC, SetUserdata.u32(desc));
        SetUserdata.tlv(out, PAYLOAD_TYPE, SetUserdata.u32(index));
        if (type.id() == Datatype.INTEGER.id()) {
            SetUserdata.tlv(out, PAYLOAD_LEN, SetUserdata.u32(bits));
        }
        if (inner >= 0) {
            SetUserdata.tlv(out, PAYLOAD_INNER_DESC, SetUserdata.u32(inner));
        }
        return description(EXPR_PAYLOAD, out.toByteArray());
    }

    private static byte[] inner(InnerField i) {
        int tunnel = TypeofProtocols.protocol(i.tunnel().text());
        return switch (i.field()) {
            case PayloadField p when p.base() != Payload.Base.TUNNEL -> payload(p.protocol(), p.name(), p.datatype(),
                    8 * p.length(), tunnel);
            case PayloadBitField p -> payload(p.protocol(), p.name(), p.datatype(), p.bits(), tunnel);
            case MetaField m -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                SetUserdata.tlv(out, 0, SetUserdata.u32(m.key().number()));
                SetUserdata.tlv(out, META_INNER_DESC, SetUserdata.u32(tunnel));
                yield description(EXPR_META, out.toByteArray());
            }
            default -> null;
        };
    }

    private static byte[] concat(ConcatField c) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < c.fields().size(); i++) {
            byte[] part = describe(c.fields().get(i));
            if (part == null) {
                return null;
            }
            SetUserdata.tlv(data, i, part);
        }
        return description(EXPR_CONCAT, data.toByteArray());
    }

    private static byte[] expression(Expression e) {
        return switch (e) {
            case Numgen n -> description(EXPR_NUMGEN, u32s(n.type().number(), n.modulus(), n.offset()));
            case Osf o -> description(EXPR_OSF, new byte[0]);
            case Rt r -> description(EXPR_RT, u32s(r.key().number()));
            case Fib f -> description(EXPR_FIB, u32s(f.result().number(), f.flags()));
            case Xfrm x -> description(EXPR_XFRM, u32s(x.key().number(), x.spnum(), x.direction().number()));
            case Socket s -> description(EXPR_SOCKET, u32s(s.key().number()));
            case Hash.Symmetric h -> description(EXPR_HASH, u32s(HASH_SYMMETRIC, h.offset(), h.modulus(), 0, 0));
            default -> null;
        };
    }

    /**
     * The expression a typeof description names, or {@code null} when it names none the rule
     * language knows (or the value or verdict of a {@code type} declaration).
     *
     * @param description the description bytes
     * @return the expression, or {@code null}
     */
    public static Field field(byte[] description) {
        if (description == null) {
            return null;
        }
        byte[] type = find(description, TYPEOF_EXPR);
        byte[] data = find(description, TYPEOF_DATA);
        if (type == null || data == null || type.length != 4) {
            return null;
        }
        try {
            return field(SetUserdata.u32(type, -1), data);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static Field field(int type, byte[] data) {
        return switch (type) {
            case EXPR_META -> meta(data);
            case EXPR_CT -> {
                Ct.Key key = byNumber(Ct.Key.values(), Ct.Key::number, u32(data, 0));
                int dir = u32(data, 1);
                Ct.Direction direction = dir < 0 || key == null ? null : byNumber(Ct.Direction.values(), Ct.Direction::number, dir);
                yield key == null ? null : CtField.of(key, direction);
            }
            case EXPR_PAYLOAD -> payload(data);
            case EXPR_EXTHDR -> extensionHeader(data);
            case EXPR_SOCKET -> {
                Socket.Key key = byNumber(Socket.Key.values(), Socket.Key::number, u32(data, 0));
                yield key == Socket.Key.CGROUPV2 ? new SocketCgroupField(0)
                        : key == null ? null : ExpressionField.of(new Socket(key, NfTablesUapi.NFT_REG_1, null));
            }
            case EXPR_CONCAT -> {
                List<Field> parts = new ArrayList<>();
                for (byte[] part : all(data)) {
                    Field f = field(part);
                    if (f == null) {
                        yield null;
                    }
                    parts.add(f);
                }
                yield parts.size() < 2 ? null : new ConcatField(parts);
            }
            default -> expressionField(type, data);
        };
    }

    private static Field expressionField(int type, byte[] data) {
        Expression e = switch (type) {
            case EXPR_NUMGEN -> {
                Numgen.Type t = byNumber(Numgen.Type.values(), Numgen.Type::number, u32(data, 0));
                yield t == null ? null : new Numgen(t, NfTablesUapi.NFT_REG_1, u32(data, 1), u32(data, 2));
            }
            case EXPR_OSF -> new Osf(NfTablesUapi.NFT_REG_1, null, null);
            case EXPR_RT -> {
                Rt.Key k = byNumber(Rt.Key.values(), Rt.Key::number, u32(data, 0));
                yield k == null ? null : new Rt(k, NfTablesUapi.NFT_REG_1);
            }
            case EXPR_FIB -> {
                Fib.Result r = byNumber(Fib.Result.values(), Fib.Result::number, u32(data, 0));
                yield r == null ? null : new Fib(u32(data, 1), r, NfTablesUapi.NFT_REG_1);
            }
            case EXPR_XFRM -> {
                Xfrm.Key k = byNumber(Xfrm.Key.values(), Xfrm.Key::number, u32(data, 0));
                Xfrm.Direction d = byNumber(Xfrm.Direction.values(), Xfrm.Direction::number, u32(data, 2));
                yield k == null || d == null ? null : new Xfrm(k, d, u32(data, 1), NfTablesUapi.NFT_REG_1);
            }
            case EXPR_HASH -> u32(data, 0) == HASH_SYMMETRIC
                    ? new Hash.Symmetric(NfTablesUapi.NFT_REG_1, u32(data, 2), u32(data, 1)) : null;
            default -> null;
        };
        return e == null ? null : ExpressionField.of(e);
    }

    private static Field meta(byte[] data) {
        Meta.Key key = byNumber(Meta.Key.values(), Meta.Key::number, u32(data, 0));
        MetaField field = key == null ? null : MetaField.of(key);
        byte[] inner = find(data, META_INNER_DESC);
        if (field == null || inner == null) {
            return field;
        }
        return inner(inner, field);
    }

    /**
     * {@code field} inside the tunnel {@code inner} names, or {@code null} (no typeof: the set lists with its plain
     * types) when the userdata names no tunnel nft knows or a field the tunnel cannot hold.
     */
    private static Field inner(byte[] inner, Field field) {
        InnerField.Tunnel tunnel = InnerField.Tunnel.named(TypeofProtocols.protocolName(SetUserdata.u32(inner, -1)));
        if (tunnel == null) {
            return null;
        }
        try {
            return new InnerField(tunnel, field);
        } catch (IllegalArgumentException notInThatTunnel) {
            return null;
        }
    }

    private static Field payload(byte[] data) {
        int desc = u32(data, PAYLOAD_DESC);
        int index = u32(data, PAYLOAD_TYPE);
        if (desc == 0) {
            int base = u32(data, PAYLOAD_BASE);
            int offset = u32(data, PAYLOAD_OFFSET);
            int bits = u32(data, PAYLOAD_LEN);
            Payload.Base[] bases = Payload.Base.values();
            return base < 1 || base > Payload.Base.INNER.ordinal() + 1 ? null
                    : new RawPayloadField(bases[base - 1], offset, bits);
        }
        String protocol = TypeofProtocols.protocolName(desc);
        String name = TypeofProtocols.fieldName(desc, index);
        if (protocol == null || name == null) {
            return null;
        }
        byte[] inner = find(data, PAYLOAD_INNER_DESC);
        if (inner != null) {
            return Fields.header(protocol, name).map(f -> inner(inner, f)).orElse(null);
        }
        if (protocol.equals("vxlan") || protocol.equals("geneve")) {
            return InnerField.header(InnerField.Tunnel.named(protocol), name).orElse(null);
        }
        return Fields.header(protocol, name).orElse(null);
    }

    private static Field extensionHeader(byte[] data) {
        int desc = u32(data, EXTHDR_DESC);
        int type = u32(data, EXTHDR_TYPE);
        int op = find(data, EXTHDR_OP) == null ? 0 : u32(data, EXTHDR_OP);
        String[] names;
        if (op == 0) {
            names = TypeofProtocols.extensionField(desc, type);
        } else if (op == 1) {
            String option = ExthdrField.ALL.stream().filter(f -> f.op().number() == 1 && f.type() == desc && f.name() == null)
                    .map(f -> f.header().substring("tcp option ".length())).findFirst().orElse(null);
            names = option == null ? null : TypeofProtocols.tcpOptionField(option, type);
            if (names != null) {
                names[0] = "tcp option " + names[0];
            }
        } else if (op == 3) {
            String chunk = ExthdrField.ALL.stream().filter(f -> f.op().number() == 3 && f.type() == desc && f.name() == null)
                    .map(ExthdrField::header).findFirst().orElse(null);
            List<String> fields = chunk == null ? List.of() : sctpChunkFields(chunk);
            names = type >= 0 && type < fields.size() ? new String[]{chunk, fields.get(type)} : null;
        } else if (op == 2 && type > 0 && type < IP_OPTION_FIELDS.size()) {
            String option = ExthdrField.ALL.stream().filter(f -> f.op().number() == 2 && f.type() == desc && f.name() == null)
                    .map(ExthdrField::header).findFirst().orElse(null);
            names = option == null ? null : new String[]{option, IP_OPTION_FIELDS.get(type)};
        } else {
            names = null;
        }
        return names == null ? null : Fields.header(names[0], names[1]).orElse(null);
    }

    private static <E> E byNumber(E[] values, ToIntFunction<E> number, int n) {
        for (E e : values) {
            if (number.applyAsInt(e) == n) {
                return e;
            }
        }
        return null;
    }

    /** The u32 of member {@code type}, or -1 when it is missing. */
    private static int u32(byte[] tlvs, int type) {
        byte[] v = find(tlvs, type);
        return v == null ? -1 : SetUserdata.u32(v, -1);
    }

    /**
     * The {@code typeof} text nft prints for a set with this userdata, or
     * {@code null} when it holds no typeof description this library reads.
     *
     * @param userdata the set's userdata, or {@code null}
     * @return the text, or {@code null}
     */
    public static String text(byte[] userdata) {
        if (userdata == null) {
            return null;
        }
        Field f = field(SetUserdata.decode(userdata).keyTypeof());
        return f == null ? null : f.text();
    }

    /**
     * The {@code typeof KEY : DATA} text nft prints for a map with this userdata (without the word
     * {@code typeof}), or {@code null} when the key or the data has no typeof description this
     * library reads.
     *
     * @param userdata the map's userdata, or {@code null}
     * @return the text, or {@code null}
     */
    public static String mapText(byte[] userdata) {
        if (userdata == null) {
            return null;
        }
        SetUserdata u = SetUserdata.decode(userdata);
        Field key = field(u.keyTypeof());
        if (key == null || u.dataTypeof() == null) {
            return null;
        }
        if (isVerdict(u.dataTypeof())) {
            return key.text() + " : verdict";
        }
        Field data = field(u.dataTypeof());
        return data == null ? null : key.text() + " : " + data.text();
    }

    /** Whether a typeof description is that of verdicts. */
    static boolean isVerdict(byte[] description) {
        byte[] type = description == null ? null : find(description, TYPEOF_EXPR);
        return type != null && SetUserdata.u32(type, -1) == EXPR_VERDICT;
    }

    /**
     * Whether this set userdata has nft's auto-merge flag ({@code NFTNL_UDATA_SET_MERGE_ELEMENTS}).
     *
     * @param userdata the set's userdata, or {@code null}
     * @return whether the flag is set
     */
    public static boolean autoMerge(byte[] userdata) {
        return userdata != null && SetUserdata.decode(userdata).autoMerge();
    }

    private static byte[] find(byte[] tlvs, int type) {
        int i = 0;
        while (i + 2 <= tlvs.length) {
            int t = tlvs[i] & 0xff;
            int len = tlvs[i + 1] & 0xff;
            if (i + 2 + len > tlvs.length) {
                return null;
            }
            if (t == type) {
                byte[] v = new byte[len];
                System.arraycopy(tlvs, i + 2, v, 0, len);
                return v;
            }
            i += 2 + len;
        }
        return null;
    }

    private static List<byte[]> all(byte[] tlvs) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i + 2 <= tlvs.length) {
            int len = tlvs[i + 1] & 0xff;
            if (i + 2 + len > tlvs.length) {
                break;
            }
            byte[] v = new byte[len];
            System.arraycopy(tlvs, i + 2, v, 0, len);
            out.add(v);
            i += 2 + len;
        }
        return out;
    }
}
