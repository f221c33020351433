package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NftSet;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Meta;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sets declared with {@code typeof FIELD}: the key description nft keeps in the
 * set's userdata (libnftnl's {@code NFTNL_UDATA_SET_KEYBYTEORDER} and
 * {@code NFTNL_UDATA_SET_KEY_TYPEOF}, with nft's own expression, protocol and
 * field numbers), so that {@code nft list} prints {@code typeof meta skuid} for
 * them. Written and read for meta, ct, {@code socket cgroupv2} and the header
 * fields of ip, ip6, tcp, udp and ether, and concatenations of those.
 */
public final class SetTypeof {
    private SetTypeof() {
    }

    // libnftnl set userdata types
    private static final int UDATA_MERGE_ELEMENTS = 2;
    private static final int UDATA_KEY_TYPEOF = 3;
    private static final int UDATA_DATA_TYPEOF = 4;
    // nft's typeof TLVs and expression types
    private static final int TYPEOF_EXPR = 0;
    private static final int TYPEOF_DATA = 1;
    private static final int EXPR_VERDICT = 1;
    private static final int EXPR_PAYLOAD = 7;
    private static final int EXPR_META = 9;
    private static final int EXPR_SOCKET = 10;
    private static final int EXPR_CT = 12;
    private static final int EXPR_CONCAT = 13;

    /** nft's protocol description numbers and header field numbers, by protocol. */
    private static final Map<String, Integer> PROTOCOL_IDS = Map.of("ip", 12, "ip6", 13, "tcp", 8, "udp", 6, "ether", 17);
    private static final Map<String, Map<String, Integer>> FIELD_IDS = Map.of(
            "ip", Map.of("length", 5, "id", 6, "ttl", 8, "protocol", 9, "checksum", 10, "saddr", 11, "daddr", 12),
            "ip6", Map.of("length", 5, "nexthdr", 6, "hoplimit", 7, "saddr", 8, "daddr", 9),
            "tcp", Map.of("sport", 1, "dport", 2, "sequence", 3, "ackseq", 4, "window", 8, "checksum", 9, "urgptr", 10),
            "udp", Map.of("sport", 1, "dport", 2, "length", 3, "checksum", 4),
            "ether", Map.of("daddr", 1, "saddr", 2, "type", 3));

    /** A set of {@code family table name} whose keys are values of {@code key}, declared {@code typeof key}. */
    public static NftSet set(Family family, String table, String name, Field key, String comment) {
        return NftSet.of(family, table, name, key.keyType(), key.length()).withUserdata(userdata(key, comment));
    }

    /** The userdata nft writes for a set declared {@code typeof key} (and {@code comment}, if any). */
    public static byte[] userdata(Field key, String comment) {
        return userdata(key, false, null, false, false, comment);
    }

    /**
     * The userdata nft (1.0.6) writes for a set or map declared with {@code typeof}: key (and data)
     * byte order, the auto-merge flag, the key's (and data's) typeof description, for maps the
     * data-interval flag (0), and the comment, in that order.
     *
     * @param key       the key expression
     * @param map       whether it is a map
     * @param data      the data expression of a data map ({@code typeof KEY : DATA}), or {@code null}
     * @param verdicts  whether the map's data are verdicts ({@code typeof KEY : verdict})
     * @param autoMerge whether the set was declared {@code auto-merge}
     * @param comment   the comment, or {@code null}
     */
    public static byte[] userdata(Field key, boolean map, Field data, boolean verdicts, boolean autoMerge, String comment) {
        int dataOrder = verdicts || data == null ? SetUserdata.INVALID : SetUserdata.byteOrder(data);
        byte[] dataTypeof = verdicts ? verdictDescription() : data == null ? null : describe(data);
        return new SetUserdata(SetUserdata.byteOrder(key), map ? dataOrder : SetUserdata.ABSENT, autoMerge, describe(key),
                map ? dataTypeof : null, map ? 0 : SetUserdata.ABSENT, comment).encode();
    }

