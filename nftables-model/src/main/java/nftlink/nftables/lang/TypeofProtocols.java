package nftlink.nftables.lang;

import java.util.List;
import java.util.Map;

/**
 * nft's numbers for the header fields a {@code typeof} declaration names: the protocol
 * description ({@code enum proto_desc_id}, {@code enum exthdr_desc_id}, or a TCP option's kind) and
 * the field's template index in it, as nft keeps them in a set's userdata.
 */
final class TypeofProtocols {
    private TypeofProtocols() {
    }

    /** Protocol names by nft's description number; each protocol's field names by template index. */
    private static final List<String> PROTOCOLS = List.of("", "ah", "esp", "comp", "icmp", "igmp", "udp", "udplite", "tcp",
            "dccp", "sctp", "th", "ip", "ip6", "icmpv6", "arp", "vlan", "ether", "vxlan", "geneve", "gre", "gretap");
    private static final List<List<String>> FIELDS = List.of(
            List.of(),
            List.of("", "nexthdr", "hdrlength", "reserved", "spi", "sequence"),
            List.of("", "spi", "sequence"),
            List.of("", "nexthdr", "flags", "cpi"),
            List.of("", "type", "code", "checksum", "id", "sequence", "gateway", "mtu"),
            List.of("", "type", "checksum", "mrt", "group"),
            List.of("", "sport", "dport", "length", "checksum"),
            List.of("", "sport", "dport", "csumcov", "checksum"),
            List.of("", "sport", "dport", "sequence", "ackseq", "doff", "reserved", "flags", "window", "checksum", "urgptr"),
            List.of("", "sport", "dport", "type"),
            List.of("", "sport", "dport", "vtag", "checksum"),
            List.of("", "sport", "dport"),
            List.of("", "version", "hdrlength", "dscp", "ecn", "length", "id", "frag-off", "ttl", "protocol", "checksum",
                    "saddr", "daddr"),
            List.of("", "version", "dscp", "ecn", "flowlabel", "length", "nexthdr", "hoplimit", "saddr", "daddr"),
            List.of("", "type", "code", "checksum", "parameter-problem", "mtu", "id", "sequence", "max-delay", "taddr", "daddr"),
            List.of("", "htype", "ptype", "hlen", "plen", "operation", "saddr ether", "saddr ip", "daddr ether", "daddr ip"),
            List.of("", "pcp", "dei", "cfi", "id", "type"),
            List.of("", "daddr", "saddr", "type"),
            List.of("", "vni", "flags"),
            List.of("", "vni", "type"),
            List.of("", "version", "flags", "protocol"),
            List.of());

    /** IPv6 extension headers by nft's description number ({@code enum exthdr_desc_id}), and their fields. */
    private static final List<String> EXTENSION_HEADERS = List.of("", "hbh", "rt", "rt0", "rt2", "srh", "frag", "dst", "mh");
    private static final List<List<String>> EXTENSION_FIELDS = List.of(
            List.of(),
            List.of("", "nexthdr", "hdrlength"),
            List.of("", "nexthdr", "hdrlength", "type", "seg-left"),
            List.of(),
            List.of(),
            List.of(),
            List.of("", "nexthdr", "reserved", "frag-off", "reserved2", "more-fragments", "id"),
            List.of("", "nexthdr", "hdrlength"),
            List.of("", "nexthdr", "hdrlength", "type", "reserved", "checksum"));
    /** A TCP option's fields by template index: kind, length, then its own. */
    private static final Map<String, List<String>> TCP_OPTION_FIELDS = Map.of(
            "maxseg", List.of("kind", "length", "size"), "window", List.of("kind", "length", "count"),
            "timestamp", List.of("kind", "length", "tsval", "tsecr"), "mptcp", List.of("kind", "length", "subtype"));

    /** nft's description number and template index of field {@code name} of IPv6 extension header {@code header}, or null. */
    static int[] extensionField(String header, String name) {
        int desc = EXTENSION_HEADERS.indexOf(header);
        int index = desc <= 0 ? -1 : EXTENSION_FIELDS.get(desc).indexOf(name);
        return index <= 0 ? null : new int[]{desc, index};
    }

    /** The header and field of an IPv6 extension header's description number and template index, or null. */
    static String[] extensionField(int desc, int index) {
        if (desc <= 0 || desc >= EXTENSION_HEADERS.size() || index <= 0 || index >= EXTENSION_FIELDS.get(desc).size()) {
            return null;
        }
        return new String[]{EXTENSION_HEADERS.get(desc), EXTENSION_FIELDS.get(desc).get(index)};
    }

    /** The template index of field {@code name} of TCP option {@code option} ({@code sack0} to {@code sack3} blocks), or -1. */
    static int tcpOptionField(String option, String name) {
        if (option.matches("sack[0-3]?") && (name.equals("left") || name.equals("right"))) {
            int block = option.length() == 4 ? 0 : option.charAt(4) - '0';
            return 2 + 2 * block + (name.equals("right") ? 1 : 0);
        }
        List<String> fields = TCP_OPTION_FIELDS.getOrDefault(option, List.of("kind", "length"));
        return fields.indexOf(name);
    }

    /** The TCP option words and field of template index {@code index} of the option of kind {@code kind}, or null. */
    static String[] tcpOptionField(String option, int index) {
        if (option.equals("sack") && index >= 2 && index <= 9) {
            int block = (index - 2) / 2;
            return new String[]{block == 0 ? "sack" : "sack" + block, index % 2 == 0 ? "left" : "right"};
        }
        List<String> fields = TCP_OPTION_FIELDS.getOrDefault(option, List.of("kind", "length"));
        return index >= 0 && index < fields.size() ? new String[]{option, fields.get(index)} : null;
    }

    /** nft's description number of {@code protocol}, or -1. */
    static int protocol(String protocol) {
        return protocol.isEmpty() ? -1 : PROTOCOLS.indexOf(protocol);
    }

    /** The protocol of description number {@code id}, or {@code null}. */
    static String protocolName(int id) {
        return id > 0 && id < PROTOCOLS.size() ? PROTOCOLS.get(id) : null;
    }

    /** The template index of field {@code name} of {@code protocol}, or -1. */
    static int field(String protocol, String name) {
        int p = protocol(protocol);
        return p < 0 || name.isEmpty() ? -1 : FIELDS.get(p).indexOf(name);
    }

    /** The name of field {@code index} of the protocol with description number {@code id}, or {@code null}. */
    static String fieldName(int id, int index) {
        if (id <= 0 || id >= FIELDS.size()) {
            return null;
        }
        List<String> fields = FIELDS.get(id);
        return index > 0 && index < fields.size() ? fields.get(index) : null;
    }
}
