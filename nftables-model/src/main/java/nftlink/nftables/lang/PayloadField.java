package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A protocol header field: {@code ip saddr}, {@code tcp dport}, {@code ether type}, ...
 * with where it lies in the packet and which protocol match it depends on.
 *
 * @param protocol the header's protocol as nft names it
 * @param name     the field's name
 * @param base     the header the offset counts from
 * @param offset   byte offset in that header
 * @param length   length in bytes
 * @param datatype the datatype of its values
 */
public record PayloadField(String protocol, String name, Payload.Base base, int offset, int length, Datatype datatype)
        implements Field {

    public static final PayloadField IP_PROTOCOL = new PayloadField("ip", "protocol", Payload.Base.NETWORK, 9, 1, Datatype.INET_PROTO);
    public static final PayloadField IP_SADDR = new PayloadField("ip", "saddr", Payload.Base.NETWORK, 12, 4, Datatype.IPV4_ADDR);
    public static final PayloadField IP_DADDR = new PayloadField("ip", "daddr", Payload.Base.NETWORK, 16, 4, Datatype.IPV4_ADDR);
    public static final PayloadField IP6_NEXTHDR = new PayloadField("ip6", "nexthdr", Payload.Base.NETWORK, 6, 1, Datatype.INET_PROTO);
    public static final PayloadField IP6_SADDR = new PayloadField("ip6", "saddr", Payload.Base.NETWORK, 8, 16, Datatype.IPV6_ADDR);
    public static final PayloadField IP6_DADDR = new PayloadField("ip6", "daddr", Payload.Base.NETWORK, 24, 16, Datatype.IPV6_ADDR);
    public static final PayloadField TCP_SPORT = new PayloadField("tcp", "sport", Payload.Base.TRANSPORT, 0, 2, Datatype.INET_SERVICE);
    public static final PayloadField TCP_DPORT = new PayloadField("tcp", "dport", Payload.Base.TRANSPORT, 2, 2, Datatype.INET_SERVICE);
    public static final PayloadField UDP_SPORT = new PayloadField("udp", "sport", Payload.Base.TRANSPORT, 0, 2, Datatype.INET_SERVICE);
    public static final PayloadField UDP_DPORT = new PayloadField("udp", "dport", Payload.Base.TRANSPORT, 2, 2, Datatype.INET_SERVICE);
    public static final PayloadField ICMP_TYPE = new PayloadField("icmp", "type", Payload.Base.TRANSPORT, 0, 1, Datatype.ICMP_TYPE);
    public static final PayloadField ICMPV6_TYPE = new PayloadField("icmpv6", "type", Payload.Base.TRANSPORT, 0, 1, Datatype.ICMPV6_TYPE);
    public static final PayloadField ETHER_DADDR = new PayloadField("ether", "daddr", Payload.Base.LINK, 0, 6, Datatype.ETHER_ADDR);
    public static final PayloadField ETHER_SADDR = new PayloadField("ether", "saddr", Payload.Base.LINK, 6, 6, Datatype.ETHER_ADDR);
    public static final PayloadField ETHER_TYPE = new PayloadField("ether", "type", Payload.Base.LINK, 12, 2, Datatype.ETHERTYPE);

    /** {@code vlan type}: the ethertype after an 802.1Q tag. */
    public static final PayloadField VLAN_TYPE = new PayloadField("vlan", "type", Payload.Base.LINK, 16, 2, Datatype.ETHERTYPE);

    /** The transport protocols with header fields, by protocol number. */
    static final Map<Integer, String> TRANSPORT_PROTOCOLS = Map.ofEntries(
            Map.entry(6, "tcp"), Map.entry(17, "udp"), Map.entry(1, "icmp"),
            Map.entry(58, "icmpv6"), Map.entry(132, "sctp"), Map.entry(33, "dccp"),
            Map.entry(136, "udplite"), Map.entry(50, "esp"), Map.entry(51, "ah"),
            Map.entry(108, "comp"), Map.entry(2, "igmp"), Map.entry(47, "gre"));

    /** The byte-aligned header fields; where two share a place, the first is the one a listing names. */
    static final List<PayloadField> ALL = Stream.of(
            List.of(IP_PROTOCOL, IP_SADDR, IP_DADDR, IP6_NEXTHDR, IP6_SADDR, IP6_DADDR, TCP_SPORT, TCP_DPORT,
                    UDP_SPORT, UDP_DPORT, ICMP_TYPE, ICMPV6_TYPE, ETHER_DADDR, ETHER_SADDR, ETHER_TYPE),
            HeaderFieldTable.fields("""
            ip      nh 2  2  integer      length
            ip      nh 4  2  integer      id
            ip      nh 8  1  integer      ttl
            ip      nh 10 2  integer      checksum
            ip6     nh 4  2  integer      length
            ip6     nh 7  1  integer      hoplimit
            tcp     th 4  4  integer      sequence
            tcp     th 8  4  integer      ackseq
            tcp     th 14 2  integer      window
            tcp     th 16 2  integer      checksum
            tcp     th 18 2  integer      urgptr
            udp     th 4  2  integer      length
            udp     th 6  2  integer      checksum
            udplite th 0  2  inet_service sport
            udplite th 2  2  inet_service dport
            udplite th 6  2  integer      checksum
            sctp    th 0  2  inet_service sport
            sctp    th 2  2  inet_service dport
            sctp    th 4  4  integer      vtag
            sctp    th 8  4  integer      checksum
            dccp    th 0  2  inet_service sport
            dccp    th 2  2  inet_service dport
            esp     th 0  4  integer      spi
            esp     th 4  4  integer      sequence
            ah      th 1  1  integer      hdrlength
            ah      th 2  2  integer      reserved
            ah      th 4  4  integer      spi
            ah      th 8  4  integer      sequence
            comp    th 2  2  integer      cpi
            # icmp id, sequence, mtu and gateway share offsets and are told apart by the icmp type
            # matched before them (see icmpType())
            icmp    th 2  2  integer      checksum
            icmpv6  th 2  2  integer      checksum
            icmp    th 1  1  icmp_code    code
            icmp    th 4  2  integer      id
            icmp    th 6  2  integer      sequence
            icmp    th 6  2  integer      mtu
            icmp    th 4  4  integer      gateway
            icmpv6  th 1  1  icmpv6_code  code
            icmpv6  th 4  2  integer      id
            icmpv6  th 6  2  integer      sequence
            icmpv6  th 4  4  integer      mtu
            icmpv6  th 4  2  integer      max-delay
            icmpv6  th 8  16 ipv6_addr    taddr
            icmpv6  th 24 16 ipv6_addr    daddr
            igmp    th 0  1  igmp_type    type
            igmp    th 1  1  integer      mrt
            igmp    th 2  2  integer      checksum
            igmp    th 4  4  integer      group
            comp    th 0  1  inet_proto   nexthdr
            comp    th 1  1  hex_integer  flags
            tcp     th 13 1  tcp_flag     flags
            udplite th 4  2  integer      csumcov
            ip      nh 6  2  hex_integer  frag-off
            """, PayloadField::new),
            List.of(VLAN_TYPE),
            HeaderFieldTable.fields("""
            # th: the ports of whatever transport protocol the packet has
            th  th 0  2 inet_service sport
            th  th 2  2 inet_service dport
            # struct arphdr followed by the Ethernet/IPv4 addresses nft assumes (hlen 6, plen 4)
            arp nh 0  2 integer      htype
            arp nh 2  2 ethertype    ptype
            arp nh 4  1 integer      hlen
            arp nh 5  1 integer      plen
            arp nh 6  2 arp_op       operation
            arp nh 8  6 ether_addr   saddr ether
            arp nh 14 4 ipv4_addr    saddr ip
            arp nh 18 6 ether_addr   daddr ether
            arp nh 24 4 ipv4_addr    daddr ip
            gre th 2  2 ethertype    protocol
            """, PayloadField::new)).flatMap(List::stream).toList();

    @Override
    public Expression load(int register) {
        return new Payload.Load(base, offset, length, register);
    }

    /**
     * {@code field} of vlan tag number {@code tag} (1 the outer one): an inner tag's fields lie
     * 4 bytes further per tag ({@code ether type 8021ad vlan id 1 vlan type 8021q vlan id 2});
     * other fields as they are.
     */
    static Field ofVlanTag(Field field, int tag) {
        if (tag <= 1) {
            return field;
        }
        return switch (field) {
            case PayloadField p when p.protocol().equals("vlan") -> new PayloadField(p.protocol(), p.name(), p.base(),
                    p.offset() + 4 * (tag - 1), p.length(), p.datatype());
            case PayloadBitField p when p.protocol().equals("vlan") -> new PayloadBitField(p.protocol(), p.name(), p.base(),
                    p.bitOffset() + 32 * (tag - 1), p.bits(), p.datatype());
            default -> field;
        };
    }

    /** Whether {@code field} is {@code vlan type} of any tag. */
    static boolean isVlanType(Field field) {
        return field instanceof PayloadField p && p.protocol().equals("vlan") && p.name().equals("type");
    }

    /** Whether {@code m} opens a vlan tag: ether type or vlan type 8021q or 8021ad. */
    static boolean opensVlanTag(Match m) {
        return m.op() == Match.Op.EQ && (m.field().equals(ETHER_TYPE) || isVlanType(m.field()))
                && m.value() instanceof Value.Single v && v.bytes().length() == 2
                && (v.bytes().asBigEndian() == 0x8100 || v.bytes().asBigEndian() == 0x88a8);
    }

    /** Loads only the first {@code bytes} bytes (for byte-aligned prefixes). */
    Expression load(int register, int bytes) {
        return new Payload.Load(base, offset, bytes, register);
    }

    @Override
    public List<Match> dependencies(Family family) {
        return switch (protocol) {
            case "ip" -> network(family, Family.IP, "ipv4", 0x0800);
            case "ip6" -> network(family, Family.IP6, "ipv6", 0x86dd);
            case "tcp" -> List.of(Match.eq(MetaField.L4PROTO, Bytes.u8(6)));
            case "udp" -> List.of(Match.eq(MetaField.L4PROTO, Bytes.u8(17)));
            case "sctp", "dccp", "udplite", "esp", "ah", "comp", "gre" -> List.of(Match.eq(MetaField.L4PROTO, Bytes.u8(
                    TRANSPORT_PROTOCOLS.entrySet().stream().filter(e -> e.getValue().equals(protocol)).findFirst().orElseThrow().getKey())));
            case "icmp" -> withType(withL4(family == Family.IP6 ? List.of() : network(family, Family.IP, "ipv4", 0x0800), 1));
            case "icmpv6" -> withType(withL4(family == Family.IP ? List.of() : network(family, Family.IP6, "ipv6", 0x86dd), 58));
            case "igmp" -> withL4(network(family, Family.IP, "ipv4", 0x0800), 2);
            case "arp" -> switch (family) {
                case ARP -> List.of();
                case BRIDGE, NETDEV -> List.of(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x0806)));
                default -> throw new IllegalArgumentException("arp " + name + " cannot be matched in family " + family
                        + " (arp, bridge and netdev only)");
            };
            case "vlan" -> {
                List<Match> deps = new ArrayList<>(ETHER_TYPE.dependencies(family));
                deps.add(Match.eq(ETHER_TYPE, Bytes.u16Be(0x8100)));
                yield deps;
            }
            case "ether" -> switch (family) {
                case IP, IP6, INET, NETDEV, ARP -> List.of(Match.eq(MetaField.IIFTYPE, Bytes.of((byte) 1, (byte) 0)));
                case BRIDGE -> List.of();
                default -> throw new IllegalArgumentException("ether fields cannot be matched in family " + family);
            };
            default -> List.of();
        };
    }

    /**
     * The icmp types a field of the icmp or icmpv6 header exists in, as nft matches them
     * first: one type, or an anonymous set of them; {@code null} for fields of every type.
     */
    Value icmpType() {
        int[] types = switch (protocol + " " + name) {
            // (in the order nft adds them to the anonymous set)
            case "icmp id", "icmp sequence" -> new int[]{8, 0};
            case "icmp mtu" -> new int[]{3};
            case "icmp gateway" -> new int[]{5};
            case "icmpv6 id", "icmpv6 sequence" -> new int[]{128, 129};
            case "icmpv6 mtu" -> new int[]{2};
            case "icmpv6 max-delay" -> new int[]{130};
            case "icmpv6 taddr" -> new int[]{130, 131, 132, 135, 136, 137};
            case "icmpv6 daddr" -> new int[]{137};
            default -> null;
        };
        if (types == null) {
            return null;
        }
        if (types.length == 1) {
            return new Value.Single(Bytes.u8(types[0]));
        }
        List<Value> items = new ArrayList<>();
        for (int t : types) {
            items.add(new Value.Single(Bytes.u8(t)));
        }
        return new Value.SetLiteral(items);
    }

    private List<Match> withType(List<Match> dependencies) {
        Value type = icmpType();
        if (type == null) {
            return dependencies;
        }
        List<Match> all = new ArrayList<>(dependencies);
        all.add(new Match(protocol.equals("icmp") ? ICMP_TYPE : ICMPV6_TYPE, Match.Op.EQ, type));
        return all;
    }

    private static List<Match> withL4(List<Match> network, int l4proto) {
        List<Match> all = new ArrayList<>(network);
        all.add(Match.eq(MetaField.L4PROTO, Bytes.u8(l4proto)));
        return all;
    }

    private List<Match> network(Family family, Family own, String nfproto, int ethertype) {
        if (family == own) {
            return List.of();
        }
        return switch (family) {
            case INET -> List.of(Match.eq(MetaField.NFPROTO, Bytes.u8(own == Family.IP ? 2 : 10)));
            case BRIDGE, NETDEV -> List.of(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(ethertype)));
            default -> throw new IllegalArgumentException(protocol + " " + name + " cannot be matched in family "
                    + family + " (" + nfproto + " only)");
        };
    }

    @Override
    public String text() {
        return protocol + " " + name;
    }

    /** The field at {@code base}/{@code offset} loading {@code length} bytes, if the language knows it. */
    static PayloadField at(Payload.Base base, int offset, int length, String protocolHint) {
        PayloadField candidate = null;
        for (PayloadField f : ALL) {
            if (f.base == base && f.offset == offset && f.length == length) {
                if (f.protocol.equals(protocolHint)) {
                    return f;
                }
                if (candidate == null) {
                    candidate = f;
                }
            }
        }
        return candidate;
    }
}