    /** nft's description of verdict data: expression type verdict, no data. */
    static byte[] verdictDescription() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tlv(out, TYPEOF_EXPR, u32(EXPR_VERDICT));
        tlv(out, TYPEOF_DATA, new byte[0]);
        return out.toByteArray();
    }

    /**
     * nft's description of a typeof expression (the value of {@code NFTNL_UDATA_SET_KEY_TYPEOF}):
     * its expression type and what identifies it, or {@code null} for an expression nftlink cannot describe.
     */
    public static byte[] describe(Field key) {
        return typeof(key);
    }

    private static byte[] typeof(Field key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (key) {
            case MetaField m -> {
                tlv(out, TYPEOF_EXPR, u32(EXPR_META));
                tlv(out, TYPEOF_DATA, tlvBytes(0, u32(m.key().number())));
            }
            case SocketCgroupField s -> {
                tlv(out, TYPEOF_EXPR, u32(EXPR_SOCKET));
                tlv(out, TYPEOF_DATA, tlvBytes(0, u32(nftlink.nftables.expr.Socket.Key.CGROUPV2.number())));
            }
            case CtField c -> {
                tlv(out, TYPEOF_EXPR, u32(EXPR_CT));
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                tlv(data, 0, u32(c.key().number()));
                tlv(data, 1, u32(-1));
                tlv(out, TYPEOF_DATA, data.toByteArray());
            }
            case PayloadField p -> {
                Integer protocol = PROTOCOL_IDS.get(p.protocol());
                Integer field = FIELD_IDS.getOrDefault(p.protocol(), Map.of()).get(p.name());
                if (protocol == null || field == null) {
                    return null;
                }
                tlv(out, TYPEOF_EXPR, u32(EXPR_PAYLOAD));
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                tlv(data, 0, u32(protocol));
                tlv(data, 1, u32(field));
                tlv(out, TYPEOF_DATA, data.toByteArray());
            }
            case ConcatField c -> {
                tlv(out, TYPEOF_EXPR, u32(EXPR_CONCAT));
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                for (int i = 0; i < c.fields().size(); i++) {
                    byte[] part = typeof(c.fields().get(i));
                    if (part == null) {
                        return null;
                    }
                    tlv(data, i, part);
                }
                tlv(out, TYPEOF_DATA, data.toByteArray());
            }
            case PayloadBitField p -> {
                return null;
            }
            case ExthdrField x -> {
                return null;
            }
            case ExpressionField x -> {
                return null;
            }
            case MaskedField x -> {
                return null;
            }
            case InnerField x -> {
                return null;
            }
            case HashField x -> {
                return null;
            }
            case BinopField x -> {
                return null;
            }
            case RawPayloadField x -> {
                return null;
            }
            case ConstantField x -> {
                return null;
            }
            case CombinedField x -> {
                return null;
            }
            case MapLookupField x -> {
                return null;
            }
        }
        return out.toByteArray();
    }

    /**
     * The {@code typeof} text nft prints for a set with this userdata, or
     * {@code null} when it holds no typeof description this library reads.
     */
    public static String text(byte[] userdata) {
        if (userdata == null) {
            return null;
        }
        byte[] typeof = find(userdata, UDATA_KEY_TYPEOF);
        return typeof == null ? null : expressionText(typeof);
    }

    /**
     * The {@code typeof KEY : DATA} text nft prints for a map with this userdata (without the word
     * {@code typeof}), or {@code null} when the key or the data has no typeof description this
     * library reads.
     */
    public static String mapText(byte[] userdata) {
        if (userdata == null) {
            return null;
        }
        byte[] key = find(userdata, UDATA_KEY_TYPEOF);
        byte[] data = find(userdata, UDATA_DATA_TYPEOF);
        if (key == null || data == null) {
            return null;
        }
        String k = expressionText(key);
        byte[] expr = find(data, TYPEOF_EXPR);
        String d = expr != null && expr.length == 4 && u32(expr) == EXPR_VERDICT ? "verdict" : expressionText(data);
        return k == null || d == null ? null : k + " : " + d;
    }

    /** Whether this set userdata has nft's auto-merge flag ({@code NFTNL_UDATA_SET_MERGE_ELEMENTS}). */
    public static boolean autoMerge(byte[] userdata) {
        if (userdata == null) {
            return false;
        }
        byte[] merge = find(userdata, UDATA_MERGE_ELEMENTS);
        return merge != null && merge.length == 4 && u32(merge) != 0;
    }

    private static String expressionText(byte[] typeof) {
        byte[] expr = find(typeof, TYPEOF_EXPR);
        byte[] data = find(typeof, TYPEOF_DATA);
        if (expr == null || data == null || expr.length != 4) {
            return null;
        }
        return switch (u32(expr)) {
            case EXPR_META -> {
                byte[] k = find(data, 0);
                if (k == null) {
                    yield null;
                }
                Meta.Key key = Meta.Key.values()[(int) Math.min(Integer.toUnsignedLong(u32(k)), Meta.Key.values().length - 1)];
                MetaField f = MetaField.of(key);
                yield f != null ? f.text() : "meta " + key.text();
            }
            case EXPR_SOCKET -> {
                byte[] k = find(data, 0);
                yield k != null && u32(k) == nftlink.nftables.expr.Socket.Key.CGROUPV2.number()
                        ? "socket cgroupv2 level 0" : null;
            }
            case EXPR_CT -> {
                byte[] k = find(data, 0);
                if (k == null || u32(k) < 0 || u32(k) >= Ct.Key.values().length) {
                    yield null;
                }
                yield "ct " + Ct.Key.values()[u32(k)].text();
            }
            case EXPR_PAYLOAD -> {
                byte[] d = find(data, 0);
                byte[] f = find(data, 1);
                if (d == null || f == null) {
                    yield null;
                }
                String protocol = PROTOCOL_IDS.entrySet().stream().filter(e -> e.getValue() == u32(d))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (protocol == null) {
                    yield null;
                }
                yield FIELD_IDS.get(protocol).entrySet().stream().filter(e -> e.getValue() == u32(f))
                        .map(e -> protocol + " " + e.getKey()).findFirst().orElse(null);
            }
            case EXPR_CONCAT -> {
                StringJoiner j = new StringJoiner(" . ");
                List<byte[]> parts = all(data);
                if (parts.size() < 2) {
                    yield null;
                }
                for (byte[] part : parts) {
                    String t = expressionText(part);
                    if (t == null) {
                        yield null;
                    }
                    j.add(t);
                }
                yield j.toString();
            }
            default -> null;
        };
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

    private static void tlv(ByteArrayOutputStream out, int type, byte[] value) {
        if (value.length > 255) {
            throw new IllegalArgumentException("userdata value too long");
        }
        out.write(type);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static byte[] tlvBytes(int type, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tlv(out, type, value);
        return out.toByteArray();
    }

    private static byte[] u32(int v) {
        return new byte[]{(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static int u32(byte[] b) {
        return b.length < 4 ? -1 : (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
