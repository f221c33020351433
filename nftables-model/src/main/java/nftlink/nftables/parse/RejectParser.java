package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.lang.RejectContext;
import nftlink.nftables.lang.RejectKind;
import nftlink.nftables.lang.Statement;

/** Parses the {@code reject} statement. */
final class RejectParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    RejectParser(RuleContext r) {
        super(r);
    }

    /** {@code reject [with icmp|icmpv6|icmpx [type] CODE | with tcp reset]}. */
    Statement reject() {
        c.next();
        if (!c.accept("with")) {
            return RejectContext.inContext(family, r.before);
        }
        Token kindToken = c.expect(Token.Kind.WORD, "icmp, icmpv6, icmpx or tcp");
        if (kindToken.text().equals("tcp")) {
            c.expect("reset");
            return Statement.RejectStatement.portUnreachable(RejectKind.TCP_RESET);
        }
        RejectKind kind = RejectKind.named(kindToken.text());
        if (kind == null) {
            throw Cursor.error(kindToken, "syntax error, unexpected " + kindToken.text() + ", expecting icmp, icmpv6, icmpx or tcp");
        }
        if (kind == RejectKind.ICMP && family == Family.IP6 || kind == RejectKind.ICMPV6 && family == Family.IP) {
            throw Cursor.error(kindToken, "reject with " + kindToken.text() + " is not possible in a table of family " + family);
        }
        c.accept("type");
        Token code = c.expect(Token.Kind.WORD, "a reject code");
        if (kind == RejectKind.ICMPX && (family == Family.IP || family == Family.IP6)) {
            throw Cursor.error(code, "abstracted ICMP unreachable not supported");
        }
        return new Statement.RejectStatement(kind, kind.code(code.text()).orElseThrow(() -> Cursor.error(code, "unknown "
                + kind.nftName() + " code " + code.text() + " (expected " + kind.codeNames() + " or a number)")));
    }
}
