package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftObject;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.lang.ObjectRenderer;

import java.util.LinkedHashMap;
import java.util.Map;


/**
 * Named stateful objects: {@code counter NAME { [packets N bytes M] }},
 * {@code quota NAME { [over|until] N UNIT [used N UNIT] }},
 * {@code limit NAME { rate [over] N/PERIOD [burst N packets] }} (or a byte rate),
 * {@code ct helper NAME { type "ftp" protocol tcp; [l3proto ip;] }},
 * {@code ct timeout NAME { protocol tcp; [l3proto ip;] policy = { established: 100, ... }; }},
 * {@code ct expectation NAME { protocol tcp; dport 22; timeout 10s; size 8; [l3proto ip;] }},
 * {@code synproxy NAME { mss 1460; wscale 7; [timestamp] [sack-perm]; }} and
 * {@code secmark NAME { "CONTEXT" }}, each with an optional {@code comment}.
 *
 * <p>Where the text leaves {@code l3proto} out, the object gets its table's family, which is what
 * the kernel takes when nft leaves the attribute out.
 */
final class ObjectParser {

    private final Cursor c;

    ObjectParser(Cursor c) {
        this.c = c;
    }

    /**
     * The object keyword starting with {@code first} (already consumed): {@code counter}, ...,
     * {@code ct helper} (consuming {@code helper}), or {@code null} when {@code first} starts none.
     */
    static String keyword(Cursor c, Token first) {
        return switch (first.text()) {
            case "counter", "quota", "limit", "synproxy", "secmark" -> first.text();
            case "ct" -> {
                Token t = c.expect(Token.Kind.WORD, "helper, timeout or expectation");
                yield switch (t.text()) {
                    case "helper", "timeout", "expectation" -> "ct " + t.text();
                    default -> throw Cursor.error(t, "syntax error, unexpected " + t.text()
                            + ", expecting helper, timeout or expectation");
                };
            }
            default -> null;
        };
    }

    /** What the settings of one object type say so far. */
    private static final class Settings {
        ObjectDefinition simple;
        String helper;
        Integer l4proto;
        Integer l3proto;
        Map<String, Integer> policy;
        Integer dport;
        Long timeout;
        Integer size;
        int mss;
        int wscale;
        int synproxyFlags;
        String context;
        boolean any;
    }

    /** The object after {@code TYPE NAME}: its block, or none (a zeroed counter). */
    NftObject object(String type, Family family, String table, Token name) {
        Settings s = new Settings();
        String comment = null;
        if (c.accept(Token.Kind.LBRACE)) {
            while (Block.nextMember(c)) {
                if (c.accept("comment")) {
                    comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
                } else {
                    setting(type, s);
                    s.any = true;
                }
                if (!separated(type)) {
                    throw c.unexpected("newline, ';' or '}'");
                }
            }
        }
        ObjectDefinition data = data(type, family, name, s);
        NftObject object = Cursor.at(name, () -> NftObject.of(family, table, name.text(), data));
        return comment == null ? object : object.withComment(comment);
    }

    /** Whether a setting ended properly: synproxy options may follow each other on one line. */
    private boolean separated(String type) {
        if (c.accept(Token.Kind.NEWLINE) || c.accept(Token.Kind.SEMICOLON) || c.at(Token.Kind.RBRACE)) {
            return true;
        }
        return type.equals("synproxy") && (c.at("mss") || c.at("wscale") || c.at("timestamp") || c.at("sack-perm"));
    }

