package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses values: single values, prefixes, ranges, anonymous sets and set
 * references, of one datatype or a concatenation of several.
 */
final class ValueParser {

    /**
     * One component of a value.
     *
     * @param type    its datatype
     * @param length  its length in bytes
     * @param cgroup  whether it is a cgroup ID given as a path
     * @param bitmask whether {@code a,b,c} combines flags ({@code ct state})
     */
    record Part(Datatype type, int length, boolean cgroup, boolean bitmask, Field field) {
        Part(Datatype type, int length, boolean cgroup, boolean bitmask) {
            this(type, length, cgroup, bitmask, null);
        }

        /** A value of the datatype as the field's register holds it (shifted into place for bit fields). */
        Bytes register(Bytes value) {
            return field == null ? value : field.toRegister(value);
        }
    }

    private final Cursor c;
    private final CgroupPathResolver cgroups;
    private final InterfaceResolver interfaces;

    private HostnameResolver hostnames = HostnameResolver.DISABLED;

    ValueParser(Cursor c, CgroupPathResolver cgroups, InterfaceResolver interfaces) {
        this.c = c;
        this.cgroups = cgroups;
        this.interfaces = interfaces;
    }

    /** Resolves host names in address values through {@code resolver} (by default they are errors). */
    ValueParser withHostnames(HostnameResolver resolver) {
        this.hostnames = resolver;
        return this;
    }

    static List<Part> parts(Field f) {
        return switch (f) {
            // bit fields are concatenated as their values (see ConcatField.holdsValue)
            case ConcatField concat -> concat.fields().stream().map(x -> ConcatField.holdsValue(x)
                    ? new Part(x.datatype(), x.valueLength(), false, x.datatype().isBitmask()) : parts(x).getFirst()).toList();
            case SocketCgroupField s -> List.of(new Part(Datatype.CGROUPV2, 8, true, false));
            case CtField ct -> List.of(new Part(f.datatype(), f.length(), false, ct.isBitmask() || f.datatype().isBitmask()));
            default -> List.of(new Part(f.datatype(), f.valueLength(), false, f.datatype().isBitmask(), f));
        };
    }

    /** A value after a relation: a set literal, a set reference, or one item. */
    Value value(List<Part> parts) {
        Token t = c.peek();
        if (t.kind() == Token.Kind.LBRACE) {
            return setLiteral(parts);
        }
        if (t.kind() == Token.Kind.SET_REFERENCE) {
            c.next();
            return new Value.SetReference(t.text());
        }
        return item(parts, true);
    }

    Value.SetLiteral setLiteral(List<Part> parts) {
        Token open = c.expect(Token.Kind.LBRACE, "'{'");
        List<Value> items = new ArrayList<>();
        List<List<Statement>> statements = new ArrayList<>();
        collect(parts, items, statements);
        if (items.isEmpty()) {
            throw Cursor.error(open, "an anonymous set needs at least one element");
        }
        return Cursor.at(open, () -> new Value.SetLiteral(items, statements));
    }

    /**
     * Items, each with the stateful statements after it, up to and including the closing brace;
     * nested braces (from variables) are flattened.
     */
    private void collect(List<Part> parts, List<Value> items, List<List<Statement>> statements) {
        while (true) {
            c.skipNewlines();
            if (c.accept(Token.Kind.RBRACE)) {
                return;
            }
            if (c.accept(Token.Kind.LBRACE)) {
                collect(parts, items, statements);
            } else {
                // an anonymous set holds ranges of host-order parts of a concatenation as big-endian numbers
                items.add(wildcard(parts, item(parts, false, true)));
                statements.add(elementStatements());
            }
            c.skipNewlines();
            if (!c.accept(Token.Kind.COMMA)) {
                c.skipNewlines();
                if (!c.at(Token.Kind.RBRACE)) {
                    throw c.unexpected("',' or '}'");
                }
            }
        }
    }

    /**
     * An interface name with a wildcard ({@code "eth*"}, which the value holds as its characters before
     * the star) as the range of names it stands for in an interval set: from the characters padded with
     * zeros to the characters padded with ones, as nft writes it; any other value as it is.
     */
    static Value wildcard(List<Part> parts, Value v) {
        if (parts.size() != 1 || parts.getFirst().type() != Datatype.IFNAME || !(v instanceof Value.Single s)
                || s.bytes().length() >= parts.getFirst().length()) {
            return v;
        }
        int length = parts.getFirst().length();
        byte[] low = Arrays.copyOf(s.bytes().toArray(), length);
        byte[] high = Arrays.copyOf(s.bytes().toArray(), length);
        Arrays.fill(high, s.bytes().length(), length, (byte) 0xff);
        return new Value.Range(Bytes.of(low), Bytes.of(high));
    }

