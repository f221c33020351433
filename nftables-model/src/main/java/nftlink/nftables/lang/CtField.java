package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Connection-tracking state: {@code ct state}, {@code ct mark}, {@code ct original bytes},
 * {@code ct reply ip saddr}, ...
 *
 * @param key       the kernel's ct key
 * @param datatype  the datatype of its values
 * @param direction which tuple of the connection, or {@code null} for keys of the whole connection
 */
public record CtField(Ct.Key key, Datatype datatype, Ct.Direction direction) implements Field {

    /** {@code ct state}: a bit mask of {@link CtState}s. */
    public static final CtField STATE = new CtField(Ct.Key.STATE, Datatype.CT_STATE);
    /** {@code ct mark}. */
    public static final CtField MARK = new CtField(Ct.Key.MARK, Datatype.MARK);

    /** Keys of the whole connection (no direction). */
    private static final List<CtField> UNDIRECTED = List.of(STATE, MARK,
            new CtField(Ct.Key.DIRECTION, Datatype.CT_DIR), new CtField(Ct.Key.STATUS, Datatype.CT_STATUS),
            new CtField(Ct.Key.EXPIRATION, Datatype.TIME), new CtField(Ct.Key.HELPER, Datatype.STRING),
            new CtField(Ct.Key.LABELS, Datatype.CT_LABEL), new CtField(Ct.Key.ID, Datatype.INTEGER),
            new CtField(Ct.Key.SECMARK, Datatype.HOST_INTEGER), new CtField(Ct.Key.EVENTMASK, Datatype.CT_EVENT),
            new CtField(Ct.Key.L3PROTOCOL, Datatype.NFPROTO), new CtField(Ct.Key.PROTOCOL, Datatype.INET_PROTO));
    /** Keys that may name a direction or not (the sum of both when not). */
    private static final List<Ct.Key> EITHER = List.of(Ct.Key.PKTS, Ct.Key.BYTES, Ct.Key.AVGPKT, Ct.Key.ZONE);
    /** Keys of one tuple, which need a direction. */
    private static final List<Ct.Key> DIRECTED = List.of(Ct.Key.L3PROTOCOL, Ct.Key.PROTOCOL, Ct.Key.PROTO_SRC,
            Ct.Key.PROTO_DST, Ct.Key.SRC_IP, Ct.Key.DST_IP, Ct.Key.SRC_IP6, Ct.Key.DST_IP6);

    static final List<CtField> ALL;

    static {
        List<CtField> all = new ArrayList<>(UNDIRECTED);
        for (Ct.Key k : EITHER) {
            all.add(new CtField(k, typeOf(k)));
        }
        for (Ct.Direction d : Ct.Direction.values()) {
            for (Ct.Key k : EITHER) {
                all.add(new CtField(k, typeOf(k), d));
            }
            for (Ct.Key k : DIRECTED) {
                all.add(new CtField(k, typeOf(k), d));
            }
        }
        ALL = List.copyOf(all);
    }

    private static Datatype typeOf(Ct.Key k) {
        return switch (k) {
            case PKTS, BYTES, AVGPKT, ZONE -> Datatype.HOST_INTEGER;
            case L3PROTOCOL -> Datatype.NFPROTO;
            case PROTOCOL -> Datatype.INET_PROTO;
            case PROTO_SRC, PROTO_DST -> Datatype.INET_SERVICE;
            case SRC_IP, DST_IP -> Datatype.IPV4_ADDR;
            case SRC_IP6, DST_IP6 -> Datatype.IPV6_ADDR;
            default -> throw new IllegalArgumentException("ct " + k.text());
        };
    }

    /**
     * A key of the whole connection.
     *
     * @param key the conntrack key
     * @param datatype the datatype of its values
     */
    public CtField(Ct.Key key, Datatype datatype) {
        this(key, datatype, null);
    }

    @Override
    public int length() {
        return familyAddress() ? datatype.length() : key.length();
    }

    /**
     * Whether this is an address key of the table's family ({@code ct original saddr}): 4 or 16 bytes by its type.
     *
     * @return whether it is
     */
    public boolean familyAddress() {
        return key == Ct.Key.SRC || key == Ct.Key.DST;
    }

    @Override
    public Expression load(int register) {
        return new Ct.Load(key, register, direction);
    }

