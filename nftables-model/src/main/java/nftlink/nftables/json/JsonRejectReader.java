package nftlink.nftables.json;

import nftlink.nftables.Family;
import nftlink.nftables.lang.RejectKind;
import nftlink.nftables.lang.Statement;

import java.util.Set;

/** Reads {@code reject} statements with their ICMP, ICMPv6, ICMPx or TCP reset codes. */
final class JsonRejectReader {

    private JsonRejectReader() {
    }

    /** {@code {"reject": null}} or {@code {"reject": {"type": TYPE, "expr": CODE}}}. */
    static Statement reject(Family family, Node body) {
        if (body.isNull()) {
            return Statement.RejectStatement.defaultFor(family);
        }
        body.only(Set.of("type", "expr"));
        Node typeNode = body.optional("type");
        Node expr = body.optional("expr");
        String type = typeNode == null ? null : typeNode.string();
        if (type == null) {
            if (expr != null) {
                throw body.error("a reject code needs a \"type\"");
            }
            return Statement.RejectStatement.defaultFor(family);
        }
        RejectKind kind = RejectKind.named(type);
        if (kind == null) {
            throw typeNode.error("unknown reject type \"" + type + "\" (expected tcp reset, icmp, icmpv6 or icmpx)");
        }
        if (kind == RejectKind.TCP_RESET) {
            if (expr != null) {
                throw expr.error("a TCP reset has no code");
            }
            return Statement.RejectStatement.portUnreachable(kind);
        }
        if (kind == RejectKind.ICMP && family == Family.IP6 || kind == RejectKind.ICMPV6 && family == Family.IP) {
            throw typeNode.error("reject with " + type + " is not possible in a " + family.nftName() + " table");
        }
        if (kind == RejectKind.ICMPX && (family == Family.IP || family == Family.IP6)) {
            throw typeNode.error("abstracted ICMP unreachable not supported in a " + family.nftName() + " table");
        }
        int code = expr == null ? kind.portUnreachable() : expr.value() instanceof JsonValue.Num ? (int) expr.number(255)
                : kind.code(expr.string()).orElseThrow(() -> expr.error("unknown " + type + " reject code \"" + expr.string() + "\""));
        return new Statement.RejectStatement(kind, code);
    }
}
