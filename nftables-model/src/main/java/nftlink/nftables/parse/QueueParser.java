package nftlink.nftables.parse;

import java.util.EnumSet;
import java.util.Set;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.QueueFlag;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Statement;

/** Parses the {@code queue} statement, with a fixed or computed queue number. */
final class QueueParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    QueueParser(RuleContext r) {
        super(r);
    }

    /** {@code queue [num N[-M]] [fanout] [bypass]} or {@code queue [flags bypass,fanout] [to N[-M]]}. */
    Statement queue() {
        Token start = c.next();
        Set<QueueFlag> flags = EnumSet.noneOf(QueueFlag.class);
        int[] range = {0, 0};
        Field[] source = {null};
        boolean numbered = false;
        while (c.peek().kind() == Token.Kind.WORD && !c.peek().isEndOfStatement()) {
            Token t = c.peek();
            switch (t.text()) {
                case "num", "to" -> {
                    Token keyword = c.next();
                    if (c.peek().kind() == Token.Kind.WORD && !c.peek().text().matches("\\d.*")) {
                        if (keyword.text().equals("num")) {
                            throw Cursor.error(c.peek(), "syntax error, unexpected " + c.peek().describe()
                                    + ", expecting a queue number (a computed one follows 'to')");
                        }
                        source[0] = queueSource();
                        numbered = true;
                        continue;
                    }
                    Token n = c.expect(Token.Kind.WORD, "a queue number or range");
                    if (!n.text().matches("\\d+(-\\d+)?")) {
                        throw Cursor.error(n, "syntax error, unexpected " + n.describe() + ", expecting a queue number or range");
                    }
                    String[] parts = n.text().split("-");
                    range[0] = Cursor.at(n, () -> parseQueue(parts[0]));
                    range[1] = parts.length > 1 ? Cursor.at(n, () -> parseQueue(parts[1])) : range[0];
                    numbered = true;
                }
                case "flags" -> {
                    c.next();
                    Token f = c.expect(Token.Kind.WORD, "queue flags (bypass, fanout)");
                    StringBuilder all = new StringBuilder(f.text());
                    while (c.accept(Token.Kind.COMMA)) {
                        all.append(',').append(c.expect(Token.Kind.WORD, "a queue flag").text());
                    }
                    for (String flag : all.toString().split(",")) {
                        flags.add(QueueFlag.named(flag)
                                .orElseThrow(() -> Cursor.error(f, "unknown queue flag " + flag + " (bypass, fanout)")));
                    }
                }
                case "bypass" -> {
                    c.next();
                    flags.add(QueueFlag.BYPASS);
                }
                case "fanout" -> {
                    c.next();
                    flags.add(QueueFlag.FANOUT);
                }
                default -> {
                    return queueStatement(start, range, flags, source[0]);
                }
            }
        }
        return queueStatement(start, range, flags, source[0]);
    }

    private static int parseQueue(String text) {
        long v = Long.parseLong(text);
        if (v > 0xffff) {
            throw new IllegalArgumentException("queue number " + v + " is out of range (0 to 65535)");
        }
        return (int) v;
    }

    private static Statement queueStatement(Token start, int[] range, Set<QueueFlag> flags, Field source) {
        return Cursor.at(start, () -> new Statement.QueueStatement(range[0], range[1], flags, source));
    }

    /** A queue number computed from the packet: numgen, symhash, jhash, or a map lookup ({@code oifname map { ... }}). */
    private Field queueSource() {
        Token start = c.peek();
        Field source = r.fields.fieldOrConcat();
        if (c.at("map")) {
            source = r.lookups.mapLookup(source, Datatype.HOST_INTEGER, 2, new ValueParser.Part(Datatype.HOST_INTEGER, 2, false, false));
        }
        Field s = source;
        Cursor.at(start, () -> new Statement.QueueStatement(0, 0, Set.of(), s));
        return source;
    }
}
