package nftlink.nftables.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nftlink.nftables.Family;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Bytes;

/** Adds the protocol matches a rule's fields and statements depend on, once, refusing conflicting protocols as nft does. */
final class LinearizeDependencies {

    private static final int REG = NfTablesUapi.NFT_REG_1;

    private LinearizeDependencies() {
    }

    /**
     * Adds the matches {@code what} depends on that the rule has not made yet: after a vlan tag
     * on its type, refusing contradictions, leaving out what an earlier match implies.
     */
    static void depend(LinearizeContext ctx, String what, List<Match> dependencies) {
        depend(ctx, what, dependencies, false);
    }

    /**
     * {@link #depend}, putting what it adds at the start of the rule when {@code atHead}: nft does so for the
     * network protocol an IPv6 extension header or an IPv4 option needs ({@code meta mark 1 frag frag-off 5} in
     * inet is {@code meta nfproto ipv6} first), in bridge as the ether type.
     */
    static void depend(LinearizeContext ctx, String what, List<Match> dependencies, boolean atHead) {
        Set<Match> established = ctx.established();
        for (int i = 0; i < dependencies.size(); i++) {
            Match original = dependencies.get(i);
            boolean transport = i + 1 < dependencies.size() && ownsNetwork(dependencies.get(i + 1));
            if (transport && original.field().equals(MetaField.NFPROTO) && established.stream().anyMatch(e ->
                    e.op() == Match.Op.EQ && e.field().equals(MetaField.NFPROTO))) {
                // a transport header after an explicit network protocol: nft checks only the transport protocol
                // (meta nfproto ipv4 icmpv6 type ...)
                continue;
            }
            if (!transport) {
                checkNetworkConflict(ctx, what, original, established);
            }
            if (established.contains(original)) {
                // the rule has matched it itself (vlan id 1 meta nfproto ipv4 ip saddr ...)
                continue;
            }
            Match dependency = linkLayer(ctx, afterEther(ctx, afterVlan(original, established), transport), atHead);
            if (dependency.field().equals(PayloadField.ETHER_TYPE) && vlanTags(established) > 0
                    && dependency.value().equals(new Value.Single(Bytes.u16Be(0x8100)))) {
                // a vlan field after a tag the rule has opened (802.1ad or 802.1Q, outer or inner)
                continue;
            }
            checkConflict(what, dependency, established);
            boolean icmpType = dependency.field().equals(PayloadField.ICMP_TYPE) || dependency.field().equals(PayloadField.ICMPV6_TYPE);
            if (icmpType && established.stream().anyMatch(e -> e.field().equals(dependency.field()))) {
                // the rule already says which icmp types it means
                continue;
            }
            if (impliedBy(dependency, established) || impliedByCt(ctx.spec().family(), dependency, established)) {
                // an earlier match says the same (ip protocol tcp before tcp dport): nft adds nothing
                continue;
            }
            if (established.add(dependency)) {
                int before = ctx.out().size();
                LinearizeMatches.inPlace(ctx, dependency);
                List<Integer> boundaries = ctx.boundaries();
                if (atHead && before > 0) {
                    moveToHead(ctx, before);
                } else if (!boundaries.isEmpty() && boundaries.getLast() == before) {
                    // what a statement needs is a match before it: nft merges it with the matches there
                    // (ether saddr ... meta mark set ip6 daddr map ...: one load of ether saddr and type)
                    boundaries.set(boundaries.size() - 1, ctx.out().size());
                }
            }
        }
    }

    /** Whether {@code f} is an IPv6 extension header or IPv4 option field, whose protocol nft checks at the rule's start. */
    static boolean networkHeaderOption(Field f) {
        return f instanceof ExthdrField x && (x.op() == Exthdr.Op.IPV6 || x.op() == Exthdr.Op.IPV4);
    }

    /** In bridge, nft checks the network protocol it puts at the start of the rule by the ether type. */
    private static Match linkLayer(LinearizeContext ctx, Match dependency, boolean atHead) {
        if (atHead && ctx.spec().family() == Family.BRIDGE && dependency.field().equals(MetaField.PROTOCOL)) {
            return new Match(PayloadField.ETHER_TYPE, dependency.op(), dependency.value());
        }
        return dependency;
    }

    /** Moves the expressions from {@code from} on to the start of the rule, and the statement boundaries with them. */
    private static void moveToHead(LinearizeContext ctx, int from) {
        List<Expression> out = ctx.out();
        List<Expression> moved = new ArrayList<>(out.subList(from, out.size()));
        out.subList(from, out.size()).clear();
        int head = Math.min(ctx.head()[0], from);
        out.addAll(head, moved);
        List<Integer> boundaries = ctx.boundaries();
        boundaries.replaceAll(b -> b >= head ? b + moved.size() : b);
    }

