package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Meta;

import java.util.List;

/**
 * Packet metadata: {@code meta mark}, {@code meta skuid}, {@code iifname}, ...
 *
 * @param key      the kernel's meta key
 * @param datatype the datatype of its values
 */
public record MetaField(Meta.Key key, Datatype datatype) implements Field {

    public static final MetaField MARK = new MetaField(Meta.Key.MARK, Datatype.MARK);
    public static final MetaField SKUID = new MetaField(Meta.Key.SKUID, Datatype.UID);
    public static final MetaField SKGID = new MetaField(Meta.Key.SKGID, Datatype.GID);
    public static final MetaField IIFNAME = new MetaField(Meta.Key.IIFNAME, Datatype.IFNAME);
    public static final MetaField OIFNAME = new MetaField(Meta.Key.OIFNAME, Datatype.IFNAME);
    public static final MetaField IIF = new MetaField(Meta.Key.IIF, Datatype.IFINDEX);
    public static final MetaField OIF = new MetaField(Meta.Key.OIF, Datatype.IFINDEX);
    public static final MetaField L4PROTO = new MetaField(Meta.Key.L4PROTO, Datatype.INET_PROTO);
    public static final MetaField NFPROTO = new MetaField(Meta.Key.NFPROTO, Datatype.NFPROTO);
    public static final MetaField PROTOCOL = new MetaField(Meta.Key.PROTOCOL, Datatype.ETHERTYPE);
    public static final MetaField IIFTYPE = new MetaField(Meta.Key.IIFTYPE, Datatype.ARPHRD);
    public static final MetaField OIFTYPE = new MetaField(Meta.Key.OIFTYPE, Datatype.ARPHRD);
    public static final MetaField PRIORITY = new MetaField(Meta.Key.PRIORITY, Datatype.CLASSID);
    public static final MetaField PKTTYPE = new MetaField(Meta.Key.PKTTYPE, Datatype.PKTTYPE);
    public static final MetaField LENGTH = new MetaField(Meta.Key.LEN, Datatype.HOST_INTEGER);
    public static final MetaField CPU = new MetaField(Meta.Key.CPU, Datatype.HOST_INTEGER);

    public static final MetaField IIFGROUP = new MetaField(Meta.Key.IIFGROUP, Datatype.DEVGROUP);
    public static final MetaField OIFGROUP = new MetaField(Meta.Key.OIFGROUP, Datatype.DEVGROUP);

    static final List<MetaField> ALL = List.of(MARK, SKUID, SKGID, IIFNAME, OIFNAME, IIF, OIF, L4PROTO, NFPROTO,
            PROTOCOL, IIFTYPE, OIFTYPE, PRIORITY, PKTTYPE, LENGTH, CPU, IIFGROUP, OIFGROUP,
            new MetaField(Meta.Key.CGROUP, Datatype.HOST_INTEGER), new MetaField(Meta.Key.PRANDOM, Datatype.INTEGER),
            new MetaField(Meta.Key.NFTRACE, Datatype.BIT), new MetaField(Meta.Key.RTCLASSID, Datatype.REALM),
            new MetaField(Meta.Key.SECPATH, Datatype.BOOLEAN), new MetaField(Meta.Key.IIFKIND, Datatype.IFNAME),
            new MetaField(Meta.Key.OIFKIND, Datatype.IFNAME), new MetaField(Meta.Key.SDIF, Datatype.IFINDEX),
            new MetaField(Meta.Key.SDIFNAME, Datatype.IFNAME), new MetaField(Meta.Key.BRI_IIFNAME, Datatype.IFNAME),
            new MetaField(Meta.Key.BRI_OIFNAME, Datatype.IFNAME), new MetaField(Meta.Key.BRI_IIFPVID, Datatype.HOST_INTEGER),
            new MetaField(Meta.Key.BRI_IIFVPROTO, Datatype.ETHERTYPE), new MetaField(Meta.Key.BRI_BROUTE, Datatype.HOST_INTEGER),
            new MetaField(Meta.Key.SECMARK, Datatype.HOST_INTEGER), new MetaField(Meta.Key.TIME_NS, Datatype.TIME_DATE),
            new MetaField(Meta.Key.TIME_DAY, Datatype.TIME_DAY), new MetaField(Meta.Key.TIME_HOUR, Datatype.TIME_HOUR));

    @Override
    public int length() {
        return key.length();
    }

    @Override
    public Expression load(int register) {
        return new Meta.Load(key, register);
    }

    @Override
    public List<Match> dependencies(Family family) {
        if (bridgeOnly() && family != Family.BRIDGE) {
            throw new IllegalArgumentException("meta " + keyName() + " cannot be matched in family " + family + " (bridge only)");
        }
        return List.of();
    }

    private boolean bridgeOnly() {
        return switch (key) {
            case BRI_IIFNAME, BRI_OIFNAME, BRI_IIFPVID, BRI_IIFVPROTO, BRI_BROUTE -> true;
            default -> false;
        };
    }

    /**
     * The key as nft names it ({@code length} where libnftnl says {@code len}, {@code random} for
     * prandom, ...).
     *
     * @return the name
     */
    public String keyName() {
        return switch (key) {
            case LEN -> "length";
            case PRANDOM -> "random";
            case SECPATH -> "ipsec";
            case BRI_IIFNAME -> "ibrname";
            case BRI_OIFNAME -> "obrname";
            case BRI_IIFPVID -> "ibrpvid";
            case BRI_IIFVPROTO -> "ibrvproto";
            default -> key.text();
        };
    }

    /** nft prints some keys without the {@code meta} prefix. */
    @Override
    public String text() {
        return switch (key) {
            case IIFNAME, OIFNAME, IIF, OIF, IIFGROUP, OIFGROUP -> key.text();
            default -> "meta " + keyName();
        };
    }

    /** The field loaded by {@code meta load KEY}, if the language knows it. */
    static MetaField of(Meta.Key key) {
        for (MetaField f : ALL) {
            if (f.key == key) {
                return f;
            }
        }
        return null;
    }
}