    /** The stateful statements of an element ({@code counter}, {@code limit rate ...}, ...), in a row. */
    List<Statement> elementStatements() {
        List<Statement> out = new ArrayList<>();
        RuleParser rules = new RuleParser(c, this, Family.INET);
        for (Statement s = rules.stateful(); s != null; s = rules.stateful()) {
            out.add(s);
        }
        return out;
    }

    /** One value, prefix or range; {@code a . b} for concatenations. */
    Value item(List<Part> parts, boolean flagList) {
        return item(parts, flagList, false);
    }

    /**
     * The key of an element of a named set or map: as {@link #item(List, boolean)}, also with ranges of
     * host-order parts in a concatenation (a named interval set holds those as big-endian numbers).
     */
    Value elementKey(List<Part> parts) {
        return item(parts, false, true);
    }

    private Value item(List<Part> parts, boolean flagList, boolean hostOrderRanges) {
        if (parts.size() > 1) {
            return concatenation(parts, hostOrderRanges);
        }
        Part p = parts.getFirst();
        Token t = c.next();
        if (p.bitmask() && flagList && t.kind() == Token.Kind.WORD) {
            return flagList(p, t);
        }
        boolean name = (p.type() == Datatype.IFINDEX || p.type() == Datatype.UID || p.type() == Datatype.GID)
                && !t.text().matches(NUMBER + "(-" + NUMBER + ")?");
        if (t.kind() == Token.Kind.WORD && !p.cgroup() && p.type() != Datatype.IFNAME && !name) {
            return word(p, t);
        }
        Bytes value = single(p, t);
        if (t.kind() == Token.Kind.STRING && c.at("-") && c.in.peekToken(1).kind() == Token.Kind.STRING) {
            // a range of quoted values: meta time "2022-05-30 21:51:23"-"2022-06-01 23:51:23"
            c.next();
            Token end = c.next();
            Bytes high = single(p, end);
            if (p.type().elementOrder().compare(value, high) > 0) {
                throw Cursor.error(end, "range has its bounds the wrong way round");
            }
            return new Value.Range(value, high);
        }
        return new Value.Single(value);
    }

