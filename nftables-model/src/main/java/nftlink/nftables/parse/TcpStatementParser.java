package nftlink.nftables.parse;

import nftlink.nftables.SynproxyFlag;
import java.util.EnumSet;
import java.util.Set;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.lang.Fields;
import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.Statement;

/** Parses the statements that act on TCP: {@code synproxy} and {@code reset tcp option}. */
final class TcpStatementParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    TcpStatementParser(RuleContext r) {
        super(r);
    }

    /** {@code synproxy [mss N] [wscale N] [timestamp] [sack-perm]}. */
    Statement synproxy() {
        Token start = c.next();
        Integer mss = null;
        Integer wscale = null;
        Set<SynproxyFlag> flags = EnumSet.noneOf(SynproxyFlag.class);
        while (!c.peek().isEndOfStatement() && c.peek().kind() == Token.Kind.WORD) {
            switch (c.peek().text()) {
                case "mss" -> {
                    c.next();
                    mss = c.smallNumber("a maximum segment size", 0xffff);
                }
                case "wscale" -> {
                    c.next();
                    wscale = c.smallNumber("a window scale", 14);
                }
                case "timestamp" -> {
                    c.next();
                    flags.add(SynproxyFlag.TIMESTAMP);
                }
                case "sack-perm" -> {
                    c.next();
                    flags.add(SynproxyFlag.SACK_PERM);
                }
                case "name" -> {
                    c.next();
                    return r.lookups.objectReference(ObjectType.SYNPROXY);
                }
                default -> {
                    return new Statement.SynproxyStatement(mss, wscale, flags);
                }
            }
        }
        return new Statement.SynproxyStatement(mss, wscale, flags);
    }

    /** {@code reset tcp option NAME|KIND}. */
    Statement tcpOptionReset() {
        c.next();
        c.expect("tcp");
        c.expect("option");
        Token option = c.expect(Token.Kind.WORD, "a tcp option name or kind");
        int kind;
        if (option.text().matches("\\d+")) {
            kind = Cursor.at(option, () -> Integer.parseInt(option.text()));
        } else {
            String header = "tcp option " + option.text();
            kind = Fields.presence(header).map(ExthdrField::type).orElseThrow(() -> Cursor.error(option,
                    "unknown tcp option " + option.text()));
        }
        int k = kind;
        return Cursor.at(option, () -> new Statement.TcpOptionReset(k));
    }
}
