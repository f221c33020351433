package nftlink.nftables.lang;

import java.util.List;

/**
 * nft's numbers for the header fields a {@code typeof} declaration names: the protocol
 * description ({@code enum proto_desc_id}) and the field's template index in it, as nft keeps
 * them in a set's userdata.
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