    private void setting(String type, Settings s) {
        switch (type) {
            case "counter", "quota", "limit" -> {
                if (s.simple != null) {
                    throw c.unexpected("comment or '}'");
                }
                s.simple = simple(type);
            }
            case "ct helper" -> {
                Token t = c.expect(Token.Kind.WORD, "type or l3proto");
                switch (t.text()) {
                    case "type" -> {
                        s.helper = c.expect(Token.Kind.STRING, "a quoted helper name, e.g. \"ftp\"").text();
                        c.expect("protocol");
                        s.l4proto = l4proto();
                    }
                    case "l3proto" -> s.l3proto = l3proto();
                    default -> throw Cursor.error(t, "syntax error, unexpected " + t.text() + ", expecting type or l3proto");
                }
            }
            case "ct timeout" -> {
                Token t = c.expect(Token.Kind.WORD, "protocol, l3proto or policy");
                switch (t.text()) {
                    case "protocol" -> s.l4proto = l4proto();
                    case "l3proto" -> s.l3proto = l3proto();
                    case "policy" -> s.policy = policy();
                    default -> throw Cursor.error(t, "syntax error, unexpected " + t.text()
                            + ", expecting protocol, l3proto or policy");
                }
            }
            case "ct expectation" -> {
                Token t = c.expect(Token.Kind.WORD, "protocol, dport, timeout, size or l3proto");
                switch (t.text()) {
                    case "protocol" -> s.l4proto = l4proto();
                    case "dport" -> s.dport = c.smallNumber("a port number", 0xffff);
                    case "timeout" -> {
                        Token d = c.expect(Token.Kind.WORD, "a duration");
                        long ms = Durations.millis(d);
                        if (ms > 0xffffffffL) {
                            throw Cursor.error(d, "timeout too large (at most 4294967295ms)");
                        }
                        s.timeout = ms;
                    }
                    case "size" -> s.size = c.smallNumber("a size", 0xff);
                    case "l3proto" -> s.l3proto = l3proto();
                    default -> throw Cursor.error(t, "syntax error, unexpected " + t.text()
                            + ", expecting protocol, dport, timeout, size or l3proto");
                }
            }
            case "synproxy" -> {
                Token t = c.expect(Token.Kind.WORD, "mss, wscale, timestamp or sack-perm");
                switch (t.text()) {
                    case "mss" -> {
                        s.mss = c.smallNumber("a maximum segment size", 0xffff);
                        s.synproxyFlags |= NfTablesUapi.NF_SYNPROXY_OPT_MSS;
                    }
                    case "wscale" -> {
                        s.wscale = c.smallNumber("a window scale", 0xff);
                        s.synproxyFlags |= NfTablesUapi.NF_SYNPROXY_OPT_WSCALE;
                    }
                    case "timestamp" -> s.synproxyFlags |= NfTablesUapi.NF_SYNPROXY_OPT_TIMESTAMP;
                    case "sack-perm" -> s.synproxyFlags |= NfTablesUapi.NF_SYNPROXY_OPT_SACK_PERM;
                    default -> throw Cursor.error(t, "syntax error, unexpected " + t.text()
                            + ", expecting mss, wscale, timestamp or sack-perm");
                }
            }
            case "secmark" -> {
                if (s.context != null) {
                    throw c.unexpected("comment or '}'");
                }
                s.context = c.expect(Token.Kind.STRING, "a quoted security context").text();
            }
            default -> throw new IllegalStateException(type);
        }
    }

    private ObjectDefinition data(String type, Family family, Token name, Settings s) {
        int l3 = s.l3proto != null ? s.l3proto : family.protocol();
        return switch (type) {
            case "counter" -> s.simple != null ? s.simple : ObjectDefinition.Counter.zero();
            case "quota", "limit" -> {
                if (s.simple == null) {
                    throw Cursor.error(name, type + " " + name.text() + " needs its settings in braces, e.g. "
                            + (type.equals("quota") ? "{ 25 mbytes }" : "{ rate 10/second }"));
                }
                yield s.simple;
            }
            case "ct helper" -> {
                if (s.helper == null) {
                    throw Cursor.error(name, "ct helper " + name.text() + " needs type \"NAME\" protocol tcp|udp");
                }
                yield new ObjectDefinition.CtHelper(s.helper, l3, s.l4proto);
            }
            case "ct timeout" -> {
                if (s.l4proto == null) {
                    throw Cursor.error(name, "ct timeout " + name.text() + " needs protocol tcp|udp");
                }
                yield Cursor.at(name, () -> ObjectDefinition.CtTimeout.of(l3, s.l4proto,
                        s.policy == null ? Map.of() : s.policy));
            }
            case "ct expectation" -> {
                if (s.l4proto == null || s.dport == null || s.timeout == null || s.size == null) {
                    throw Cursor.error(name, "ct expectation " + name.text()
                            + " needs protocol, dport, timeout and size (e.g. protocol tcp; dport 21; timeout 10s; size 8)");
                }
                yield new ObjectDefinition.CtExpectation(l3, s.l4proto, s.dport, (int) (long) s.timeout, s.size);
            }
            case "synproxy" -> new ObjectDefinition.Synproxy(s.mss, s.wscale, s.synproxyFlags);
            case "secmark" -> {
                if (s.context == null) {
                    throw Cursor.error(name, "secmark " + name.text() + " needs a quoted security context, e.g. { \"system_u:object_r:ssh_server_packet_t:s0\" }");
                }
                yield new ObjectDefinition.Secmark(s.context);
            }
            default -> throw new IllegalStateException(type);
        };
    }

    /** {@code tcp} or {@code udp}: the protocols nft knows helpers, timeouts and expectations for. */
    private int l4proto() {
        Token t = c.expect(Token.Kind.WORD, "tcp or udp");
        return switch (t.text()) {
            case "tcp" -> 6;
            case "udp" -> 17;
            default -> throw Cursor.error(t, "syntax error, unexpected " + t.text() + ", expecting tcp or udp");
        };
    }