    @Override
    public List<Match> dependencies(Family family) {
        // the kernel checks the tuple's family itself: nft adds no dependency
        boolean v4 = key == Ct.Key.SRC_IP || key == Ct.Key.DST_IP || familyAddress() && datatype == Datatype.IPV4_ADDR;
        boolean v6 = key == Ct.Key.SRC_IP6 || key == Ct.Key.DST_IP6 || familyAddress() && datatype == Datatype.IPV6_ADDR;
        if (v4 && family == Family.IP6 || v6 && family == Family.IP) {
            throw new IllegalArgumentException(text() + " cannot be matched in family " + family);
        }
        return List.of();
    }

    /**
     * nft's name of the key ({@code l3proto}, {@code proto-src}, {@code ip saddr}, ...).
     *
     * @return the name
     */
    public String keyName() {
        return switch (key) {
            case L3PROTOCOL -> "l3proto";
            case PROTO_SRC -> "proto-src";
            case PROTO_DST -> "proto-dst";
            case SRC_IP -> "ip saddr";
            case DST_IP -> "ip daddr";
            case SRC -> datatype == Datatype.IPV4_ADDR ? "ip saddr" : "ip6 saddr";
            case DST -> datatype == Datatype.IPV4_ADDR ? "ip daddr" : "ip6 daddr";
            case SRC_IP6 -> "ip6 saddr";
            case DST_IP6 -> "ip6 daddr";
            default -> key.text();
        };
    }

    /**
     * The key's name in nft's JSON: {@link #keyName()}, but {@code saddr} and {@code daddr} for the address keys of
     * the table's family (which the text lists with their protocol).
     *
     * @return the name
     */
    public String jsonKeyName() {
        return key == Ct.Key.SRC ? "saddr" : key == Ct.Key.DST ? "daddr" : keyName();
    }

    @Override
    public String text() {
        return "ct " + (listedDirection() == null ? "" : listedDirection().text() + " ") + keyName();
    }

    /**
     * The direction as nft lists it: nft leaves out the original direction of the protocol keys.
     *
     * @return the direction, or {@code null}
     */
    public Ct.Direction listedDirection() {
        boolean quiet = direction == Ct.Direction.ORIGINAL && (key == Ct.Key.PROTOCOL || key == Ct.Key.L3PROTOCOL);
        return quiet ? null : direction;
    }

    /**
     * Whether values are bit masks (matched by any bit, listed by names).
     *
     * @return whether values are bit masks
     */
    public boolean isBitmask() {
        return key == Ct.Key.STATE || key == Ct.Key.STATUS || key == Ct.Key.LABELS;
    }

    static CtField of(Ct.Key key, Ct.Direction direction) {
        return of(key, direction, null);
    }

    /**
     * The field of {@code key} in {@code direction}; for an address key of the table's family, the one of network
     * protocol {@code l3} ({@code ip6}: IPv6, else IPv4).
     */
    static CtField of(Ct.Key key, Ct.Direction direction, String l3) {
        if ((key == Ct.Key.SRC || key == Ct.Key.DST) && direction != null) {
            return new CtField(key, "ip6".equals(l3) ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR, direction);
        }
        for (CtField f : ALL) {
            if (f.key == key && f.direction == direction) {
                return f;
            }
        }
        return null;
    }

    /** The field of a key of the whole connection by its nft name, or with a direction. */
    static CtField named(String name, Ct.Direction direction) {
        for (CtField f : ALL) {
            if (f.keyName().equals(name) && f.direction == direction) {
                return f;
            }
        }
        return null;
    }

    /**
     * {@code ct original saddr} and {@code ct reply daddr} without a protocol: the generic address key, typed by the
     * table's family as nft types it (ip or ip6; in other families nft cannot tell: {@code null}).
     *
     * @param name      {@code saddr} or {@code daddr}
     * @param direction the direction
     * @param family    the table's family
     * @return the field, or {@code null}
     */
    public static CtField familyAddress(String name, Ct.Direction direction, Family family) {
        Datatype type = family == Family.IP ? Datatype.IPV4_ADDR : family == Family.IP6 ? Datatype.IPV6_ADDR : null;
        if (direction == null || type == null || !(name.equals("saddr") || name.equals("daddr"))) {
            return null;
        }
        return new CtField(name.equals("saddr") ? Ct.Key.SRC : Ct.Key.DST, type, direction);
    }
}
