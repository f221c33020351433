package nftlink.nftables.parse;

import java.util.EnumSet;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.LogLevel;
import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.Statement;

import java.util.Set;

/** Parses the stateful statements: counter, log, limit, quota, ct count and last. */
final class StatefulParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    StatefulParser(RuleContext r) {
        super(r);
    }

    /** {@code last [used never|DURATION]}. */
    Statement last() {
        c.next();
        if (c.accept("used")) {
            Token t = c.next();
            if (t.text().equals("never")) {
                return new Statement.LastStatement(null);
            }
            return new Statement.LastStatement(Durations.millis(t));
        }
        return new Statement.LastStatement(null);
    }

    /**
     * The stateful statement that comes next ({@code counter}, {@code limit}, {@code quota}, {@code ct
     * count}, {@code last}), as a set declaration or a set element holds them, or {@code null} when none does.
     */
    Statement stateful() {
        Token at = c.peek();
        Statement s;
        if (c.at("counter")) {
            s = counter();
        } else if (c.at("limit")) {
            s = limit();
        } else if (c.at("quota")) {
            s = quota();
        } else if (c.at("ct") && c.in.peekIs(1, "count")) {
            s = connlimit();
        } else if (c.at("last")) {
            s = last();
        } else {
            return null;
        }
        if (s instanceof Statement.ObjectReference) {
            throw Cursor.error(at, "a set or its elements hold their own counter, limit or quota, not a named object");
        }
        return s;
    }

    /** {@code ct count [over] N}. */
    Statement connlimit() {
        c.next();
        c.next();
        boolean over = c.accept("over");
        long count = c.number("a connection count");
        if (count > 0xffffffffL) {
            throw Cursor.error(c.in.last(), "connection count " + count + " is out of range");
        }
        return new Statement.ConnlimitStatement((int) count, over);
    }

    /** {@code counter [packets N bytes N]} or {@code counter name NAME}. */
    Statement counter() {
        c.next();
        if (c.accept("name")) {
            return r.lookups.objectReference(ObjectType.COUNTER);
        }
        long packets = 0;
        long bytes = 0;
        if (c.accept("packets")) {
            packets = c.number("a packet count");
            c.expect("bytes");
            bytes = c.number("a byte count");
        } else if (c.accept("bytes")) {
            bytes = c.number("a byte count");
            c.expect("packets");
            packets = c.number("a packet count");
        }
        return new Statement.CounterStatement(packets, bytes);
    }

    /** {@code log [prefix P] [level L] [flags F] [group G [snaplen N] [queue-threshold N]]}. */
    Statement log() {
        Token logToken = c.next();
        String prefix = null;
        LogLevel level = null;
        Integer group = null;
        Integer snaplen = null;
        Integer threshold = null;
        Set<LogFlag> flags = EnumSet.noneOf(LogFlag.class);
        while (true) {
            if (c.accept("prefix")) {
                // nft takes an unquoted word too: log prefix drop-ssh
                prefix = c.peek().kind() == Token.Kind.WORD && !c.peek().isEndOfStatement() ? c.next().text()
                        : c.expect(Token.Kind.STRING, "a quoted prefix").text();
            } else if (c.accept("level")) {
                Token l = c.expect(Token.Kind.WORD, "a log level");
                level = LogLevel.named(l.text()).orElseThrow(() -> Cursor.error(l, "unknown log level " + l.text()
                        + " (expected " + LogLevel.names() + ")"));
            } else if (c.accept("group")) {
                group = c.smallNumber("a log group", 0xffff);
            } else if (c.accept("flags")) {
                flags.addAll(logFlags());
            } else if (c.accept("snaplen")) {
                Token n = c.peek();
                long bytes = c.number("a snap length in bytes");
                if (bytes > 0xffffffffL) {
                    throw Cursor.error(n, "snap length " + bytes + " is out of range");
                }
                snaplen = (int) bytes;
            } else if (c.accept("queue-threshold")) {
                threshold = c.smallNumber("a number of packets", 0xffff);
            } else {
                break;
            }
        }
        if (level == LogLevel.AUDIT && (prefix != null || group != null || !flags.isEmpty())) {
            throw Cursor.error(logToken, "log level audit takes no other options");
        }
        if (group != null && (level != null || !flags.isEmpty())) {
            throw Cursor.error(logToken, "log group (nflog) takes no level or flags");
        }
        if (group == null && (snaplen != null || threshold != null)) {
            throw Cursor.error(logToken, "log snaplen and queue-threshold need a group (nflog)");
        }
        return new Statement.LogStatement(prefix, level, flags, group, snaplen, threshold);
    }

    /** {@code all}, {@code tcp sequence[,options]}, {@code ip options}, {@code skuid} or {@code ether} after {@code flags}. */
    private Set<LogFlag> logFlags() {
        Token t = c.expect(Token.Kind.WORD, "log flags (all, tcp, ip, skuid, ether)");
        return switch (t.text()) {
            case "all" -> EnumSet.allOf(LogFlag.class);
            case "skuid" -> Set.of(LogFlag.SKUID);
            case "ether" -> Set.of(LogFlag.ETHER);
            case "ip" -> {
                c.expect("options");
                yield Set.of(LogFlag.IP_OPTIONS);
            }
            case "tcp" -> {
                Set<LogFlag> f = EnumSet.noneOf(LogFlag.class);
                do {
                    Token o = c.expect(Token.Kind.WORD, "sequence or options");
                    f.add(switch (o.text()) {
                        case "sequence" -> LogFlag.TCP_SEQUENCE;
                        case "options" -> LogFlag.TCP_OPTIONS;
                        default -> throw Cursor.error(o, "unknown tcp log flag " + o.text() + " (expected sequence or options)");
                    });
                } while (c.accept(Token.Kind.COMMA));
                yield f;
            }
            default -> throw Cursor.error(t, "unknown log flag " + t.text() + " (expected all, tcp, ip, skuid or ether)");
        };
    }

    /** {@code limit rate [over|until] N/UNIT [burst N packets|bytes]} or {@code limit name NAME}. */
    Statement limit() {
        c.next();
        if (c.accept("name")) {
            return r.lookups.objectReference(ObjectType.LIMIT);
        }
        c.expect("rate");
        boolean over = c.accept("over");
        if (c.accept("until")) {
            over = false;
        }
        Token rateToken = c.peek();
        Rates r = Rates.parse(c);
        long rate = r.rate();
        boolean bytes = r.bytes();
        long burst = bytes ? 0 : 5;
        if (c.accept("burst")) {
            long b = c.number("a burst");
            Token u = c.expect(Token.Kind.WORD, bytes ? "a byte unit" : "packets");
            if (bytes) {
                b *= Rates.byteUnit(u, u.text());
            } else if (!u.text().equals("packets")) {
                throw Cursor.error(u, "syntax error, unexpected " + u.text() + ", expecting packets");
            }
            if (b > 0xffffffffL) {
                throw Cursor.error(u, "burst too large");
            }
            burst = b;
        }
        if (rate == 0) {
            throw Cursor.error(rateToken, "limit rate must be greater than 0");
        }
        return new Statement.LimitStatement(rate, r.period(), burst, bytes, over);
    }

    /** {@code quota [over|until] N UNIT [used N UNIT]} or {@code quota name NAME}. */
    Statement quota() {
        c.next();
        if (c.accept("name")) {
            return r.lookups.objectReference(ObjectType.QUOTA);
        }
        boolean over = c.accept("over");
        if (!over) {
            c.accept("until");
        }
        long bytes = c.number("a byte count");
        Token u = c.expect(Token.Kind.WORD, "a byte unit");
        bytes *= Rates.byteUnit(u, u.text());
        long used = 0;
        if (c.accept("used")) {
            used = c.number("a byte count");
            Token uu = c.expect(Token.Kind.WORD, "a byte unit");
            used *= Rates.byteUnit(uu, uu.text());
        }
        return new Statement.QuotaStatement(bytes, used, over);
    }
}
