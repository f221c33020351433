package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.SequencedMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nft's datatypes for the values the rule language handles: how a value is
 * written as text, and as register bytes. Numbers are nft's {@code enum datatypes}
 * (they appear as {@code NFTA_SET_KEY_TYPE}).
 */
public enum Datatype {
    /** {@code verdict}: accept, drop, jump and the other verdicts (4 bytes). */
    VERDICT(1, "verdict", 4),
    /** {@code nf_proto}: a netfilter family number such as {@code ipv4} (1 byte). */
    NFPROTO(2, "nf_proto", 1),
    /** {@code integer}: a plain number, as long as its field. */
    INTEGER(4, "integer", 0),
    /** nft's integer in host byte order, as meta length and meta cpu load it. */
    HOST_INTEGER(4, "integer", 0),
    /** {@code ipv4_addr}: an IPv4 address (4 bytes, network order). */
    IPV4_ADDR(7, "ipv4_addr", 4),
    /** {@code ipv6_addr}: an IPv6 address (16 bytes, network order). */
    IPV6_ADDR(8, "ipv6_addr", 16),
    /** {@code ether_addr}: an Ethernet MAC address (6 bytes). */
    ETHER_ADDR(9, "ether_addr", 6),
    /** {@code ether_type}: an Ethernet protocol such as {@code ip6} (2 bytes, network order). */
    ETHERTYPE(10, "ether_type", 2),
    /** {@code arp_op}: an ARP operation such as {@code request} (2 bytes, network order). */
    ARP_OP(11, "arp_op", 2),
    /** {@code inet_proto}: an IP protocol such as {@code tcp} (1 byte). */
    INET_PROTO(12, "inet_proto", 1),
    /** {@code inet_service}: a TCP/UDP port such as {@code ssh} (2 bytes, network order). */
    INET_SERVICE(13, "inet_service", 2),
    /** {@code icmp_type}: an ICMP type such as {@code echo-request} (1 byte). */
    ICMP_TYPE(14, "icmp_type", 1),
    /** {@code mark}: a packet or connection mark (4 bytes, host order). */
    MARK(19, "mark", 4),
    /** {@code iface_index}: an interface index (4 bytes, host order). */
    IFINDEX(20, "iface_index", 4),
    /** {@code iface_type}: an interface hardware type ({@code ARPHRD_*}, 2 bytes, host order). */
    ARPHRD(21, "iface_type", 2),
    /** {@code uid}: a user ID (4 bytes, host order). */
    UID(24, "uid", 4),
    /** {@code classid}: a traffic control class {@code major:minor} (4 bytes, host order). */
    CLASSID(23, "classid", 4),
    /** {@code gid}: a group ID (4 bytes, host order). */
    GID(25, "gid", 4),
    /** {@code ct_state}: conntrack state bits such as {@code established} (4 bytes, host order). */
    CT_STATE(26, "ct_state", 4),
    /** {@code icmpv6_type}: an ICMPv6 type such as {@code nd-neighbor-solicit} (1 byte). */
    ICMPV6_TYPE(29, "icmpv6_type", 1),
    /**
     * {@code pkt_type}: the packet type {@code host}, {@code broadcast}, {@code multicast} or {@code
     * other} (1 byte).
     */
    PKTTYPE(31, "pkt_type", 1),
    /** {@code ifname}: an interface name (16 bytes, NUL padded). */
    IFNAME(41, "ifname", 16),
    /** {@code cgroupsv2}: a cgroup v2 ID, written as its path (8 bytes, host order). */
    CGROUPV2(46, "cgroupsv2", 8),
    /** {@code tcp_flag}: TCP flag bits such as {@code syn} (1 byte). */
    TCP_FLAG(15, "tcp_flag", 1),
    /** {@code dccp_pkttype}: a DCCP packet type (1 byte). */
    DCCP_PKTTYPE(16, "dccp_pkttype", 1),
    /** {@code mh_type}: an IPv6 mobility header type (1 byte). */
    MH_TYPE(17, "mh_type", 1),
    /** {@code realm}: a routing realm (4 bytes, host order). */
    REALM(22, "realm", 4),
    /** {@code ct_dir}: the conntrack direction {@code original} or {@code reply} (1 byte). */
    CT_DIR(27, "ct_dir", 1),
    /** {@code ct_status}: conntrack status bits such as {@code dnat} (4 bytes, host order). */
    CT_STATUS(28, "ct_status", 4),
    /** {@code icmp_code}: an ICMP code such as {@code port-unreachable} (1 byte). */
    ICMP_CODE(32, "icmp_code", 1),
    /** {@code icmpv6_code}: an ICMPv6 code such as {@code no-route} (1 byte). */
    ICMPV6_CODE(33, "icmpv6_code", 1),
    /** {@code devgroup}: a device group (4 bytes, host order). */
    DEVGROUP(35, "devgroup", 4),
    /** {@code dscp}: a differentiated services code point such as {@code af11} (6 bits in 1 byte). */
    DSCP(36, "dscp", 1),
    /** {@code ecn}: an explicit congestion notification value such as {@code ce} (2 bits in 1 byte). */
    ECN(37, "ecn", 1),
    /** {@code boolean}: {@code exists} or {@code missing} (1 byte). */
    BOOLEAN(39, "boolean", 1),
    /** {@code ct_event}: conntrack event bits such as {@code new} (4 bytes, host order). */
    CT_EVENT(40, "ct_event", 4),
    /** {@code igmp_type}: an IGMP type such as {@code membership-query} (1 byte). */
    IGMP_TYPE(42, "igmp_type", 1),
    /** nft's mptcpopt_subtype: an integer with names, without a datatype number of its own. */
    MPTCP_SUBTYPE(4, "integer", 1),
    /** What a fib lookup says of an address ({@code RTN_*}). */
    FIB_ADDR(38, "fib_addrtype", 4),
    /** A one-bit integer, 0 or 1 ({@code socket transparent}, {@code meta nftrace}). */
    BIT(4, "integer", 1),
    /** A point in time: nanoseconds since the epoch, written {@code "2019-06-21 17:00:00"} in local time. */
    TIME_DATE(43, "time", 8),
    /** A time of day: seconds since midnight UTC, written {@code "17:00"} in local time. */
    TIME_HOUR(44, "hour", 4),
    /** A day of the week, {@code "Sunday"} (0) to {@code "Saturday"} (6). */
    TIME_DAY(45, "day", 1),
    /** An integer nft prints in hexadecimal ({@code comp flags 0x23}, {@code ip frag-off 0xde}). */
    HEX_INTEGER(4, "integer", 0),
    /** A duration in milliseconds, written {@code 1h30m}, {@code 30s}, {@code 500ms} (plain numbers are seconds). */
    TIME(18, "time", 4),
    /** A NUL-padded string such as a ct helper name. */
    STRING(5, "string", 16),
    /** Connection labels: a 128-bit map, bits written by number. */
    CT_LABEL(30, "ct_label", 16);

