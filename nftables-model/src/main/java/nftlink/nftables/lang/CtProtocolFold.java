package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Payload;

import java.util.ArrayList;
import java.util.List;

/**
 * The ct protocol matches nft 1.1.3 takes as the dependency of a later header field and leaves out of a listing: a
 * {@code ct [original|reply] l3proto} match before any statement reading a network or transport header field, in ip,
 * ip6 and inet tables ({@code ct l3proto ipv4 meta mark 1 ip saddr 1.2.3.4} lists as {@code meta mark 0x00000001 ip
 * saddr 1.2.3.4}, whatever the value), or before a match of one transport protocol ({@code meta l4proto tcp}, {@code ct
 * protocol tcp}); and in ip and ip6 tables a {@code ct protocol} match before a transport header
 * field ({@code ct protocol tcp tcp dport 22} lists as {@code tcp dport 22}; inet keeps it). Not before th fields,
 * which depend on no protocol, nor after a header field (whose dependency came first: {@code tcp flags syn ct
 * l3proto ipv6 meta mark set tcp dport map { 22 : 1 }} keeps it).
 */
final class CtProtocolFold {

    private CtProtocolFold() {
    }

    /** {@code statements} without the ct protocol matches nft leaves out. */
    static List<Statement> fold(Family family, List<Statement> statements) {
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
            if ((l3proto || protocol) && !readBefore(out.subList(0, i)) && readLater(out.subList(i + 1, out.size()), l3proto)) {
                out.remove(i);
            }
        }
        return out;
    }

    /**
     * Whether a statement of {@code later} reads or writes a transport header field, or (with {@code network}) a
     * network one, before the first statement that is no match has passed: nft forgets the dependency after each
     * statement other than a match ({@code ct l3proto ipv6 ct mark set 1 ip6 hoplimit set 9} keeps it).
     */
    private static boolean readLater(List<Statement> later, boolean network) {
        for (Statement s : later) {
            if (network && s instanceof Match m && m.op() == Match.Op.EQ && m.value() instanceof Value.Single
                    && (m.field().equals(MetaField.L4PROTO) || m.field() instanceof CtField ct && ct.key() == Ct.Key.PROTOCOL)) {
                // a transport protocol of one value (ct l3proto ipv4 meta l4proto tcp lists as meta l4proto tcp)
                return true;
            }
            for (Field f : DelinearizeDependencies.fieldsOf(s)) {
                if (readsHeader(f, network)) {
                    return true;
                }
            }
            if (!(s instanceof Match || s instanceof Statement.VerdictMap)) {
                return false;
            }
        }
        return false;
    }

    /** Whether a statement before reads a header field: its protocol dependency came first, and nft keeps the ct match. */
    private static boolean readBefore(List<Statement> earlier) {
        for (Statement s : earlier) {
            for (Field f : DelinearizeDependencies.fieldsOf(s)) {
                if (readsHeader(f, true)) {
                    return true;
                }
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
