package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.NfTables;
import nftlink.nftables.NftObject;
import nftlink.nftables.ObjectData;


/**
 * Named stateful objects: {@code counter NAME { [packets N bytes M] }},
 * {@code quota NAME { [over|until] N UNIT [used N UNIT] }},
 * {@code limit NAME { rate [over] N/PERIOD [burst N packets] }} (or a byte rate),
 * each with an optional {@code comment}.
 */
final class ObjectParser {

    private final Cursor c;

    ObjectParser(Cursor c) {
        this.c = c;
    }

    /** The object after {@code TYPE NAME}: its block, or none (a zeroed counter). */
    NftObject object(String type, Family family, String table, Token name) {
        ObjectData data = null;
        String comment = null;
        if (c.accept(Token.Kind.LBRACE)) {
            while (true) {
                c.skipNewlines();
                if (c.accept(Token.Kind.SEMICOLON)) {
                    continue;
                }
                if (c.accept(Token.Kind.RBRACE)) {
                    break;
                }
                if (c.accept("comment")) {
                    comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
                } else if (data == null) {
                    data = data(type);
                } else {
                    throw c.unexpected("comment or '}'");
                }
                if (!c.accept(Token.Kind.NEWLINE) && !c.accept(Token.Kind.SEMICOLON) && !c.at(Token.Kind.RBRACE)) {
                    throw c.unexpected("newline, ';' or '}'");
                }
            }
        }
        if (data == null) {
            if (!type.equals("counter")) {
                throw Cursor.error(name, type + " " + name.text() + " needs its settings in braces, e.g. "
                        + (type.equals("quota") ? "{ 25 mbytes }" : "{ rate 10/second }"));
            }
            data = ObjectData.Counter.zero();
        }
        ObjectData d = data;
        NftObject object = Cursor.at(name, () -> NftObject.of(family, table, name.text(), d));
        return comment == null ? object : object.withComment(comment);
    }

    private ObjectData data(String type) {
        return switch (type) {
            case "counter" -> {
                c.expect("packets");
                long packets = c.number("a packet count");
                c.expect("bytes");
                yield new ObjectData.Counter(packets, c.number("a byte count"));
            }
            case "quota" -> {
                boolean over = c.accept("over");
                if (!over) {
                    c.accept("until");
                }
                long bytes = bytes();
                long used = c.accept("used") ? bytes() : 0;
                yield new ObjectData.Quota(bytes, used, over ? NfTables.NFT_QUOTA_F_INV : 0);
            }
            default -> limit();
        };
    }

    private long bytes() {
        long n = c.number("a byte count");
        Token unit = c.expect(Token.Kind.WORD, "a byte unit");
        return n * RuleParser.byteUnit(unit, unit.text());
    }

    private ObjectData limit() {
        c.expect("rate");
        boolean over = c.accept("over");
        if (!over) {
            c.accept("until");
        }
        Token rateToken = c.peek();
        Rates r = Rates.parse(c);
        long rate = r.rate();
        long period = r.period();
        boolean bytes = r.bytes();
        long burst = bytes ? 0 : 5;
        if (c.accept("burst")) {
            burst = c.number("a burst");
            Token unit = c.expect(Token.Kind.WORD, bytes ? "a byte unit" : "packets");
            if (bytes) {
                burst *= RuleParser.byteUnit(unit, unit.text());
            } else if (!unit.text().equals("packets")) {
                throw Cursor.error(unit, "syntax error, unexpected " + unit.text() + ", expecting packets");
            }
        }
        if (burst > 0xffffffffL) {
            throw Cursor.error(rateToken, "burst too large");
        }
        return new ObjectData.Limit(rate, period, (int) burst, bytes ? NfTables.NFT_LIMIT_PKT_BYTES : NfTables.NFT_LIMIT_PKTS,
                over ? NfTables.NFT_LIMIT_F_INV : 0);
    }

    /** The {@code NFT_OBJECT_*} type of an object keyword. */
    static int type(String keyword) {
        return switch (keyword) {
            case "counter" -> NfTables.NFT_OBJECT_COUNTER;
            case "quota" -> NfTables.NFT_OBJECT_QUOTA;
            default -> NfTables.NFT_OBJECT_LIMIT;
        };
    }
}