    /**
     * Whether values are sets of named bits, written {@code a,b,c}.
     *
     * @return whether this is a bitmask type such as {@code ct_state} or {@code tcp_flag}
     */
    public boolean isBitmask() {
        return this == TCP_FLAG || this == CT_STATUS || this == CT_EVENT || this == CT_STATE || this == CT_LABEL;
    }

    /** The datatypes, copied once: {@link #ofId} is asked for every set a rule looks up. */
    private static final Datatype[] ALL = values();

    private final int id;
    private final String nftName;
    private final int length;

    Datatype(int id, String nftName, int length) {
        this.id = id;
        this.nftName = nftName;
        this.length = length;
    }

    /**
     * nft's datatype number.
     *
     * @return the datatype number (as in set key types)
     */
    public int id() {
        return id;
    }

    /**
     * nft's name, as in {@code type ipv4_addr}.
     *
     * @return the name in nft syntax
     */
    public String nftName() {
        return nftName;
    }

    /**
     * Length of a value in bytes (0 for {@link #INTEGER}, whose length comes from the field).
     *
     * @return the length in bytes, or 0 for {@link #INTEGER}
     */
    public int length() {
        return length;
    }

    /**
     * Whether values are stored in host byte order in registers.
     *
     * @return {@code true} for host byte order, {@code false} for network byte order
     */
    public boolean hostOrder() {
        return switch (this) {
            case MARK, UID, GID, IFINDEX, CGROUPV2, VERDICT, CT_STATE, IFNAME, ARPHRD, CLASSID, HOST_INTEGER, REALM, CT_STATUS,
                 DEVGROUP, CT_EVENT, TIME, CT_LABEL, FIB_ADDR, TIME_DATE, TIME_HOUR -> true;
            default -> false;
        };
    }

