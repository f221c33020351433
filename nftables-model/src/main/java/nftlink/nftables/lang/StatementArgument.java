package nftlink.nftables.lang;

import nftlink.nftables.expr.Hash;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Numgen;

/**
 * nft 1.1.3's datatype rules for a value from the packet that a statement sets ({@code meta priority set ...},
 * {@code ct zone set ...}, {@code ip saddr set ...}), as its evaluator applies them to a statement's argument: the
 * value's datatype must be the target's, or, for a mark, any type based on the integer; a header field of the plain
 * integer type must also have the target's width; numgen and hash take the target's type when it is a 32-bit type based
 * on the integer, else they are integers. The refusals carry nft's words.
 */
final class StatementArgument {

    /** nft's datatype numbers where they differ from a {@link Datatype}'s own: the bitmask, link address and string bases. */
    private static final int INTEGER = 4;
    private static final int STRING = 5;
    private static final int BITMASK = 3;
    private static final int LINK_ADDRESS = 6;

    private StatementArgument() {
    }

    /**
     * Why nft refuses to set {@code target} from {@code source} for their datatypes, in nft's words; {@code null} when
     * the datatypes agree.
     *
     * @param target the field set
     * @param source the value it is set from
     * @return nft's error, or {@code null}
     */
    static String mismatch(Field target, Field source) {
        // nft reads meta secmark set as a reference to a secmark object, by name
        Datatype expected = target instanceof MetaField m && m.key() == Meta.Key.SECMARK ? Datatype.STRING : target.datatype();
        Field value = source instanceof BinopField b && b.text().equals(b.source().text()) ? b.source() : source;
        // (nft has already turned a bit field into its shift and mask: only a whole-byte field is still a payload)
        if (value instanceof PayloadField && value.datatype().id() == INTEGER
                && (baseId(expected) != INTEGER || bits(value) != bits(target))) {
            return "datatype mismatch: expected " + description(expected) + ", expression has type integer with length "
                    + bits(value);
        }
        if (computesNumber(value)) {
            // numgen and hash take the target's type where it is a 32-bit type based on the integer
            boolean adopted = expected.id() != INTEGER && baseId(expected) == INTEGER && bits(target) == 32;
            return adopted || compatible(expected, Datatype.INTEGER) ? null
                    : "datatype mismatch: expected " + description(expected) + ", expression has type integer";
        }
        Datatype actual = datatypeOf(value);
        return compatible(expected, actual) ? null
                : "datatype mismatch: expected " + description(expected) + ", expression has type " + description(actual);
    }

    /**
     * Whether {@code source} is a number the kernel computes, which nft types from the target: numgen, symhash, jhash.
     *
     * @param source the value
     * @return whether nft gives it the target's type
     */
    static boolean computesNumber(Field source) {
        return source instanceof HashField || source instanceof ExpressionField x
                && (x.expression() instanceof Numgen || x.expression() instanceof Hash.Symmetric);
    }

    /** The datatype nft gives {@code source}: a computed value has its operand's (nft's binop takes its left side's). */
    private static Datatype datatypeOf(Field source) {
        return switch (source) {
            case BinopField b -> datatypeOf(b.source());
            case CombinedField c -> datatypeOf(c.left());
            case MaskedField m -> datatypeOf(m.field());
            default -> source.datatype();
        };
    }

    /** nft's {@code datatype_compatible}: the same type, or a mark from any type based on the integer. */
    private static boolean compatible(Datatype expected, Datatype actual) {
        return expected.id() == actual.id() || expected == Datatype.MARK && baseId(actual) == INTEGER;
    }

    /** The number of nft's base type of {@code type} (its {@code datatype_basetype}, one step up). */
    private static int baseId(Datatype type) {
        return switch (type) {
            case TCP_FLAG, CT_STATUS, CT_EVENT, CT_STATE, CT_LABEL -> BITMASK;
            case ETHER_ADDR -> LINK_ADDRESS;
            case IFNAME, STRING -> STRING;
            case VERDICT -> type.id();
            default -> INTEGER;
        };
    }

    /** The width of {@code f} in bits, as nft counts it for the length in its messages. */
    static int bits(Field f) {
        return switch (f) {
            case PayloadBitField p -> p.bits();
            case ExthdrField x -> x.bits();
            case MetaField m when m.datatype() == Datatype.BIT -> 1;
            default -> f.length() * 8;
        };
    }

    /** nft's description of a datatype, as its messages name it. */
    static String description(Datatype type) {
        return switch (type) {
            case VERDICT -> "netfilter verdict";
            case NFPROTO -> "netfilter protocol";
            case INTEGER, HOST_INTEGER, HEX_INTEGER, BIT -> "integer";
            case MPTCP_SUBTYPE -> "mptcp option subtype";
            case IPV4_ADDR -> "IPv4 address";
            case IPV6_ADDR -> "IPv6 address";
            case ETHER_ADDR -> "Ethernet address";
            case ETHERTYPE -> "Ethernet protocol";
            case ARP_OP -> "ARP operation";
            case INET_PROTO -> "Internet protocol";
            case INET_SERVICE -> "internet network service";
            case ICMP_TYPE -> "ICMP type";
            case MARK -> "packet mark";
            case IFINDEX -> "network interface index";
            case ARPHRD -> "network interface type";
            case UID -> "user ID";
            case CLASSID -> "TC classid";
            case GID -> "group ID";
            case CT_STATE -> "conntrack state";
            case ICMPV6_TYPE -> "ICMPv6 type";
            case PKTTYPE -> "packet type";
            case IFNAME -> "network interface name";
            case CGROUPV2 -> "cgroupsv2 path";
            case TCP_FLAG -> "TCP flag";
            case DCCP_PKTTYPE -> "DCCP packet type";
            case MH_TYPE -> "Mobility Header Type";
            case REALM -> "routing realm";
            case CT_DIR -> "conntrack direction";
            case CT_STATUS -> "conntrack status";
            case ICMP_CODE -> "icmp code";
            case ICMPV6_CODE -> "icmpv6 code";
            case DEVGROUP -> "devgroup name";
            case DSCP -> "Differentiated Services Code Point";
            case ECN -> "Explicit Congestion Notification";
            case BOOLEAN -> "boolean type";
            case CT_EVENT -> "conntrack event bits";
            case IGMP_TYPE -> "IGMP type";
            case FIB_ADDR -> "fib address type";
            case TIME_DATE -> "Relative time of packet reception";
            case TIME_HOUR -> "Hour of day of packet reception";
            case TIME_DAY -> "Day of week of packet reception";
            case TIME -> "relative time";
            case STRING -> "string";
            case CT_LABEL -> "conntrack label";
        };
    }
}