    /** {@code a . b}: each part a value, a range or a prefix; a range of the concatenation from the lows to the highs. */
    private Value concatenation(List<Part> parts, boolean hostOrderRanges) {
        int length = parts.stream().mapToInt(p -> (p.length() + 3) & ~3).sum();
        byte[] low = new byte[length];
        byte[] high = new byte[length];
        boolean range = false;
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                c.expect(".");
            }
            Part part = parts.get(i);
            Token t = c.peek();
            Value v = wildcard(List.of(part), item(List.of(part), false));
            Bytes lo = switch (v) {
                case Value.Single s -> s.bytes();
                case Value.Range r -> r.low();
                case Value.Prefix p -> p.address();
                default -> throw Cursor.error(t, "unexpected value in a concatenation");
            };
            Bytes hi = switch (v) {
                case Value.Range r -> r.high();
                case Value.Prefix p -> p.last();
                default -> lo;
            };
            if (!(v instanceof Value.Single) && part.type().hostOrder() && part.type() != Datatype.IFNAME && !hostOrderRanges) {
                throw Cursor.error(t, "unsupported: a range of " + part.type().nftName()
                        + " (host byte order) in a concatenation");
            }
            range |= !(v instanceof Value.Single);
            System.arraycopy(lo.toArray(), 0, low, at, lo.length());
            System.arraycopy(hi.toArray(), 0, high, at, hi.length());
            at += (part.length() + 3) & ~3;
        }
        return range ? new Value.Range(Bytes.of(low), Bytes.of(high)) : new Value.Single(Bytes.of(low));
    }

    /** Flags written as a comma-separated list: {@code syn,ack}. */
    private Value flagList(Part p, Token t) {
        StringBuilder text = new StringBuilder(t.text());
        SourceLocation where = t.location();
        while (c.at(Token.Kind.COMMA)) {
            c.next();
            Token more = c.expect(Token.Kind.WORD, "a " + p.type().nftName());
            text.append(',').append(more.text());
            where = where.to(more.location());
        }
        Token whole = new Token(Token.Kind.WORD, text.toString(), where);
        return new Value.Single(single(p, whole));
    }

    /** An unquoted word: a value, an address prefix, a range with or without spaces, or a host name. */
    private Value word(Part p, Token t) {
        String text = t.text();
        int slash = text.indexOf('/');
        if (slash > 0 && (p.type() == Datatype.IPV4_ADDR || p.type() == Datatype.IPV6_ADDR || p.type() == Datatype.ETHER_ADDR)) {
            return prefix(p, t, text.substring(0, slash), text.substring(slash + 1));
        }
        if (slash > 0 && p.field() instanceof PayloadField && !p.type().hostOrder() && !p.type().isBitmask()
                && text.substring(slash + 1).matches("\\d+")) {
            // a prefix of a header field's number, the bits from its first: ip ttl 64/4, tcp dport 22/8
            return prefix(p, t, text.substring(0, slash), text.substring(slash + 1));
        }
        if (slash > 0 && p.field() instanceof PayloadBitField f && !p.type().isBitmask()
                && text.matches("(\\d+|0x[0-9a-fA-F]+)/\\d+")) {
            // a prefix of a bit field's number in a set, the range of values under it: ip dscp { 8/3 } is 0x08-0x0f
            List<Bytes> prefix = Cursor.at(t, () -> f.prefix(Long.decode(text.substring(0, slash)),
                    Integer.parseInt(text.substring(slash + 1))));
            byte[] high = prefix.get(1).toArray();
            byte[] fieldBits = f.mask().toArray();
            byte[] mask = prefix.get(0).toArray();
            for (int i = 0; i < high.length; i++) {
                high[i] |= (byte) (fieldBits[i] & ~mask[i]);
            }
            return Arrays.equals(high, prefix.get(1).toArray()) ? new Value.Single(prefix.get(1))
                    : new Value.Range(prefix.get(1), Bytes.of(high));
        }
        IllegalArgumentException whole = null;
        Bytes spacedLow = null;
        // a range such as 1024-2048 is not tried whole: it would fail, at the cost of two exceptions
        if (!rangeOnly(p, text)) {
            try {
                Bytes value = p.register(p.type().parse(text, p.length()));
                if (p.type().isBitmask()) {
                    // flags combined with |: syn | ack
                    while (c.at("|")) {
                        c.next();
                        Token more = c.expect(Token.Kind.WORD, "a " + p.type().nftName());
                        byte[] a = value.toArray();
                        byte[] b = Cursor.at(more, () -> p.register(p.type().parse(more.text(), p.length()))).toArray();
                        for (int i = 0; i < a.length; i++) {
                            a[i] |= b[i];
                        }
                        value = Bytes.of(a);
                    }
                }
                if (!c.at("-") || p.type().isBitmask()) {
                    return new Value.Single(value);
                }
                spacedLow = value;
            } catch (IllegalArgumentException e) {
                whole = e;
            }
        }
        if (spacedLow != null) {
            // a range written with spaces: 8888 - 8999
            c.next();
            Token end = c.expect(Token.Kind.WORD, "the end of the range");
            Bytes high = Cursor.at(end, () -> p.register(p.type().parse(end.text(), p.length())));
            if (p.type().elementOrder().compare(spacedLow, high) > 0) {
                throw Cursor.error(new Token(Token.Kind.WORD, text + " - " + end.text(), t.location().to(end.location())),
                        "range " + text + "-" + end.text() + " has its bounds the wrong way round");
            }
            return range(spacedLow, high);
        }
        for (int i = text.indexOf('-'); i > 0; i = text.indexOf('-', i + 1)) {
            try {
                Bytes low = p.register(p.type().parse(text.substring(0, i), p.length()));
                Bytes high = p.register(p.type().parse(text.substring(i + 1), p.length()));
                if (p.type().elementOrder().compare(low, high) > 0) {
                    throw Cursor.error(t, "range " + text + " has its bounds the wrong way round");
                }
                return range(low, high);
            } catch (IllegalArgumentException e) {
                // try the next dash
            }
        }
        if (Hostnames.applies(p.type(), text)) {
            return new Value.Single(Hostnames.address(hostnames, t, p.type()));
        }
        throw Cursor.error(t, (whole != null ? whole : wholeError(p, text)).getMessage());
    }

    /** A range, or the one value it holds when its bounds are equal, as nft reads {@code tcp dport 2-2}. */
    private static Value range(Bytes low, Bytes high) {
        return low.equals(high) ? new Value.Single(low) : new Value.Range(low, high);
    }

    /** Why {@code text} is not one value of {@code p}'s type (for a word {@link #rangeOnly} said so of). */
    private static IllegalArgumentException wholeError(Part p, String text) {
        try {
            p.type().parse(text, p.length());
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new IllegalStateException(text + " is a " + p.type().nftName() + " value after all");
    }

    /**
     * Whether {@code text} with a dash cannot be one value of {@code p}'s type, so that it can only be a range: an
     * address never holds a dash, and a number type reads a word that starts with a digit as a number, which a dash
     * ends ({@code 1024-2048}; a name such as {@code ipv6-icmp} starts with a letter).
     */
    private static boolean rangeOnly(Part p, String text) {
        if (text.indexOf('-') <= 0) {
            return false;
        }
        return switch (p.type()) {
            case IPV4_ADDR, IPV6_ADDR -> true;
            case INET_SERVICE, INET_PROTO, MARK, UID, GID, IFINDEX -> text.charAt(0) >= '0' && text.charAt(0) <= '9';
            default -> false;
        };
    }

    private Value prefix(Part p, Token t, String address, String bits) {
        Bytes a = Cursor.at(t, () -> p.type().parse(address, p.length()));
        int n;
        try {
            n = Integer.parseInt(bits);
        } catch (NumberFormatException e) {
            throw Cursor.error(t, "not a prefix length: " + bits);
        }
        if (n < 0 || n > p.length() * 8) {
            throw Cursor.error(t, "prefix length " + n + " out of range (0 to " + p.length() * 8 + ")");
        }
        byte[] raw = a.toArray();
        for (int i = 0; i < raw.length; i++) {
            int keep = Math.max(0, Math.min(8, n - 8 * i));
            raw[i] &= (byte) (0xff << (8 - keep));
        }
        return new Value.Prefix(Bytes.of(raw), n);
    }

    /** One value of {@code p} from token {@code t}. */
    Bytes single(Part p, Token t) {
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
            throw new NftParseException(t.location(), "syntax error, unexpected " + t.describe() + ", expecting a "
                    + (p.cgroup() ? "cgroup path" : p.type().nftName()) + " value");
        }
        if (p.cgroup()) {
            long id;
            if (t.kind() == Token.Kind.STRING) {
                try {
                    id = cgroups.cgroupId(t.text());
                } catch (RuntimeException e) {
                    // resolvers from elsewhere (the cgroup module) throw their own exceptions
                    throw Cursor.error(t, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            } else {
                id = Cursor.at(t, () -> Long.parseUnsignedLong(t.text()));
            }
            return Datatype.CGROUPV2.parse(Long.toUnsignedString(id), 8);
        }
        if (p.type() == Datatype.IFINDEX && !isNumber(t.text())) {
            int index;
            try {
                index = interfaces.indexOrNumber(t.text());
            } catch (RuntimeException e) {
                throw Cursor.error(t, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            return Bytes.u32(index);
        }
        if ((p.type() == Datatype.UID || p.type() == Datatype.GID) && !isNumber(t.text())) {
            int id = Cursor.at(t, () -> p.type() == Datatype.UID ? Accounts.uid(t.text()) : Accounts.gid(t.text()));
            return Bytes.u32(id);
        }
        if (p.type() == Datatype.IFNAME && t.text().isEmpty()) {
            throw Cursor.error(t, "empty interface name");
        }
        if (t.kind() == Token.Kind.STRING && p.type() == Datatype.IFNAME && t.text().endsWith("\\*")) {
            // an escaped star is a literal star, not a wildcard
            String name = t.text().substring(0, t.text().length() - 2) + "*";
            return Cursor.at(t, () -> Bytes.paddedString(name, p.length()));
        }
        if (t.kind() == Token.Kind.STRING && p.type() == Datatype.IFNAME) {
            return Cursor.at(t, () -> p.type().parse("\"" + t.text() + "\"", p.length()));
        }
        if (Hostnames.applies(p.type(), t.text())) {
            try {
                return p.type().parse(t.text(), p.length());
            } catch (IllegalArgumentException e) {
                return Hostnames.address(hostnames, t, p.type());
            }
        }
        return Cursor.at(t, () -> p.register(p.type().parse(t.text(), p.length())));
    }

    private static final String NUMBER = "(\\d+|0x[0-9a-fA-F]+)";

    private static boolean isNumber(String text) {
        return text.matches(NUMBER);
    }

    /** {@code accept}, {@code drop}, {@code continue}, {@code return}, {@code jump NAME}, {@code goto NAME}. */
    Verdict verdict() {
        Token t = c.peek();
        return switch (t.kind() == Token.Kind.WORD ? t.text() : "") {
            case "accept" -> { c.next(); yield Verdict.ACCEPT; }
            case "drop" -> { c.next(); yield Verdict.DROP; }
            case "continue" -> { c.next(); yield Verdict.CONTINUE; }
            case "return" -> { c.next(); yield Verdict.RETURN; }
            case "jump" -> { c.next(); yield Verdict.jump(c.identifier("a chain name").text()); }
            case "goto" -> { c.next(); yield Verdict.goTo(c.identifier("a chain name").text()); }
            default -> throw c.unexpected("a verdict (accept, drop, continue, return, jump, goto)");
        };
    }

    static boolean isVerdict(Token t) {
        return t.kind() == Token.Kind.WORD && switch (t.text()) {
            case "accept", "drop", "continue", "return", "jump", "goto" -> true;
            default -> false;
        };
    }
}