    /**
     * Parses a value of this type as nft writes it ({@code 10.0.0.1}, {@code ssh},
     * {@code 0x10}, {@code "eth0"}, {@code tcp}).
     *
     * @param length the field's length in bytes (needed for {@link #INTEGER})
     * @throws IllegalArgumentException for text that is no value of this type
     * @param text the value as nft writes it; not null
     * @return the value's bytes
     */
    public Bytes parse(String text, int length) {
        String t = text.strip();
        return switch (this) {
            case IPV4_ADDR -> address(t, 4);
            case IPV6_ADDR -> address(t, 16);
            case ETHER_ADDR -> EtherAddress.parse(t);
            case INET_PROTO -> Bytes.u8(named(t, Netdb.protocolNumber(t), 0xff));
            case ICMP_TYPE -> Bytes.u8(named(t, DatatypeSymbols.ICMP_TYPES));
            // mld-listener-reduction is nft's other name for mld-listener-done
            case ICMPV6_TYPE -> Bytes.u8(t.equals("mld-listener-reduction") ? 132 : named(t, DatatypeSymbols.ICMPV6_TYPES));
            case INET_SERVICE -> Bytes.u16Be(named(t, Netdb.servicePort(t), 0xffff));
            case ETHERTYPE -> Bytes.u16Be(number(t, Map.of("ip", 0x0800, "ip6", 0x86dd, "arp", 0x0806, "vlan", 0x8100, "8021q", 0x8100, "8021ad", 0x88a8), 0xffff));
            case NFPROTO -> Bytes.u8(number(t, Map.of("ipv4", 2, "ipv6", 10), 0xff));
            case ARP_OP -> Bytes.u16Be(number(t, ARP_OP_NAMES, 0xffff));
            case PKTTYPE -> Bytes.u8(number(t, PKTTYPE_NAMES, 0xff));
            case MARK, UID, GID, IFINDEX -> Bytes.u32((int) parseUnsigned(t, 0xffffffffL));
            case CT_STATE -> CtState.parse(t);
            case ARPHRD -> {
                int v = number(t, ARPHRD_NAMES, 0xffff);
                yield Bytes.of((byte) v, (byte) (v >>> 8));
            }
            case CLASSID -> Bytes.u32(classid(t));
            case CGROUPV2 -> parseCgroupId(t);
            case IFNAME -> parseInterfaceName(t);
            case HOST_INTEGER -> parseHostInteger(t, length);
            case BIT -> Bytes.u8((int) parseUnsigned(t, 1));
            case TIME_DATE -> DateTypes.parseDate(t, text);
            case TIME_HOUR -> DateTypes.parseTimeOfDay(t);
            case TIME_DAY -> DateTypes.parseDay(t);
            case INTEGER, HEX_INTEGER -> parseInteger(t, length);
            case TCP_FLAG, DCCP_PKTTYPE, MH_TYPE, CT_DIR, ICMP_CODE, ICMPV6_CODE, DSCP, ECN, BOOLEAN, IGMP_TYPE,
                 CT_STATUS, DEVGROUP, CT_EVENT, REALM, MPTCP_SUBTYPE, FIB_ADDR -> symbolic(unquoted(t), length);
            case TIME -> parseDuration(t);
            case STRING -> parseString(t);
            case CT_LABEL -> parseCtLabel(t);
            case VERDICT -> throw new IllegalArgumentException("verdicts are statements, not values");
        };
    }

    private static Bytes parseCgroupId(String t) {
        long v = Long.parseUnsignedLong(t);
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return Bytes.of(b);
    }

    private static Bytes parseInterfaceName(String t) {
        String name = t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
        if (name.endsWith("\\*")) {
            // an escaped star is a literal character, matched exactly
            return Bytes.paddedString(name.substring(0, name.length() - 2) + "*", 16);
        }
        if (name.endsWith("*")) {
            return Bytes.of(name.substring(0, name.length() - 1).getBytes(StandardCharsets.UTF_8));
        }
        return Bytes.paddedString(name, 16);
    }

    private static Bytes parseHostInteger(String t, int length) {
        long v = parseUnsigned(t, length >= 8 ? -1L : (1L << (8 * length)) - 1);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return Bytes.of(b);
    }