    /** {@code ip}, {@code ip6}, {@code inet}, ...: the {@code NFPROTO_*} number. */
    private int l3proto() {
        Token t = c.expect(Token.Kind.WORD, "a family (ip, ip6, inet, ...)");
        return Cursor.at(t, () -> Family.ofName(t.text()).protocol());
    }

    /** {@code = { STATE : SECONDS, ... }}; {@code STATE: SECONDS} (one word with the colon) too. */
    private Map<String, Integer> policy() {
        c.expect(Token.Kind.EQUALS, "'='");
        c.expect(Token.Kind.LBRACE, "'{'");
        Map<String, Integer> out = new LinkedHashMap<>();
        while (true) {
            c.skipNewlines();
            if (c.accept(Token.Kind.RBRACE)) {
                break;
            }
            Token key = c.expect(Token.Kind.WORD, "a state name, e.g. established");
            String state = key.text();
            String value = null;
            int colon = state.indexOf(':');
            if (colon >= 0) {
                value = state.substring(colon + 1);
                state = state.substring(0, colon);
            } else {
                Token sep = c.expect(Token.Kind.WORD, "':'");
                if (!sep.text().startsWith(":")) {
                    throw Cursor.error(sep, "syntax error, unexpected " + sep.text() + ", expecting ':'");
                }
                value = sep.text().substring(1);
            }
            Token valueToken = key;
            if (value.isEmpty()) {
                valueToken = c.expect(Token.Kind.WORD, "a timeout in seconds");
                value = valueToken.text();
            }
            long seconds;
            if (value.matches("\\d{1,10}")) {
                seconds = Long.parseLong(value);
            } else {
                seconds = Durations.millis(new Token(Token.Kind.WORD, value, valueToken.location())) / 1000;
            }
            if (seconds > 0xffffffffL) {
                throw Cursor.error(valueToken, "timeout too large: " + value);
            }
            if (state.isEmpty()) {
                throw Cursor.error(key, "syntax error, expecting a state name before ':'");
            }
            out.put(state, (int) seconds);
            c.skipNewlines();
            if (!c.accept(Token.Kind.COMMA)) {
                c.skipNewlines();
                if (!c.at(Token.Kind.RBRACE)) {
                    throw c.unexpected("',' or '}'");
                }
            }
        }
        return out;
    }

    private ObjectDefinition simple(String type) {
        return switch (type) {
            case "counter" -> {
                c.expect("packets");
                long packets = c.number("a packet count");
                c.expect("bytes");
                yield new ObjectDefinition.Counter(packets, c.number("a byte count"));
            }
            case "quota" -> {
                boolean over = c.accept("over");
                if (!over) {
                    c.accept("until");
                }
                long bytes = bytes();
                long used = c.accept("used") ? bytes() : 0;
                yield new ObjectDefinition.Quota(bytes, used, over ? NfTablesUapi.NFT_QUOTA_F_INV : 0);
            }
            default -> limit();
        };
    }

    private long bytes() {
        long n = c.number("a byte count");
        Token unit = c.expect(Token.Kind.WORD, "a byte unit");
        return n * Rates.byteUnit(unit, unit.text());
    }

    private ObjectDefinition limit() {
        c.expect("rate");
        boolean over = c.accept("over");
        if (!over) {
            c.accept("until");
        }
        Token rateToken = c.peek();
        Rates r = Rates.parse(c);
        long rate = r.rate();
        long period = r.period().seconds();
        boolean bytes = r.bytes();
        long burst = bytes ? 0 : 5;
        if (c.accept("burst")) {
            burst = c.number("a burst");
            Token unit = c.expect(Token.Kind.WORD, bytes ? "a byte unit" : "packets");
            if (bytes) {
                burst *= Rates.byteUnit(unit, unit.text());
            } else if (!unit.text().equals("packets")) {
                throw Cursor.error(unit, "syntax error, unexpected " + unit.text() + ", expecting packets");
            }
        }
        if (burst > 0xffffffffL) {
            throw Cursor.error(rateToken, "burst too large");
        }
        return new ObjectDefinition.Limit(rate, period, (int) burst, bytes ? NfTablesUapi.NFT_LIMIT_PKT_BYTES : NfTablesUapi.NFT_LIMIT_PKTS,
                over ? NfTablesUapi.NFT_LIMIT_F_INV : 0);
    }

    /** The {@code NFT_OBJECT_*} type of an object keyword ({@code counter}, {@code ct helper}, ...). */
    static int type(String keyword) {
        int type = ObjectRenderer.type(keyword);
        if (type < 0) {
            throw new IllegalArgumentException("not an object type: " + keyword);
        }
        return type;
    }
}
