package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ct protocol matches nft 1.1.3 takes as the dependency of a later header field and leaves out of a listing: a
 * {@code ct [original|reply] l3proto} match before any statement reading a network or transport header field, in ip,
 * ip6 and inet tables ({@code ct l3proto ipv4 meta mark 1 ip saddr 1.2.3.4} lists as {@code meta mark 0x00000001 ip
 * saddr 1.2.3.4}, whatever the value), or before a match of one transport protocol ({@code meta l4proto tcp}, {@code ct
 * protocol tcp}); and in ip and ip6 tables a {@code ct protocol} match before a transport header
 * field ({@code ct protocol tcp tcp dport 22} lists as {@code tcp dport 22}; inet keeps it). Not before th fields,
 * which depend on no protocol, nor before transport fields whose dependency lay before it ({@code tcp flags syn ct
 * l3proto ipv6 meta mark set tcp dport map { 22 : 1 }} keeps it). nft keeps one dependency per layer, the last
 * protocol match: {@link DelinearizeDependencies} removes a ct match that took a dependency's place.
 */
final class CtProtocolFold {

    private CtProtocolFold() {
    }

    /**
     * {@code statements} without the ct protocol matches nft leaves out.
     *
     * @param kept the ct matches (by identity) that stay whatever follows them
     */
    static List<Statement> fold(Family family, List<Statement> statements, Set<Statement> kept) {
        if (family != Family.IP && family != Family.IP6 && family != Family.INET) {
            return statements;
        }
        List<Statement> out = new ArrayList<>(statements);
        for (int i = out.size() - 1; i >= 0; i--) {
            if (!(out.get(i) instanceof Match m) || m.op() != Match.Op.EQ || !(m.value() instanceof Value.Single)
                    || !(m.field() instanceof CtField ct)) {
                continue;
            }
            boolean l3proto = ct.key() == Ct.Key.L3PROTOCOL;
            boolean protocol = ct.key() == Ct.Key.PROTOCOL && family != Family.INET;
            if ((l3proto || protocol) && readLater(out.subList(i + 1, out.size()), l3proto, !kept.contains(m),
                    family == Family.INET)) {
                out.remove(i);
            }
        }
        return out;
    }

    /**
     * The ct key whose match takes the place of the protocol dependency {@code dep} in nft's listing (it keeps one
     * dependency per layer, the last match): l3proto for a network protocol, protocol for a transport protocol; or
     * {@code null}.
     */
    static Ct.Key slot(Match dep) {
        Field f = dep.field();
        if (f.equals(MetaField.NFPROTO) || f.equals(MetaField.PROTOCOL) || f.equals(PayloadField.ETHER_TYPE)) {
            return Ct.Key.L3PROTOCOL;
        }
        if (f.equals(MetaField.L4PROTO) || f.equals(PayloadField.IP_PROTOCOL) || f.equals(PayloadField.IP6_NEXTHDR)) {
            return Ct.Key.PROTOCOL;
        }
        return null;
    }

    /**
     * Where, among the matches right before {@code at}, a ct match of {@code slot} lies that came after the dependency
     * {@code dep} and so took its place; -1 when none does.
     */
    static int takesPlace(List<Statement> out, int at, Match dep, Ct.Key slot) {
        if (slot == null) {
            return -1;
        }
        for (int j = at - 1; j >= 0 && out.get(j) instanceof Match m; j--) {
            if (m.equals(dep)) {
                return -1;
            }
            if (isCtMatch(m, slot)) {
                return out.subList(0, j).contains(dep) ? j : -1;
            }
        }
        return -1;
    }

    /** The ct l3proto matches of {@code between} when the dependency of {@code slot} removed before them was a transport one. */
    static List<Statement> passed(List<Statement> between, Ct.Key slot) {
        return slot != Ct.Key.PROTOCOL ? List.of() : between.stream().filter(s -> isCtMatch(s, Ct.Key.L3PROTOCOL)).toList();
    }

    static boolean isCtMatch(Statement s, Ct.Key key) {
        return s instanceof Match m && m.op() == Match.Op.EQ && m.value() instanceof Value.Single
                && m.field() instanceof CtField ct && ct.key() == key;
    }

    /**
     * Whether a statement of {@code later} reads or writes a transport header field, or (with {@code network}) a
     * network one, before the first statement that is no match has passed: nft forgets the dependency after each
     * statement other than a match ({@code ct l3proto ipv6 ct mark set 1 ip6 hoplimit set 9} keeps it). Without
     * {@code transport}, transport fields do not count: their dependency lay before the ct match. With {@code
     * rejectReads}, a reject other than icmpx reads the network protocol.
     */
    private static boolean readLater(List<Statement> later, boolean network, boolean transport, boolean rejectReads) {
        for (Statement s : later) {
            if (network && s instanceof Match m && m.op() == Match.Op.EQ && m.value() instanceof Value.Single
                    && (m.field().equals(MetaField.L4PROTO) || m.field() instanceof CtField ct && ct.key() == Ct.Key.PROTOCOL)) {
                // a transport protocol of one value (ct l3proto ipv4 meta l4proto tcp lists as meta l4proto tcp)
                return true;
            }
            if (network && rejectReads && s instanceof Statement.RejectStatement r && r.kind() != RejectKind.ICMPX) {
                // inet: the network protocol a reject answers (ct l3proto ipv4 reject lists as reject with icmp
                // port-unreachable; in ip tables it stays)
                return true;
            }
            for (Field f : DelinearizeDependencies.fieldsOf(s)) {
                if (transport ? readsHeader(f, network) : network && readsHeader(f, true) && !readsHeader(f, false)) {
                    return true;
                }
            }
            if (!(s instanceof Match || s instanceof Statement.VerdictMap)) {
                return false;
            }
        }
        return false;
    }

    private static boolean readsHeader(Field field, boolean network) {
        Payload.Base base = switch (field) {
            // th fields have no protocol to depend on
            case PayloadField p when p.protocol().equals("th") -> null;
            case PayloadField p -> p.base();
            case PayloadBitField b -> b.base();
            case MaskedField masked -> readsHeader(masked.field(), network) ? Payload.Base.TRANSPORT : null;
            case MapLookupField map -> readsHeader(map.key(), network) ? Payload.Base.TRANSPORT : null;
            case ConcatField concat -> concat.fields().stream().anyMatch(f -> readsHeader(f, network)) ? Payload.Base.TRANSPORT : null;
            // and the ct addresses of one network protocol (ct l3proto ipv4 ct original ip saddr 1.2.3.4)
            case CtField ct when ct.key() == Ct.Key.SRC_IP || ct.key() == Ct.Key.DST_IP || ct.key() == Ct.Key.SRC_IP6
                    || ct.key() == Ct.Key.DST_IP6 || ct.key() == Ct.Key.SRC || ct.key() == Ct.Key.DST -> Payload.Base.NETWORK;
            default -> null;
        };
        return base == Payload.Base.TRANSPORT || network && base == Payload.Base.NETWORK;
    }
}
