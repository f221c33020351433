package nftlink.nftables.lang;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.expr.Payload;

import java.util.ArrayList;
import java.util.List;



/**
 * Folds away the protocol matches that a later match or statement implies, as {@code nft list}
 * does.
 */
final class DelinearizeDependencies {

    private DelinearizeDependencies() {
    }

    /** {@link PayloadField#TRANSPORT_PROTOCOLS} inverted once (the first number in its order wins), for every listed rule. */
    static final Map<String, Integer> TRANSPORT_PROTOCOL_NUMBERS;

    static {
        Map<String, Integer> numbers = new HashMap<>();
        PayloadField.TRANSPORT_PROTOCOLS.forEach((number, name) -> numbers.putIfAbsent(name, number));
        TRANSPORT_PROTOCOL_NUMBERS = Map.copyOf(numbers);
    }

    /**
     * The link-layer protocol matches ({@code meta nfproto}, {@code meta protocol}, {@code ether type}) nft 1.1.3 leaves
     * out before a match of a network-level meta or ct key with one value: in ip and ip6 tables the one of the table's
     * protocol; elsewhere ipv4 before {@code meta l4proto icmp} or {@code ct ip saddr}, ipv6 before
     * {@code meta l4proto ipv6-icmp} or {@code ct ip6 saddr} (its {@code ct_meta_may_dependency_kill}).
     */
    static List<Match> networkKeyDependencies(Family family, Match m) {
        if (m.op() != Match.Op.EQ || !(m.value() instanceof Value.Single v)) {
            return List.of();
        }
        // which network protocol the key's value implies: IPv4, IPv6, or neither (null)
        Boolean ipv4;
        if (m.field().equals(MetaField.L4PROTO)) {
            int l4proto = v.bytes().get(0);
            ipv4 = l4proto == 1 ? Boolean.TRUE : l4proto == 58 ? Boolean.FALSE : null;
        } else if (m.field() instanceof CtField ct && (ct.key() == Ct.Key.SRC_IP || ct.key() == Ct.Key.DST_IP
                || ct.key() == Ct.Key.SRC_IP6 || ct.key() == Ct.Key.DST_IP6 || ct.key() == Ct.Key.SRC || ct.key() == Ct.Key.DST)) {
            ipv4 = ct.length() == 4 ? Boolean.TRUE : ct.length() == 16 ? Boolean.FALSE : null;
        } else if (m.field() instanceof CtField ct && ct.key() == Ct.Key.PROTOCOL) {
            ipv4 = null;
        } else {
            return List.of();
        }
        boolean[] kills = switch (family) {
            // in ip and ip6 tables the table's own protocol goes before any of these keys
            case IP -> new boolean[]{true, false};
            case IP6 -> new boolean[]{false, true};
            default -> ipv4 == null ? new boolean[]{false, false} : new boolean[]{ipv4, !ipv4};
        };
        List<Match> deps = new ArrayList<>();
        if (kills[0]) {
            deps.add(Match.eq(MetaField.NFPROTO, Bytes.u8(NfTablesUapi.NFPROTO_IPV4)));
            deps.add(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x0800)));
            deps.add(Match.eq(PayloadField.ETHER_TYPE, Bytes.u16Be(0x0800)));
        }
        if (kills[1]) {
            deps.add(Match.eq(MetaField.NFPROTO, Bytes.u8(NfTablesUapi.NFPROTO_IPV6)));
            deps.add(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x86dd)));
            deps.add(Match.eq(PayloadField.ETHER_TYPE, Bytes.u16Be(0x86dd)));
        }
        return deps;
    }

    /** Drops the protocol matches that a later match implies, as nft does when listing. */
    static List<Statement> foldDependencies(Family family, List<Statement> statements) {
        List<Statement> out = new ArrayList<>(statements);
        Set<Statement> ctKept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = out.size() - 1; i >= 0; i--) {
            List<Match> deps = dependencies(family, out.get(i));
            if (deps != null) {
                deps = withImplied(family, out.get(i), out.subList(0, i), deps);
                if (family == Family.INET || family == Family.NETDEV || family == Family.BRIDGE) {
                    deps = withEtherType(out.subList(0, i), deps);
                }
                i = removeDependencies(out, i, deps, ctKept);
            }
        }
        return CtProtocolFold.fold(family, out, ctKept);
    }

    /**
     * The matches that {@code s} (a reject, or what reads or writes fields) depends on in {@code family}; {@code null}
     * when it reads no field or its fields are not of this family.
     */
    private static List<Match> dependencies(Family family, Statement s) {
        if (s instanceof Statement.RejectStatement r
                && (r.kind() != RejectKind.TCP_RESET || family == Family.IP || family == Family.IP6)) {
            // nft shows the l4proto tcp a reset needs only in tables where it is not implied
            return Linearizer.rejectDependencies(family, r);
        }
        if (s instanceof Match m && PayloadField.isVlanType(m.field()) && m.value() instanceof Value.Single
                && (family == Family.BRIDGE || family == Family.NETDEV || family == Family.INET)) {
            // a vlan type compared with a value is a protocol match, which never folds the link-layer match before
            // it there (ether type 8021q vlan type ip stays; nft's payload_may_dependency_kill)
            return null;
        }
        List<Field> fields = fieldsOf(s);
        if (fields.isEmpty()) {
            return null;
        }
        try {
            List<Match> deps = new ArrayList<>();
            for (Field f : fields) {
                if (f instanceof PayloadField p && p.protocol().equals("igmp")) {
                    // nft leaves the network protocol igmp needs in its listing (meta nfproto ipv4, meta protocol ip,
                    // ether type ip, vlan type ip): it folds it away only before icmp and icmpv6
                    f.dependencies(family).stream().filter(d -> d.field().equals(MetaField.L4PROTO)).forEach(deps::add);
                } else if (innerVlanTag(f)) {
                    // an inner tag's field depends on the vlan type that opened the tag, which nft never folds; the
                    // ether type 8021q before the outer tag stays (ether type 8021q vlan type 8021q vlan id 6)
                    f.dependencies(family).stream().filter(d -> !d.field().equals(PayloadField.ETHER_TYPE)).forEach(deps::add);
                } else {
                    deps.addAll(f.dependencies(family));
                }
                if (family != Family.IP && family != Family.IP6 && readsEtherAddress(f)) {
                    // nft folds an ether type 8021q before a later read of an ethernet address (its
                    // payload_dependency_kill of the link-layer dependency), except where it merged the two loads
                    deps.add(Match.eq(PayloadField.ETHER_TYPE, Bytes.u16Be(0x8100)));
                }
            }
            return deps;
        } catch (IllegalArgumentException notInThisFamily) {
            return null;
        }
    }

    /** The fields {@code s} reads or writes (a match's, a map key, a header written, a value's source). */
    static List<Field> fieldsOf(Statement s) {
        return switch (s) {
            case Match m -> List.of(m.field());
            case Statement.VerdictMap v -> List.of(v.field());
            case Statement.PayloadSet ps -> List.of(ps.field());
            case Statement.SetFromField sf when sf.writesHeader() -> List.of(sf.source(), sf.target());
            case Statement.SetFromField sf -> List.of(sf.source());
            case Statement.DynsetStatement ds -> ds.data() == null ? List.of(ds.key()) : List.of(ds.key(), ds.data());
            case Statement.NatStatement n when n.addressSource() != null -> List.of(n.addressSource());
            case Statement.RedirectStatement r when r.portSource() != null -> List.of(r.portSource());
            case Statement.QueueStatement q when q.source() != null -> List.of(q.source());
            case Statement.ObjectMap om -> List.of(om.key());
            default -> List.of();
        };
    }

    /**
     * {@code deps} with the matches nft also leaves out before {@code s}: link-layer protocols a network key implies,
     * the table's own transport protocol match, an explicit {@code iiftype ether}, older nft's ether type matches.
     */
    private static List<Match> withImplied(Family family, Statement s, List<Statement> before, List<Match> deps) {
        if (s instanceof Match m) {
            deps = new ArrayList<>(deps);
            deps.addAll(networkKeyDependencies(family, m));
        }
        if (s instanceof Match m && m.field() instanceof PayloadField pf && pf.base() == Payload.Base.TRANSPORT) {
            int number = TRANSPORT_PROTOCOL_NUMBERS.getOrDefault(pf.protocol(), -1);
            deps = new ArrayList<>(deps);
            if (family == Family.IP) {
                deps.add(Match.eq(PayloadField.IP_PROTOCOL, Bytes.u8(number)));
            } else if (family == Family.IP6) {
                deps.add(Match.eq(PayloadField.IP6_NEXTHDR, Bytes.u8(number)));
            }
        }
        if (s instanceof Match m && m.field() instanceof ExthdrField x && x.op() == Exthdr.Op.TCPOPT) {
            // a tcp option match takes an earlier transport protocol match of tcp as its dependency, though it
            // compiles to none (meta l4proto tcp ct mark 5 tcp option maxseg size 797 lists without the l4proto)
            deps = new ArrayList<>(deps);
            deps.addAll(List.of(Match.eq(MetaField.L4PROTO, Bytes.u8(6)), Match.eq(PayloadField.IP_PROTOCOL, Bytes.u8(6)),
                    Match.eq(PayloadField.IP6_NEXTHDR, Bytes.u8(6))));
        }
        if (family == Family.BRIDGE && (fieldsOf(s).stream().anyMatch(DelinearizeDependencies::readsEther)
                || fieldsOf(s).stream().anyMatch(DelinearizeDependencies::readsLinkOrNetwork) && firstLinkOrNetworkCheck(before))) {
            // an explicit iiftype ether before a field of the ether, network or icmp headers (alone or in a
            // concatenation, a map key, a header written: meta mark . ip6 saddr @s) is folded as in the other
            // families; not before tcp dport
            deps = new ArrayList<>(deps);
            deps.add(Match.eq(MetaField.IIFTYPE, Bytes.of((byte) 1, (byte) 0)));
        }
        if ((family == Family.BRIDGE || family == Family.NETDEV) && deps.stream().anyMatch(d -> d.field().equals(MetaField.PROTOCOL))) {
            // older nft wrote the link-layer dependency as a payload match on the ether type
            deps = new ArrayList<>(deps);
            for (Match d : List.copyOf(deps)) {
                if (d.field().equals(MetaField.PROTOCOL)) {
                    deps.add(new Match(PayloadField.ETHER_TYPE, Match.Op.EQ, d.value()));
                    for (int tag = 1; tag <= 3; tag++) {
                        deps.add(new Match(PayloadField.ofVlanTag(PayloadField.VLAN_TYPE, tag), Match.Op.EQ, d.value()));
                    }
                }
            }
        }
        return deps;
    }

    /**
     * Whether the last {@code meta iiftype ether} of {@code before} comes before any check of the network protocol
     * (a network or icmp field, the ether type, meta protocol): nft keeps it once the rule has one (ip daddr 10.0.0.1
     * meta iiftype ether ip dscp set af21 stays; ether saddr 02:00:00:00:00:02 meta iiftype ether ip saddr 1.2.3.4
     * does not); before an ether field it always goes.
     */
    private static boolean firstLinkOrNetworkCheck(List<Statement> before) {
        int k = before.lastIndexOf(Match.eq(MetaField.IIFTYPE, Bytes.of((byte) 1, (byte) 0)));
        for (int j = 0; j < k; j++) {
            if (before.get(j) instanceof Match m && PayloadField.opensVlanTag(m)) {
                // ether type 8021q opens a tag (vlan id 5 meta iiftype ether ip saddr 1.2.3.4 folds)
                continue;
            }
            for (Field f : fieldsOf(before.get(j))) {
                if (f.equals(PayloadField.ETHER_TYPE) || f.equals(MetaField.PROTOCOL)
                        || readsLinkOrNetwork(f) && !readsEtherOnly(f)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean readsEtherOnly(Field f) {
        return f instanceof PayloadField pf && pf.protocol().equals("ether");
    }

    /** Whether {@code f} is or holds an ether header field (always folding an iiftype ether before it). */
    private static boolean readsEther(Field f) {
        return switch (f) {
            case PayloadField pf -> pf.protocol().equals("ether");
            case MaskedField masked -> readsEther(masked.field());
            case MapLookupField map -> readsEther(map.key());
            case ConcatField concat -> concat.fields().stream().anyMatch(DelinearizeDependencies::readsEther);
            default -> false;
        };
    }

    private static final Set<String> LINK_OR_NETWORK = Set.of("ether", "ip", "ip6", "arp", "icmp", "icmpv6", "igmp");

    private static boolean readsLinkOrNetwork(Field field) {
        return switch (field) {
            case PayloadField pf -> LINK_OR_NETWORK.contains(pf.protocol());
            case PayloadBitField bf -> LINK_OR_NETWORK.contains(bf.protocol());
            case MaskedField masked -> readsLinkOrNetwork(masked.field());
            case MapLookupField map -> readsLinkOrNetwork(map.key());
            case HashField hash -> readsLinkOrNetwork(hash.key());
            case ConcatField concat -> concat.fields().stream().anyMatch(DelinearizeDependencies::readsLinkOrNetwork);
            default -> false;
        };
    }

    /**
     * {@code deps} with, for each {@code meta nfproto}, the ether type of that network protocol, which an inet rule
     * checks instead after an ethernet header field (or the vlan type after a vlan tag); and the {@code meta iiftype
     * ether} that an ether type among them depends on when {@code before} (the statements before) has that ether type
     * (inet, netdev and bridge).
     */
    private static List<Match> withEtherType(List<Statement> before, List<Match> deps) {
        List<Match> all = new ArrayList<>(deps);
        Match iiftypeEther = Match.eq(MetaField.IIFTYPE, Bytes.of((byte) 1, (byte) 0));
        for (Match d : deps) {
            if (d.field().equals(PayloadField.ETHER_TYPE) && before.contains(d) && !all.contains(iiftypeEther)) {
                // netdev, bridge: the ether type a network header depends on goes with the iiftype ether before it
                all.add(iiftypeEther);
            }
            if (d.field().equals(MetaField.NFPROTO) && d.value() instanceof Value.Single nfproto) {
                Bytes ethertype = Bytes.u16Be(LinearizeDependencies.etherType(nfproto));
                Match etherType = Match.eq(PayloadField.ETHER_TYPE, ethertype);
                all.add(etherType);
                if (before.contains(etherType)) {
                    all.add(iiftypeEther);
                }
                for (int tag = 1; tag <= 3; tag++) {
                    // after a vlan tag, the tag's type
                    all.add(Match.eq(PayloadField.ofVlanTag(PayloadField.VLAN_TYPE, tag), ethertype));
                }
            }
        }
        return all;
    }

    /**
     * Removes from the matches right before position {@code i} of {@code out} those equal to one of {@code deps} (one
     * each); returns where the statement at {@code i} is then.
     */
    private static int removeDependencies(List<Statement> out, int i, List<Match> deps, Set<Statement> ctKept) {
        boolean networkRemoved = false;
        for (int j = i - 1; j >= 0 && out.get(j) instanceof Match m; j--) {
            if (deps.contains(m) && namesNetworkProtocol(m) && followsVlanTag(out, j)) {
                // after a vlan tag the network protocol comes from the last match that says it (meta protocol ip6
                // vlan id 1 vlan type ip6 ip6 saddr ...: nft folds the vlan type and keeps meta protocol)
                out.remove(j);
                i--;
                networkRemoved = true;
                break;
            }
        }
        int etherTypeAt = -1;
        Set<Ct.Key> ctTaken = EnumSet.noneOf(Ct.Key.class);
        Set<Ct.Key> slotsFound = EnumSet.noneOf(Ct.Key.class);
        for (Match dep : deps) {
            if (!(dep.value() instanceof Value.Single)) {
                // nft shows the set of icmp types an icmp id or sequence needs
                continue;
            }
            if (networkRemoved && namesNetworkProtocol(dep)) {
                continue;
            }
            Ct.Key slot = CtProtocolFold.slot(dep);
            if (slot != null && ctTaken.contains(slot)) {
                continue;
            }
            int ct = CtProtocolFold.takesPlace(out, i, dep, slot);
            if (ct >= 0) {
                // a ct protocol match of the same layer after the dependency took its place in nft: the ct match
                // goes, the dependency stays (meta nfproto ipv4 ct l3proto ipv4 ip saddr 1.2.3.4)
                out.remove(ct);
                i--;
                ctTaken.add(slot);
                continue;
            }
            // the iiftype ether an ether type goes with is one before it (ether type ip meta iiftype ether ip saddr
            // 1.2.3.4 keeps the iiftype in bridge, where the ether type has none of its own)
            boolean iiftype = dep.field().equals(MetaField.IIFTYPE) && etherTypeAt >= 0;
            int passedCt = -1;
            boolean found = false;
            for (int j = iiftype ? etherTypeAt - 1 : i - 1; j >= 0; j--) {
                if (out.get(j).equals(dep)) {
                    out.remove(j);
                    i--;
                    if (dep.field().equals(PayloadField.ETHER_TYPE)) {
                        etherTypeAt = j;
                    }
                    // a ct l3proto between a transport field and its dependency stays (meta l4proto tcp ct l3proto
                    // ipv4 tcp dport 22 lists as ct l3proto ipv4 tcp dport 22)
                    ctKept.addAll(CtProtocolFold.passed(out.subList(j, i), slot));
                    found = true;
                    break;
                }
                if (passedCt < 0 && slot != null && CtProtocolFold.isCtMatch(out.get(j), slot)) {
                    passedCt = j;
                }
                if (!(out.get(j) instanceof Match)) {
                    break;
                }
            }
            if (found && slot != null) {
                slotsFound.add(slot);
            } else if (passedCt >= 0 && !slotsFound.contains(slot)) {
                // no dependency of its own: the ct match of its layer was it (inet: ip saddr 1.1.1.1 ct protocol tcp
                // tcp dport 2, which nft writes without meta l4proto, lists as ip saddr 1.1.1.1 tcp dport 2)
                out.remove(passedCt);
                i--;
                ctTaken.add(slot);
                slotsFound.add(slot);
            }
        }
        return i;
    }

    /** Whether {@code f} reads {@code ether saddr} or {@code ether daddr}, alone, in a concatenation or as a map's key. */
    private static boolean readsEtherAddress(Field f) {
        return switch (f) {
            case PayloadField p -> p.equals(PayloadField.ETHER_SADDR) || p.equals(PayloadField.ETHER_DADDR);
            case ConcatField c -> c.fields().stream().anyMatch(DelinearizeDependencies::readsEtherAddress);
            case MapLookupField m -> readsEtherAddress(m.key());
            default -> false;
        };
    }

    /** Whether {@code f} is a field of a vlan tag inside the outer one (the outer tag's fields end at byte 18). */
    private static boolean innerVlanTag(Field f) {
        return switch (f) {
            case PayloadField p -> p.protocol().equals("vlan") && p.offset() >= 18;
            case PayloadBitField p -> p.protocol().equals("vlan") && p.offset() >= 18;
            default -> false;
        };
    }

    /** Whether {@code m} says which network protocol follows (meta protocol, an ether or vlan type of ip or ip6). */
    private static boolean namesNetworkProtocol(Match m) {
        return (m.field().equals(MetaField.PROTOCOL) || m.field().equals(PayloadField.ETHER_TYPE) || PayloadField.isVlanType(m.field()))
                && !PayloadField.opensVlanTag(m);
    }

    /** Whether a vlan tag's match comes before position {@code j} of {@code out}. */
    private static boolean followsVlanTag(List<Statement> out, int j) {
        for (int k = 0; k < j; k++) {
            if (out.get(k) instanceof Match m && (PayloadField.opensVlanTag(m) || m.field() instanceof PayloadField p
                    && p.protocol().equals("vlan"))) {
                return true;
            }
        }
        return false;
    }
}
