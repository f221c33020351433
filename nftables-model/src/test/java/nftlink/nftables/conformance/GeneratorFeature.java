package nftlink.nftables.conformance;

import java.util.List;

/**
 * What the rule set generator can write, each switchable: every feature is on
 * unless the project lists it as failing today ({@code conformance/generator-known-failures.txt},
 * read by {@link FeatureSwitches}), so that a fixer turns a feature on by removing
 * its line.
 */
enum GeneratorFeature {
    /** Tables of the ip family. */
    FAMILY_IP,
    /** Tables of the ip6 family. */
    FAMILY_IP6,
    /** Tables of the inet family. */
    FAMILY_INET,
    /** Tables of the arp family. */
    FAMILY_ARP,
    /** Tables of the bridge family. */
    FAMILY_BRIDGE,
    /** Tables of the netdev family, with base chains on ifb devices. */
    FAMILY_NETDEV,
    /** Set, rule and object comments. */
    COMMENTS,
    /** Chain comments. */
    CHAIN_COMMENTS,
    /** Table comments. */
    TABLE_COMMENTS,
    /** Tables with {@code flags dormant}. */
    TABLE_DORMANT,
    /** Base chain priorities by name ({@code filter + 10}, {@code dstnat}). */
    PRIORITY_NAMES,
    /** Base chains with {@code policy drop}. */
    POLICY_DROP,
    /** Regular chains reached by {@code jump} and {@code goto}. */
    REGULAR_CHAINS,
    /** Nat base chains ({@code type nat}). */
    NAT_CHAINS,
    /** Route base chains ({@code type route hook output}). */
    ROUTE_CHAINS,
    /** Named sets and maps. */
    NAMED_SETS,
    /** Named sets keyed by IPv4 addresses. */
    KEY_IPV4,
    /** Named sets keyed by IPv6 addresses. */
    KEY_IPV6,
    /** Named sets keyed by Ethernet addresses. */
    KEY_ETHER,
    /** Named sets keyed by ports ({@code inet_service}). */
    KEY_SERVICE,
    /** Named sets keyed by layer 4 protocols ({@code inet_proto}). */
    KEY_PROTO,
    /** Named sets keyed by packet marks ({@code meta mark}, host byte order). */
    KEY_MARK,
    /** Named sets keyed by connection marks ({@code ct mark}, host byte order). */
    KEY_CT_MARK,
    /** Named sets keyed by socket user IDs ({@code meta skuid}, host byte order). */
    KEY_UID,
    /** Named sets keyed by socket group IDs ({@code meta skgid}, host byte order). */
    KEY_GID,
    /** Named sets keyed by {@code meta priority} (classid, host byte order). */
    KEY_PRIORITY,
    /** Named sets keyed by interface names ({@code iifname}). */
    KEY_IFNAME,
    /** Named sets keyed by conntrack states ({@code ct state}). */
    KEY_CT_STATE,
    /** Interface indexes written as names ({@code iif "lo"}), in rules and sets. */
    IIF_NAMES,
    /** Interface name wildcards in sets ({@code "eth*"}). */
    IFNAME_WILDCARD,
    /** Set and map declarations with {@code typeof} instead of {@code type}. */
    TYPEOF,
    /** Sets and maps with {@code flags interval} (ranges and prefixes as elements). */
    SET_INTERVAL,
    /** Interval sets whose key is in host byte order (mark, uid, gid, ct mark, meta priority). */
    HOST_ORDER_INTERVAL,
    /** Ranges and prefixes whose lower bound is zero ({@code ::/99}, {@code 0x0-0x10}). */
    INTERVAL_FROM_ZERO,
    /** Interval sets with {@code auto-merge}. */
    SET_AUTO_MERGE,
    /** Sets with {@code flags timeout}, a default {@code timeout} and elements with their own. */
    SET_TIMEOUT,
    /** Sets with {@code counter} (a counter per element). */
    SET_COUNTER,
    /** Sets with {@code flags constant}. */
    SET_CONSTANT,
    /** Sets with {@code flags dynamic} updated from rules ({@code add @s { ip saddr }}). */
    SET_DYNAMIC,
    /** Stateful statements in dynamic set updates ({@code update @s { ip saddr limit rate 10/second }}). */
    DYNSET_STATEFUL,
    /** Sets with {@code size} and {@code policy}. */
    SET_SIZE_POLICY,
    /** Concatenated keys ({@code ipv4_addr . inet_service}). */
    CONCAT,
    /** Ranges and prefixes inside concatenated interval elements. */
    CONCAT_INTERVAL,
    /** Catch-all elements ({@code *}). */
    CATCHALL,
    /** Element comments. */
    ELEMENT_COMMENTS,
    /** Data maps to marks ({@code type ipv4_addr : mark}) for {@code meta mark set ... map @m}. */
    DATA_MAP,
    /** Data maps to addresses, address and port pairs, and ports, for nat and redirect ({@code dnat to ... map @m}). */
    NAT_DATA_MAP,
    /** Verdict maps. */
    VERDICT_MAP,
    /** Object maps ({@code type ipv4_addr : counter}). */
    OBJECT_MAP,
    /** Anonymous sets in rules ({@code tcp dport { 22, 80 }}). */
    ANONYMOUS_SET,
    /** Anonymous sets of one element ({@code tcp dport { 22 }}). */
    SINGLE_ELEMENT_SET,
    /** Anonymous sets of one flag ({@code ct state { established }}). */
    SINGLE_FLAG_SET,
    /** Anonymous data and verdict maps in rules. */
    ANONYMOUS_MAP,
    /** Named counter objects and {@code counter name}. */
    OBJ_COUNTER,
    /** Named quota objects and {@code quota name}. */
    OBJ_QUOTA,
    /** Named limit objects and {@code limit name}. */
    OBJ_LIMIT,
    /** ct helper objects and {@code ct helper set}. */
    OBJ_CT_HELPER,
    /** ct timeout objects and {@code ct timeout set}. */
    OBJ_CT_TIMEOUT,
    /** ct expectation objects and {@code ct expectation set}. */
    OBJ_CT_EXPECTATION,
    /** synproxy objects and {@code synproxy name}. */
    OBJ_SYNPROXY,
    /** snat with addresses, ranges and ports. */
    NAT_SNAT,
    /** dnat with addresses, ranges and ports. */
    NAT_DNAT,
    /** masquerade, with ports and flags. */
    NAT_MASQUERADE,
    /** redirect, with ports. */
    NAT_REDIRECT,
    /** nat targets from maps ({@code dnat ip to ip saddr map @m}). */
    NAT_MAP,
    /** nat written without {@code to} ({@code snat 10.0.0.1}). */
    NAT_WITHOUT_TO,
    /** nat to ports in rules whose transport protocol shows only in a set lookup or map key ({@code tcp dport @s dnat to :80}). */
    NAT_PORT_AFTER_LOOKUP,
    /** nat flags ({@code random}, {@code fully-random}, {@code persistent}). */
    NAT_FLAGS,
    /** snat/dnat to an address prefix ({@code snat ip prefix to ...}, netmap). */
    NAT_PREFIX,
    /** IPv6 addresses written in shorthand ({@code ::1}, {@code ::ffff:10.0.0.1}). */
    IPV6_SHORTHAND,
    /** IPv6 addresses written in full, eight groups of four digits. */
    IPV6_FULL,
    /** IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}). */
    IPV6_MAPPED,
    /** Flag lists written without spaces ({@code ct state established,related}, {@code syn|ack}). */
    FLAGS_WITHOUT_SPACES,
    /** Flag lists written with spaces ({@code ct state established, related}, {@code syn | ack}). */
    FLAGS_WITH_SPACES,
    /** Matches with a mask ({@code meta mark & 0xff == 0x1}). */
    MATCH_MASK,
    /** Matches on TCP flags with a mask ({@code tcp flags & (fin | syn | rst | ack) != syn}). */
    TCP_FLAGS,
    /**
     * A vlan tag matched first in a rule of an inet, bridge or netdev table ({@code vlan id 5}), so that the rule's
     * network header depends on the tag's type ({@code vlan type ip}) and its link-layer fields are read after the tag
     * as nft 1.1.3 reads them. Such a rule matches no {@code ether daddr} (see {@code RuleText.selectors}): nft reads
     * link header offset 0 after a tag as the tag's fields and lists {@code vlan id 5 ether daddr @s} as {@code vlan id
     * 5 @ll,0,48 @s}, which nft-ref -c -f then refuses ("datatype mismatch, expected integer, expression has type
     * Ethernet address"); nftlink lists it as nft does (VlanLinkLayerKernelTest). Not in nat chains, and such a rule
     * does not end in a reject (see {@code RuleWriter}).
     */
    MATCH_VLAN,
    /** IGMP header matches ({@code igmp type membership-query}) in rules of IPv4 without a transport protocol. */
    MATCH_IGMP,
    /** Matches with ranges and prefixes ({@code tcp dport 1-1024}, {@code ip saddr 10.0.0.0/8}). */
    MATCH_RANGE,
    /** Negated matches ({@code !=}). */
    MATCH_NEGATION,
    /** Negated flag lists ({@code ct state != established,related}). */
    NEGATED_FLAG_LIST,
    /** Host-order values in rule matches ({@code meta mark 0x10}, {@code meta skuid 20000}). */
    MATCH_HOST_ORDER,
    /** The counter statement. */
    STMT_COUNTER,
    /** The log statement with prefix, level and flags. */
    STMT_LOG,
    /** The limit statement, with explicit bursts other than nft's default. */
    STMT_LIMIT,
    /** Limits (statements, objects, set statements) without a burst or with nft's default, 5 packets. */
    LIMIT_DEFAULT_BURST,
    /** The quota statement. */
    STMT_QUOTA,
    /**
     * {@code meta mark set}, {@code ct mark set}, {@code meta priority set}; also values from the packet ({@code meta
     * priority set numgen inc mod 4}, {@code ct zone set numgen ...}, {@code ip saddr set ip daddr}, {@code tcp dport set
     * tcp sport}, {@code meta mark set tcp dport & 0xff}, {@code ct mark set ct mark & 0xff | 0x100}).
     */
    STMT_SET_MARK,
    /** The reject statement with its variants. */
    STMT_REJECT,
    /** Rules added after the table block with {@code add rule}, {@code insert rule} and {@code add element}. */
    COMMANDS,
    /** IPv6 extension header matches ({@code exthdr frag exists}, {@code frag frag-off}, {@code rt type}, {@code mh type}, {@code srh}). */
    MATCH_EXTHDR,
    /** TCP option matches ({@code tcp option maxseg size}, {@code tcp option sack-perm exists}, raw {@code tcp option @254,16,16}). */
    MATCH_TCP_OPTION,
    /** IPv4 option matches ({@code ip option rr exists}, {@code ip option lsrr ptr}). */
    MATCH_IP_OPTION,
    /** SCTP header and chunk matches ({@code sctp dport}, {@code sctp chunk init num-inbound-streams}). */
    MATCH_SCTP,
    /** DCCP header matches ({@code dccp sport}, {@code dccp type}). */
    MATCH_DCCP,
    /** UDP-Lite header matches. */
    MATCH_UDPLITE,
    /** AH, ESP and IPComp header matches. */
    MATCH_IPSEC_HEADERS,
    /** icmp and icmpv6 fields other than the type ({@code icmp code}, {@code icmp id}, {@code icmpv6 mtu}, {@code icmpv6 taddr}). */
    MATCH_ICMP_FIELDS,
    /** fib lookups ({@code fib saddr . iif oif exists}, {@code fib daddr type local}). */
    MATCH_FIB,
    /** Routing matches ({@code rt classid}, {@code rt ip nexthop}, {@code rt mtu}, {@code rt ipsec}). */
    MATCH_RT,
    /** Socket matches ({@code socket transparent}, {@code socket mark}, {@code socket wildcard}). */
    MATCH_SOCKET,
    /** Passive OS fingerprint matches ({@code osf ttl loose name "Linux"}). */
    MATCH_OSF,
    /** numgen, jhash and symhash compared with values. */
    MATCH_NUMGEN_HASH,
    /** meta keys beyond marks and interfaces (iiftype, pkttype, cpu, cgroup, length, nfproto, ipsec, groups, random...). */
    MATCH_META_KEYS,
    /** {@code meta time}, {@code meta day} and {@code meta hour}. */
    MATCH_META_TIME,
    /** ct keys beyond state and mark (direction, zone, bytes, packets, l3proto, protocol, proto-src, id, helper, label, avgpkt, status, expiration). */
    MATCH_CT_KEYS,
    /** ct addresses ({@code ct original ip saddr}, {@code ct reply ip6 daddr}). */
    MATCH_CT_ADDRESSES,
    /** Header writes ({@code ip dscp set}, {@code ip6 hoplimit set}, {@code tcp dport set 80}, with checksum updates). */
    STMT_PAYLOAD_SET,
    /** {@code tcp option maxseg size set}, to a value or {@code rt mtu}. */
    STMT_TCP_OPTION_SET,
    /** {@code meta nftrace set}, {@code meta pkttype set}, {@code meta mark set meta mark xor 0x4000}. */
    STMT_META_SET,
    /** {@code ct zone set}, {@code ct label set}, {@code ct event set}, {@code ct mark set ct mark | 0x1}. */
    STMT_CT_SET,
    /** The notrack statement. */
    STMT_NOTRACK,
    /** The dup statement (to an address, with a device; netdev: to a device). */
    STMT_DUP,
    /** The fwd statement of netdev ingress chains. */
    STMT_FWD,
    /** The tproxy statement in prerouting. */
    STMT_TPROXY,
    /** The synproxy statement with its options. */
    STMT_SYNPROXY,
    /** The last statement. */
    STMT_LAST,
    /** {@code ct count} (connlimit). */
    STMT_CT_COUNT;