    private static Bytes parseInteger(String t, int length) {
        if (length > 8) {
            BigInteger big;
            try {
                big = t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + t);
            }
            if (big.signum() < 0 || big.bitLength() > 8 * length) {
                throw new IllegalArgumentException("value " + t + " is out of range");
            }
            return BitLayout.fixed(big, length);
        }
        long v = parseUnsigned(t, length >= 8 ? -1L : (1L << (8 * length)) - 1);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[length - 1 - i] = (byte) (v >>> (8 * i));
        }
        return Bytes.of(b);
    }

    private static Bytes parseDuration(String t) {
        long ms = NftTime.parse(unquoted(t));
        if (ms > 0xffffffffL) {
            throw new IllegalArgumentException("duration " + t + " is out of range");
        }
        return Bytes.u32((int) ms);
    }

    private static Bytes parseString(String t) {
        String string = unquoted(t);
        if (string.isEmpty()) {
            throw new IllegalArgumentException("empty string");
        }
        return Bytes.paddedString(string, 16);
    }

    private static Bytes parseCtLabel(String t) {
        byte[] b = new byte[16];
        for (String part : t.split(",")) {
            int bit = (int) parseUnsigned(part.strip(), 127);
            b[bit / 8] |= (byte) (1 << (bit % 8));
        }
        return Bytes.of(b);
    }

    static String unquoted(String t) {
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /** A value of a symbolic type: a name, a number, or for bit masks names joined by commas. */
    private Bytes symbolic(String t, int fieldLength) {
        SequencedMap<String, Integer> names = DatatypeSymbols.SYMBOLS.getOrDefault(this, Collections.emptySortedMap());
        long v = 0;
        for (String part : isBitmask() ? t.split(",") : new String[]{t}) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            Integer named = names.get(p);
            v |= named != null ? named : parseUnsigned(p, length == 1 ? 0xff : length == 2 ? 0xffff : 0xffffffffL);
        }
        int n = length;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[hostOrder() ? i : n - 1 - i] = (byte) (v >>> (8 * i));
        }
        return Bytes.of(b);
    }

    private String printSymbolic(Bytes value) {
        long v = hostOrder() ? value.reversed().asBigEndian() : value.asBigEndian();
        SequencedMap<String, Integer> names = DatatypeSymbols.SYMBOLS.getOrDefault(this, Collections.emptySortedMap());
        if (isBitmask() && v == 0) {
            return "0x0";
        }
        if (isBitmask()) {
            StringJoiner j = new StringJoiner(",");
            long left = v;
            for (var e : names.entrySet()) {
                if ((left & e.getValue()) != 0 && Long.bitCount(e.getValue()) == 1) {
                    j.add(e.getKey());
                    left &= ~e.getValue();
                }
            }
            if (left != 0) {
                j.add(String.format("0x%x", left));
            }
            return j.toString();
        }
        for (var e : names.entrySet()) {
            if (e.getValue() == v) {
                return this == DEVGROUP || this == REALM ? "\"" + e.getKey() + "\"" : e.getKey();
            }
        }
        return this == DSCP || this == ECN || this == TCP_FLAG || this == CT_STATUS || this == CT_EVENT
                ? String.format("0x%02x", v) : Long.toString(v);
    }

    /**
     * Renders register bytes of this type the way nft prints the ends of a range:
     * numbers instead of symbolic names ({@code arp operation 1-2}, not {@code request-reply}).
     *
     * @param value the bytes of a value of this type
     * @return the value as nft writes a range end
     */
    public String printNumeric(Bytes value) {
        if (!fits(value)) {
            return raw(value);
        }
        return switch (this) {
            case ARP_OP, INET_PROTO, ICMP_TYPE, ICMPV6_TYPE, NFPROTO, PKTTYPE, DCCP_PKTTYPE, MH_TYPE, CT_DIR, ICMP_CODE,
                 ICMPV6_CODE, IGMP_TYPE, MPTCP_SUBTYPE -> Long.toString(value.asBigEndian());
            case DEVGROUP, REALM -> Long.toString(value.reversed().asBigEndian());
            case TIME -> {
                long ms = Integer.toUnsignedLong(value.asU32());
                yield ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
            }
            case ARPHRD -> Integer.toString((value.get(0) & 0xff) | (value.get(1) & 0xff) << 8);
            case ETHERTYPE -> String.format("0x%04x", value.asBigEndian());
            // as hex integers of the field's width (6 and 2 bits): ip dscp 0x08-0x0f, ip ecn 0x1-0x2
            case DSCP -> String.format("0x%02x", value.asBigEndian());
            case ECN -> String.format("0x%x", value.asBigEndian());
            // numbers even where nft -S or -u print names
            case INET_SERVICE -> Long.toString(value.asBigEndian());
            case UID, GID -> Integer.toUnsignedString(value.asU32());
            case IPV4_ADDR, IPV6_ADDR -> printAddress(value.toArray());
            default -> print(value);
        };
    }

    /**
     * Renders register bytes of this type as {@code nft list} prints them.
     *
     * @param value the bytes of a value of this type
     * @return the value as nft lists it
     */
    public String print(Bytes value) {
        if (!fits(value) || this == VERDICT) {
            return raw(value);
        }
        String flagged = OutputFlags.current().print(this, value);
        if (flagged != null) {
            return flagged;
        }
        byte[] b = value.toArray();
        return switch (this) {
            case IPV4_ADDR, IPV6_ADDR -> printAddress(b);
            case ETHER_ADDR -> EtherAddress.print(b);
            case INET_PROTO -> Netdb.protocolName(b[0] & 0xff) != null ? Netdb.protocolName(b[0] & 0xff) : Integer.toString(b[0] & 0xff);
            case ICMP_TYPE -> Objects.requireNonNullElse(DatatypeSymbols.ICMP_TYPES.get(b[0] & 0xff), Integer.toString(b[0] & 0xff));
            case ICMPV6_TYPE -> Objects.requireNonNullElse(DatatypeSymbols.ICMPV6_TYPES.get(b[0] & 0xff), Integer.toString(b[0] & 0xff));
            case INET_SERVICE -> Long.toString(value.asBigEndian());
            case ETHERTYPE -> switch ((int) value.asBigEndian()) {
                case 0x0800 -> "ip";
                case 0x86dd -> "ip6";
                case 0x0806 -> "arp";
                case 0x8100 -> "8021q";
                case 0x88a8 -> "8021ad";
                default -> String.format("0x%04x", value.asBigEndian());
            };
            case PKTTYPE -> value.get(0) < PKTTYPES.length ? PKTTYPES[value.get(0)] : Integer.toString(value.get(0));
            case ARP_OP -> {
                int v = (int) value.asBigEndian();
                yield ARP_OP_NAMES.entrySet().stream().filter(e -> e.getValue() == v).map(Map.Entry::getKey)
                        .findFirst().orElse(Integer.toString(v));
            }
            case NFPROTO -> switch (b[0]) {
                case 2 -> "ipv4";
                case 10 -> "ipv6";
                default -> Integer.toString(b[0] & 0xff);
            };
            case MARK -> String.format("0x%08x", value.asU32());
            case UID, GID, IFINDEX -> Integer.toUnsignedString(value.asU32());
            case CT_STATE -> CtState.render(value.asU32());
            case ARPHRD -> {
                int v = (b[0] & 0xff) | (b[1] & 0xff) << 8;
                yield ARPHRD_NAMES.entrySet().stream().filter(e -> e.getValue() == v).map(Map.Entry::getKey)
                        .findFirst().orElse(Integer.toString(v));
            }
            case CLASSID -> {
                int v = value.asU32();
                yield v == -1 ? "root" : v == 0 ? "none" : Integer.toHexString(v >>> 16) + ":" + Integer.toHexString(v & 0xffff);
            }
            case CGROUPV2 -> printCgroupId(b);
            case IFNAME -> printInterfaceName(b);
            case INTEGER -> new BigInteger(1, b).toString();
            case HEX_INTEGER -> "0x" + new BigInteger(1, b).toString(16);
            case BIT -> Integer.toString(value.get(0));
            case TIME_DATE -> DateTypes.printDate(value);
            case TIME_HOUR -> DateTypes.printTimeOfDay(value);
            case TIME_DAY -> value.get(0) < DateTypes.DAYS.size() ? "\"" + DateTypes.DAYS.get(value.get(0)) + "\"" : Integer.toString(value.get(0));
            case HOST_INTEGER -> Long.toUnsignedString(value.reversed().asBigEndian());
            case ICMP_CODE, ICMPV6_CODE -> Long.toString(value.asBigEndian());
            case TCP_FLAG, DCCP_PKTTYPE, MH_TYPE, CT_DIR, DSCP, ECN, BOOLEAN, IGMP_TYPE,
                 CT_STATUS, DEVGROUP, CT_EVENT, REALM, MPTCP_SUBTYPE, FIB_ADDR -> printSymbolic(value);
            case TIME -> NftTime.format(Integer.toUnsignedLong(value.asU32()));
            case STRING -> printString(b);
            case CT_LABEL -> printCtLabel(b);
            case VERDICT -> throw new IllegalArgumentException("verdicts are statements, not values");
        };
    }

    private static String printCgroupId(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return Long.toUnsignedString(v);
    }

    private static String printInterfaceName(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        String s = new String(b, 0, end, StandardCharsets.UTF_8);
        boolean wildcard = b.length < 16 && end == b.length;
        if (!wildcard && s.endsWith("*")) {
            s = s.substring(0, s.length() - 1) + "\\*";
        }
        return "\"" + s + (wildcard ? "*" : "") + "\"";
    }

    private static String printString(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return "\"" + new String(b, 0, end, StandardCharsets.UTF_8) + "\"";
    }

    private static String printCtLabel(byte[] b) {
        StringJoiner j = new StringJoiner(",");
        for (int bit = 0; bit < 8 * b.length; bit++) {
            if ((b[bit / 8] & (1 << (bit % 8))) != 0) {
                j.add(Integer.toString(bit));
            }
        }
        return j.toString();
    }

    /**
     * The order nft lists set elements in: by numeric value, read in the type's
     * byte order (host-order types such as marks and interface names as
     * little-endian numbers).
     *
     * @return a comparator in nft's listing order
     */
    public Comparator<Bytes> elementOrder() {
        return Comparator.comparing(b -> {
            byte[] raw = b.toArray();
            if (hostOrder()) {
                for (int i = 0, j = raw.length - 1; i < j; i++, j--) {
                    byte t = raw[i];
                    raw[i] = raw[j];
                    raw[j] = t;
                }
            }
            return new BigInteger(1, raw);
        });
    }

    /**
     * The datatypes of type number {@code type}, a concatenation's 6 bits each, in order; {@code null}
     * when one is unknown.
     *
     * @param type the type number of a concatenation, or of one datatype
     * @return the datatypes, or {@code null} when one is unknown
     */
    public static List<Datatype> parts(int type) {
        List<Datatype> types = new ArrayList<>();
        int t = type;
        do {
            Datatype d = ofId(t & 0x3f);
            if (d == null) {
                return null;
            }
            types.addFirst(d);
            t >>>= 6;
        } while (t != 0);
        return types;
    }

    /**
     * The type number of the concatenation of {@code parts}, 6 bits each (one datatype's own number).
     *
     * @param parts the datatypes of the concatenation, in order; not empty
     * @return the concatenation's type number
     */
    public static int concatenationId(List<Datatype> parts) {
        int id = 0;
        for (Datatype d : parts) {
            id = id << 6 | d.id();
        }
        return id;
    }

    /**
     * The datatype with nft number {@code id}, or {@code null}.
     *
     * @param id the datatype number
     * @return the datatype, or {@code null} when nftlink does not know it
     */
    public static Datatype ofId(int id) {
        for (Datatype d : ALL) {
            if (d.id == id) {
                return d;
            }
        }
        return null;
    }

    /** A number as nft reads one ({@code 17}, {@code 0x11}), else the number {@code name} stands for. */
    private static int named(String t, Integer name, int max) {
        if (!t.isEmpty() && Character.isDigit(t.charAt(0)) || name == null) {
            return (int) parseUnsigned(t, max);
        }
        return name;
    }

    private static int number(String t, Map<String, Integer> names, int max) {
        Integer named = names.get(t.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        return (int) parseUnsigned(t, max);
    }

    /** {@code PACKET_*} of {@code <linux/if_packet.h>} by number, as nft prints them. */
    private static final String[] PKTTYPES = {"host", "broadcast", "multicast", "other"};
    private static final Map<String, Integer> PKTTYPE_NAMES = Map.of("host", 0, "unicast", 0, "broadcast", 1,
            "multicast", 2, "other", 3);

    /** {@code ARPOP_*} of {@code <linux/if_arp.h>}, with nft's names. */
    private static final Map<String, Integer> ARP_OP_NAMES = Map.of("request", 1, "reply", 2, "rrequest", 3,
            "rreply", 4, "inrequest", 8, "inreply", 9, "nak", 10);

    private static final Map<String, Integer> ARPHRD_NAMES = Map.of("ether", 1, "ppp", 512, "ipip", 768, "ipip6", 769,
            "loopback", 772, "sit", 776, "ipgre", 778, "infiniband", 32);

    /** {@code root}, {@code none}, {@code MAJOR:MINOR} in hex, or a number. */
    private static int classid(String t) {
        if (t.equals("root")) {
            return -1;
        }
        if (t.equals("none")) {
            return 0;
        }
        int colon = t.indexOf(':');
        if (colon >= 0) {
            return Integer.parseInt(t.substring(0, colon), 16) << 16 | Integer.parseInt(t.substring(colon + 1), 16);
        }
        return (int) parseUnsigned(t, 0xffffffffL);
    }

    private static int named(String t, List<String> names) {
        int number = names.indexOf(t);
        if (number >= 0) {
            return number;
        }
        return (int) parseUnsigned(t, 0xff);
    }

    static long parseUnsigned(String t, long max) {
        try {
            long v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
            if (max != -1 && Long.compareUnsigned(v, max) > 0) {
                throw new IllegalArgumentException("value " + t + " is out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + t);
        }
    }

    private static Bytes address(String t, int length) {
        if (length == 4) {
            byte[] quad = dottedQuad(t);
            if (quad != null) {
                return Bytes.of(quad);
            }
        }
        boolean looksRight = length == 4 ? IPV4_LITERAL.matcher(t).matches() : t.contains(":") && IPV6_LITERAL.matcher(t).matches();
        if (!looksRight) {
            throw new IllegalArgumentException("not an " + (length == 4 ? "IPv4" : "IPv6") + " address: " + t);
        }
        try {
            byte[] b = InetAddress.getByName(t).getAddress();
            if (b.length == 4 && length == 16) {
                // Java reads an IPv4-mapped IPv6 address (::ffff:0.0.0.0) as the IPv4 address
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                b = mapped;
            }
            if (b.length != length) {
                throw new IllegalArgumentException("not an " + (length == 4 ? "IPv4" : "IPv6") + " address: " + t);
            }
            return Bytes.of(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + t);
        }
    }

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /**
     * The four bytes of {@code t} when it is a dotted quad in its plain form (numbers up to 255 without
     * leading zeros), read without a regular expression or the resolver: the common case of every
     * IPv4 address in a rule set; {@code null} for anything else, which takes the general path.
     */
    private static byte[] dottedQuad(String t) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char ch = i < t.length() ? t.charAt(i) : '.';
            if (ch >= '0' && ch <= '9') {
                if (digits > 0 && value == 0) {
                    return null;
                }
                value = (value < 0 ? 0 : value * 10) + (ch - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (ch == '.' && digits > 0 && part < 4) {
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /**
     * Whether {@code value} has a size this type can print by its meaning; a value of
     * another size (from a malformed or mismatched message) prints as one
     * hexadecimal number instead.
     *
     * @param value the bytes of a value
     * @return whether the value's size is one this type prints by meaning
     */
    public boolean fits(Bytes value) {
        int n = value.length();
        return switch (this) {
            case INTEGER, HEX_INTEGER, STRING, IFNAME -> true;
            case HOST_INTEGER -> n <= 8;
            case CT_LABEL -> n <= length;
            default -> n == length;
        };
    }

    /** Bytes as one hexadecimal number, for values no type can print. */
    private static String raw(Bytes value) {
        return value.length() == 0 ? "0x0" : "0x" + HexFormat.of().formatHex(value.toArray());
    }

    /**
     * IPv4 dotted quad, or IPv6 in the compressed form inet_ntop prints; bytes of
     * another length (from a malformed message) as one hexadecimal number.
     *
     * @param b the address bytes
     * @return the address as text
     */
    public static String printAddress(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        if (b.length != 16) {
            return raw(Bytes.of(b));
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestStart == 0 && (bestLength == 6 || bestLength == 5 && words[5] == 0xffff)) {
            String v4 = (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            return bestLength == 6 ? "::" + v4 : "::ffff:" + v4;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }
}