    /** Whether {@code m} is {@code meta l4proto} of a transport protocol of one network protocol: icmp, igmp, icmpv6. */
    private static boolean ownsNetwork(Match m) {
        return m.field().equals(MetaField.L4PROTO) && m.value() instanceof Value.Single v
                && (v.bytes().asBigEndian() == 1 || v.bytes().asBigEndian() == 2 || v.bytes().asBigEndian() == 58);
    }

    /** vxlan and geneve are known by their udp port: nft wants the rule to match udp before their fields. */
    static void requireTunnelTransport(LinearizeContext ctx, Field field) {
        for (Field f : field instanceof ConcatField concat ? concat.fields() : List.of(field)) {
            if (f instanceof InnerField in && in.tunnel().udpPort() != 0 && ctx.established().stream().noneMatch(e ->
                    e.op() == Match.Op.EQ && protocolClass(e.field()) == 1 && e.value().equals(new Value.Single(Bytes.u8(17))))) {
                throw new IllegalArgumentException(in.text() + " needs a udp match before it, such as udp dport "
                        + in.tunnel().udpPort());
            }
        }
    }

    /** Fields that say the same thing about a packet's protocol, so their matches can contradict each other. */
    static int protocolClass(Field f) {
        if (f.equals(MetaField.L4PROTO) || f.equals(PayloadField.IP_PROTOCOL) || f.equals(PayloadField.IP6_NEXTHDR)) {
            return 1;
        }
        if (f.equals(MetaField.NFPROTO)) {
            return 2;
        }
        if (f.equals(MetaField.PROTOCOL) || f.equals(PayloadField.ETHER_TYPE)) {
            return 3;
        }
        if (f.equals(PayloadField.ICMP_TYPE)) {
            return 4;
        }
        if (f.equals(PayloadField.ICMPV6_TYPE)) {
            return 5;
        }
        return 0;
    }

    /**
     * After an 802.1Q tag the network protocol is the tag's type: {@code vlan type ip}, not {@code meta protocol ip}
     * (nor, in inet, {@code meta nfproto ipv4}).
     */
    private static Match afterVlan(Match dependency, Set<Match> established) {
        int tags = vlanTags(established);
        if (tags > 0 && dependency.field().equals(MetaField.PROTOCOL)) {
            return new Match(PayloadField.ofVlanTag(PayloadField.VLAN_TYPE, tags), dependency.op(), dependency.value());
        }
        if (tags > 0 && dependency.field().equals(MetaField.NFPROTO) && dependency.value() instanceof Value.Single nfproto) {
            return new Match(PayloadField.ofVlanTag(PayloadField.VLAN_TYPE, tags), dependency.op(),
                    new Value.Single(Bytes.u16Be(etherType(nfproto))));
        }
        return dependency;
    }

    /** The ethernet type of the network protocol {@code nfproto} (a {@code meta nfproto} value: ipv4 or ipv6). */
    static int etherType(Value.Single nfproto) {
        return nfproto.bytes().asBigEndian() == NfTablesUapi.NFPROTO_IPV4 ? 0x0800 : 0x86dd;
    }

    /**
     * In bridge, a transport header of one network protocol is checked by the ethernet type. In a netdev
     * (or inet) table, once the rule has used an ethernet header field (matched, looked up or as a key: each
     * depends on {@code meta iiftype ether}), nft takes the network protocol from that header ({@code ether type
     * ip6}, which it merges with a neighbouring load), not from {@code meta protocol} ({@code meta nfproto}).
     */
    private static Match afterEther(LinearizeContext ctx, Match dependency, boolean transport) {
        Family family = ctx.spec().family();
        boolean arp = dependency.value().equals(new Value.Single(Bytes.u16Be(0x0806)));
        if (family == Family.BRIDGE && (transport || arp) && dependency.field().equals(MetaField.PROTOCOL)) {
            // a transport header of one network protocol (icmp, icmpv6, igmp), or arp: bridge's link layer is ethernet
            return new Match(PayloadField.ETHER_TYPE, dependency.op(), dependency.value());
        }
        boolean netdev = family == Family.NETDEV && dependency.field().equals(MetaField.PROTOCOL);
        boolean inet = family == Family.INET && dependency.field().equals(MetaField.NFPROTO);
        if (!(netdev || inet) || ctx.established().stream().noneMatch(e -> e.field() instanceof PayloadField p
                && p.protocol().equals("ether") || e.field().equals(MetaField.IIFTYPE))) {
            return dependency;
        }
        if (inet && dependency.value() instanceof Value.Single nfproto) {
            // in inet the network protocol is then the ethernet header's type, not the hook's family
            return new Match(PayloadField.ETHER_TYPE, dependency.op(), new Value.Single(Bytes.u16Be(etherType(nfproto))));
        }
        return new Match(PayloadField.ETHER_TYPE, dependency.op(), dependency.value());
    }