    /** The features without which this one never shows (directly). */
    List<GeneratorFeature> requires() {
        return switch (this) {
            case KEY_IPV4, KEY_IPV6, KEY_ETHER, KEY_SERVICE, KEY_PROTO, KEY_MARK, KEY_CT_MARK, KEY_UID, KEY_GID,
                 KEY_PRIORITY, KEY_IFNAME, KEY_CT_STATE -> List.of(NAMED_SETS);
            case SET_INTERVAL -> List.of(NAMED_SETS, KEY_IPV4, KEY_SERVICE);
            case SET_AUTO_MERGE -> List.of(NAMED_SETS, SET_INTERVAL, KEY_IPV4, KEY_SERVICE);
            case INTERVAL_FROM_ZERO -> List.of(NAMED_SETS, SET_INTERVAL, KEY_IPV6, KEY_MARK, MATCH_RANGE, COMMANDS, FAMILY_IP6,
                    FAMILY_INET);
            case CONCAT_INTERVAL -> List.of(NAMED_SETS, CONCAT, SET_INTERVAL, MATCH_RANGE, KEY_IPV4, KEY_SERVICE);
            case HOST_ORDER_INTERVAL -> List.of(NAMED_SETS, SET_INTERVAL, KEY_MARK, MATCH_HOST_ORDER, MATCH_RANGE);
            case IFNAME_WILDCARD -> List.of(NAMED_SETS, SET_INTERVAL, KEY_IFNAME);
            case DYNSET_STATEFUL -> List.of(NAMED_SETS, SET_DYNAMIC, KEY_IPV4, KEY_SERVICE);
            case NAT_SNAT, NAT_DNAT, NAT_MASQUERADE, NAT_REDIRECT -> List.of(NAT_CHAINS);
            case NAT_MAP -> List.of(NAT_CHAINS, NAT_DNAT, NAT_SNAT, ANONYMOUS_MAP);
            case NAT_WITHOUT_TO, NAT_FLAGS, NAT_PREFIX -> List.of(NAT_CHAINS, NAT_DNAT, NAT_SNAT);
            case NAT_PORT_AFTER_LOOKUP -> List.of(NAT_CHAINS, NAT_DNAT, NAT_SNAT, NAT_MASQUERADE, NAT_REDIRECT, NAMED_SETS,
                    KEY_SERVICE, DATA_MAP, ANONYMOUS_MAP);
            case OBJECT_MAP -> List.of(NAMED_SETS, KEY_IPV4, KEY_SERVICE, OBJ_COUNTER, OBJ_QUOTA, OBJ_LIMIT);
            case CATCHALL, SET_TIMEOUT, SET_COUNTER, SET_CONSTANT, SET_SIZE_POLICY, TYPEOF, ELEMENT_COMMENTS,
                 DATA_MAP, VERDICT_MAP, SET_DYNAMIC, CONCAT -> List.of(NAMED_SETS, KEY_IPV4, KEY_SERVICE);
            case NAT_DATA_MAP -> List.of(NAMED_SETS, KEY_IPV4, KEY_SERVICE, NAT_CHAINS, NAT_DNAT, NAT_SNAT, NAT_REDIRECT);
            case ANONYMOUS_MAP -> List.of(VERDICT_MAP);
            case SINGLE_ELEMENT_SET -> List.of(ANONYMOUS_SET);
            case SINGLE_FLAG_SET -> List.of(ANONYMOUS_SET, FAMILY_IP, FAMILY_IP6, FAMILY_INET);
            case NEGATED_FLAG_LIST -> List.of(MATCH_NEGATION);
            case LIMIT_DEFAULT_BURST -> List.of(STMT_LIMIT);
            case IPV6_SHORTHAND, IPV6_FULL, IPV6_MAPPED -> List.of(FAMILY_IP6, FAMILY_INET);
            case MATCH_VLAN -> List.of(FAMILY_INET, FAMILY_BRIDGE, FAMILY_NETDEV);
            case MATCH_EXTHDR -> List.of(FAMILY_IP6, FAMILY_INET);
            case MATCH_IP_OPTION, MATCH_FIB, MATCH_RT, MATCH_SOCKET, MATCH_OSF, MATCH_CT_KEYS, MATCH_CT_ADDRESSES, STMT_CT_SET,
                 STMT_NOTRACK, STMT_CT_COUNT, STMT_TPROXY, STMT_SYNPROXY, STMT_DUP -> List.of(FAMILY_IP, FAMILY_IP6, FAMILY_INET);
            case STMT_FWD -> List.of(FAMILY_NETDEV);
            default -> List.of();
        };
    }
}