    /** How many vlan tags the rule's matches have opened (ether type, then vlan type, 8021q or 8021ad). */
    static int vlanTags(Set<Match> established) {
        // a loop, not a stream: asked for every match of every rule
        if (established.isEmpty()) {
            return 0;
        }
        int tags = 0;
        for (Match m : established) {
            if (PayloadField.opensVlanTag(m)) {
                tags++;
            }
        }
        return tags;
    }

    /** Whether an earlier match of another field says what {@code dependency} says (same protocol class, same value). */
    static boolean impliedBy(Match dependency, Set<Match> established) {
        int cls = protocolClass(dependency.field());
        // a transport protocol matched by l4proto, ip protocol or ip6 nexthdr; a link-layer one by ether type or meta protocol
        if (cls != 1 && cls != 3 || !(dependency.value() instanceof Value.Single needed)) {
            return false;
        }
        for (Match e : established) {
            if (e.op() == Match.Op.EQ && protocolClass(e.field()) == cls && e.value() instanceof Value.Single had
                    && had.bytes().equals(needed.bytes())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a ct match says what {@code dependency} checks, as nft takes it: {@code ct l3proto ipv4} for {@code meta
     * nfproto ipv4} (inet: {@code ct l3proto ipv4 ip saddr 1.2.3.4} has no nfproto); in ip and ip6 tables {@code ct
     * protocol tcp} for {@code meta l4proto tcp} ({@code ct protocol tcp tcp dport 22}; inet checks l4proto too).
     */
    static boolean impliedByCt(Family family, Match dependency, Set<Match> established) {
        // in inet, ct protocol says the transport protocol once the network protocol is known (nft-ref: ip saddr
        // 1.1.1.1 ct protocol tcp tcp dport 2 has no meta l4proto; ct protocol tcp tcp dport 22 has)
        boolean networkKnown = family == Family.IP || family == Family.IP6 || established.stream().anyMatch(e -> e.op() == Match.Op.EQ
                && e.value() instanceof Value.Single && e.field().equals(MetaField.NFPROTO));
        Ct.Key key = dependency.field().equals(MetaField.NFPROTO) ? Ct.Key.L3PROTOCOL
                : dependency.field().equals(MetaField.L4PROTO) && networkKnown ? Ct.Key.PROTOCOL
                : null;
        return key != null && established.stream().anyMatch(e -> e.op() == Match.Op.EQ && e.field() instanceof CtField ct
                && ct.key() == key && e.value().equals(dependency.value()));
    }

    /**
     * Whether the rule opens with {@code meta protocol} of its table's own family (ip, ip6) and goes on, which
     * nft leaves out (alone, it stays).
     */
    static boolean familyMatchFirst(RuleSpec spec) {
        int ethertype = switch (spec.family()) {
            case IP -> 0x0800;
            case IP6 -> 0x86dd;
            default -> -1;
        };
        return ethertype > 0 && spec.statements().size() > 1
                && spec.statements().getFirst().equals(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(ethertype)));
    }

    /** Whether {@code dependency}, a {@code meta nfproto}, is implied by an {@code ether type} match of that network protocol. */
    static boolean networkByEtherType(Match dependency, Set<Match> established) {
        if (!dependency.field().equals(MetaField.NFPROTO) || !(dependency.value() instanceof Value.Single nfproto)) {
            return false;
        }
        return established.contains(Match.eq(PayloadField.ETHER_TYPE, Bytes.u16Be(etherType(nfproto))));
    }

    /**
     * Refuses a network header field ({@code what}, which needs {@code dependency}: meta protocol or meta nfproto)
     * after a match that named another network protocol: nft's "conflicting network layer protocols specified: ip6
     * vs. ip" ({@code meta protocol ip6 ip saddr ...}, {@code ether type ip6 ip saddr ...}). After a vlan tag the tag's
     * type, where the rule names it, is what counts ({@code meta protocol ip6 vlan id 1 vlan type ip ip saddr ...}).
     */
    private static void checkNetworkConflict(LinearizeContext ctx, String what, Match dependency, Set<Match> established) {
        Integer needed = networkEtherType(dependency);
        if (needed == null || established.isEmpty()) {
            return;
        }
        // in inet the network protocol is the hook's (meta nfproto): meta protocol names no header there
        boolean inet = ctx.spec().family() == Family.INET;
        // loops, not streams: asked for every network field of every rule
        boolean tagType = false;
        for (Match e : established) {
            tagType |= PayloadField.isVlanType(e.field()) && networkEtherType(e) != null;
        }
        for (Match e : established) {
            Integer had = inet && e.field().equals(MetaField.PROTOCOL) ? null : networkEtherType(e);
            if (had != null && !had.equals(needed) && (!tagType || PayloadField.isVlanType(e.field()))) {
                throw new IllegalArgumentException("conflicting network layer protocols specified: " + networkName(had)
                        + " vs. " + networkName(needed) + " (" + what + ")");
            }
        }
    }

    /** Refuses {@code meta nfproto} in a statement of a table that is not inet, as nft does ("only useful in the inet family"). */
    static void refuseNfprotoOutsideInet(Family family, Statement s) {
        if (family == Family.INET) {
            return;
        }
        List<Field> fields = switch (s) {
            case Match m -> List.of(m.field());
            case Statement.VerdictMap v -> List.of(v.field());
            case Statement.SetFromField sf -> List.of(sf.source());
            case Statement.ObjectMap om -> List.of(om.key());
            case Statement.DynsetStatement ds -> List.of(ds.key());
            default -> List.of();
        };
        for (Field f : fields) {
            for (Field part : f instanceof ConcatField concat ? concat.fields() : List.of(f)) {
                if (part.equals(MetaField.NFPROTO)) {
                    throw new IllegalArgumentException("meta nfproto is only useful in the inet family");
                }
            }
        }
    }

    /** The ethernet type of the network protocol {@code m} names (meta protocol, meta nfproto, ether or vlan type), or null. */
    private static Integer networkEtherType(Match m) {
        if (m.op() != Match.Op.EQ || !(m.value() instanceof Value.Single v) || PayloadField.opensVlanTag(m)) {
            return null;
        }
        if (m.field().equals(MetaField.NFPROTO)) {
            int nfproto = v.bytes().get(0);
            return nfproto == NfTablesUapi.NFPROTO_IPV4 ? Integer.valueOf(0x0800) : nfproto == NfTablesUapi.NFPROTO_IPV6 ? Integer.valueOf(0x86dd) : null;
        }
        if ((m.field().equals(MetaField.PROTOCOL) || m.field().equals(PayloadField.ETHER_TYPE) || PayloadField.isVlanType(m.field()))
                && v.bytes().length() == 2) {
            return (int) v.bytes().asBigEndian();
        }
        return null;
    }

    private static String networkName(int etherType) {
        return switch (etherType) {
            case 0x0800 -> "ip";
            case 0x86dd -> "ip6";
            case 0x0806 -> "arp";
            default -> String.format("0x%04x", etherType);
        };
    }

    /** Refuses {@code what}, which needs {@code dependency}, after a match that says otherwise (nft: conflicting protocols). */
    static void checkConflict(String what, Match dependency, Set<Match> established) {
        int cls = protocolClass(dependency.field());
        if (cls == 0 || !(dependency.value() instanceof Value.Single needed)) {
            return;
        }
        if ((cls == 2 || cls == 3) && dependency.field() instanceof MetaField && !what.equals("reject")) {
            // nft lets a header follow an explicit network or link protocol it does not imply
            // (meta nfproto ipv4 icmpv6 type ..., ether type vlan ip protocol ...)
            return;
        }
        boolean opensTag = PayloadField.opensVlanTag(dependency);
        for (Match e : established) {
            if (opensTag && e.field().equals(MetaField.PROTOCOL)) {
                // meta protocol says what the network header is, not the ethernet type before a tag
                // (nft: meta protocol ip vlan id 1 ip saddr ...)
                continue;
            }
            if (e.op() == Match.Op.EQ && protocolClass(e.field()) == cls && e.value() instanceof Value.Single had
                    && !had.bytes().equals(needed.bytes())) {
                throw new IllegalArgumentException("conflicting protocols specified: " + what + " needs "
                        + dependency.field().text() + " " + dependency.field().datatype().print(needed.bytes())
                        + ", the rule matches " + e.field().text() + " " + e.field().datatype().print(had.bytes()));
            }
        }
    }

    /** The matches a reject needs first: the address family for icmp/icmpv6 in inet, tcp for resets. */
    static List<Match> rejectDependencies(Family family, Statement.RejectStatement r) {
        boolean link = family == Family.BRIDGE || family == Family.NETDEV;
        return switch (r.kind()) {
            case TCP_RESET -> List.of(Match.eq(MetaField.L4PROTO, Bytes.u8(6)));
            case ICMP -> family == Family.INET ? List.of(Match.eq(MetaField.NFPROTO, Bytes.u8(2)))
                    : link ? List.of(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x0800))) : List.of();
            case ICMPV6 -> family == Family.INET ? List.of(Match.eq(MetaField.NFPROTO, Bytes.u8(10)))
                    : link ? List.of(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x86dd))) : List.of();
            case ICMPX -> List.of();
        };
    }
}
