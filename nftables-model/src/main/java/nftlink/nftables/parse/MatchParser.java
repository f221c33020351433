package nftlink.nftables.parse;

import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.lang.BinopField;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.CombinedField;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Fields;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RawPayloadField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a match ({@code FIELD [OP] VALUE}), a verdict map after a field, and the {@code FIELD set VALUE} statements. */
final class MatchParser extends RuleSubparser {

    /** The comparison operators nft also takes as words. */
    private static final Set<String> COMPARISON_WORDS = Set.of("eq", "ne", "lt", "gt", "le", "ge");
    /** A number and a prefix length: the top bits of a 32-bit mark or ct field ({@code 0xffffff00/24}). */
    private static final Pattern NUMBER_PREFIX = Pattern.compile("(\\d+|0x[0-9a-fA-F]+)/(\\d+)");
    /** {@code KEY:VERDICT} written without spaces, one word. */
    private static final Pattern GLUED_VERDICT = Pattern.compile("(.+):(accept|drop|continue|return)");


    /** A parser of the rule that {@code r} holds the state of. */
    MatchParser(RuleContext r) {
        super(r);
    }

    /** A statement that starts with a field: a match, a verdict map lookup or {@code FIELD set VALUE}. */
    Statement match() {
        Token start = c.peek();
        Field loaded = r.fields.fieldOrConcat();
        // a key computed from the packet: meta mark >> 8 & 0xf vmap @m
        Field unmasked = r.atOperator("<<") || r.atOperator(">>") ? r.binops.shiftedKey(start, loaded) : loaded;
        Bytes xorValue = null;
        Field masked = unmasked;
        String maskOp = r.maskOperator(unmasked);
        if (maskOp != null) {
            Token opToken = c.next();
            Bytes operand = flagsOrValue(ValueParser.parts(unmasked).getFirst());
            switch (maskOp) {
                case "&" -> masked = Cursor.at(opToken, () -> MaskedField.and(unmasked, operand));
                case "|" -> masked = Cursor.at(opToken, () -> MaskedField.or(unmasked, operand));
                default -> xorValue = operand;
            }
        }
        if (masked != unmasked && c.peek().kind() == Token.Kind.OTHER && c.peek().text().equals("!")) {
            throw Cursor.error(c.peek(), "syntax error, unexpected '!' after a mask (FIELD & MASK == VALUE or FIELD ! FLAGS)");
        }
        if (unmasked.datatype().isBitmask() && !(unmasked instanceof ConcatField) && c.peek().kind() == Token.Kind.OTHER
                && c.peek().text().equals("!")) {
            // FIELD ! FLAGS: none of the flags is set
            Token bang = c.next();
            Bytes flags = flagsOrValue(ValueParser.parts(unmasked).getFirst());
            MaskedField none = Cursor.at(bang, () -> MaskedField.and(unmasked, flags));
            return new Match(none, Match.Op.EQ, new Value.Single(Bytes.of(new byte[none.length()])));
        }
        Field f = masked;
        List<ValueParser.Part> parts = ValueParser.parts(f);
        if (c.accept("vmap")) {
            return verdictMap(start, f, parts);
        }
        if (c.at("set")) {
            return setStatement(f, parts);
        }
        return comparison(f, unmasked, parts, xorValue, matchOp());
    }

    /** After {@code FIELD vmap}: {@code @MAP} or {@code { KEY : VERDICT, ... }}. */
    private Statement verdictMap(Token start, Field f, List<ValueParser.Part> parts) {
        if (c.at(Token.Kind.SET_REFERENCE)) {
            return new Statement.VerdictMap(f, List.of(), c.next().text());
        }
        Token open = c.expect(Token.Kind.LBRACE, "'{' or @map");
        List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
        while (r.nextMapEntry()) {
            Token keyToken = c.peek();
            Matcher glued = GLUED_VERDICT.matcher(keyToken.kind() == Token.Kind.WORD ? keyToken.text() : "");
            if (glued.matches() && parts.size() == 1) {
                // KEY:VERDICT written without spaces is one word
                c.next();
                Token keyOnly = new Token(Token.Kind.WORD, glued.group(1), keyToken.location());
                Value k = new Value.Single(values.single(parts.getFirst(), keyOnly));
                Verdict verdict = switch (glued.group(2)) {
                    case "accept" -> Verdict.ACCEPT;
                    case "drop" -> Verdict.DROP;
                    case "continue" -> Verdict.CONTINUE;
                    default -> Verdict.RETURN;
                };
                entries.add(Cursor.at(keyToken, () -> new Statement.VerdictMap.Entry(k, verdict)));
            } else {
                Value key = c.accept("*") ? new Value.CatchAll() : ValueParser.wildcard(parts, values.item(parts, false));
                List<Statement> stateful = values.elementStatements();
                c.expect(":");
                Value k = key;
                entries.add(Cursor.at(keyToken, () -> new Statement.VerdictMap.Entry(k, values.verdict(), stateful)));
            }
            r.endMapEntry();
        }
        if (entries.isEmpty()) {
            throw Cursor.error(open, "an anonymous verdict map needs at least one element");
        }
        return Cursor.at(start, () -> new Statement.VerdictMap(f, entries, null));
    }

    /** After {@code FIELD}, at {@code set}: the value set, a constant or one computed from the packet, or an object reference. */
    private Statement setStatement(Field f, List<ValueParser.Part> parts) {
        Token set = c.next();
        if (f instanceof CtField ct && ct.key() == Ct.Key.HELPER) {
            return r.lookups.objectReference(ObjectType.CT_HELPER);
        }
        if (f instanceof MetaField meta && meta.key() == Meta.Key.SECMARK && c.at(Token.Kind.STRING)) {
            return r.lookups.objectReference(ObjectType.SECMARK);
        }
        boolean header = f instanceof PayloadField || f instanceof PayloadBitField
                || f instanceof ExthdrField || f instanceof RawPayloadField;
        if (!(f instanceof MetaField) && !(f instanceof CtField) && !header) {
            throw Cursor.error(set, "unsupported: '" + f.text() + " set' (nftlink's rule language sets meta, ct and header fields)");
        }
        Token v = c.peek();
        if (v.kind() == Token.Kind.OTHER && v.text().equals("(") && (f instanceof MetaField || f instanceof CtField)
                && RuleVocabulary.startsField(c.in.peekToken(1))) {
            return shiftedGroup(f, v);
        }
        if (v.kind() == Token.Kind.WORD && header && !(f instanceof ExthdrField)
                && f.text().startsWith(v.text() + " ")) {
            return setFromField(f, v);
        }
        if (f instanceof RawPayloadField && v.kind() == Token.Kind.SET_REFERENCE && RawPayloadField.base(v.text()) != null) {
            // @th,0,16 set @th,0,16 & 0x3ff | 0x300: raw bits changed in place, as nft lists icmp type set 3
            return setFromField(f, v);
        }
        if (v.kind() == Token.Kind.WORD && (f instanceof MetaField || f instanceof CtField) && (Fields.isProtocol(v.text())
                || v.text().equals("meta") || v.text().equals("ct") || v.text().equals("numgen") || v.text().equals("symhash")
                || v.text().equals("jhash") || v.text().equals("osf")
                || RuleVocabulary.BARE_META.contains(v.text()) && !v.text().matches("\\d.*"))) {
            return setFromField(f, v);
        }
        if (f instanceof ExthdrField && v.kind() == Token.Kind.WORD && v.text().equals("rt")) {
            // tcp option maxseg size set rt mtu
            Field source = r.fields.fieldOrConcat();
            return Cursor.at(v, () -> new Statement.SetFromField(f, source));
        }
        if (f instanceof PayloadField && RuleVocabulary.startsField(v) && !protocolValue(f, v)) {
            // a header field from a map (ip daddr set iifname map @m, ip daddr set numgen inc mod 16 map { ... }) or
            // from a value of its type (ip saddr set ip daddr, ip id set meta length & 0xff)
            return setFromField(f, v);
        }
        if (v.kind() == Token.Kind.WORD && !protocolValue(f, v) && (Fields.isProtocol(v.text()) || v.text().equals("meta")
                || v.text().equals("ct") || RuleVocabulary.KNOWN_UNSUPPORTED.contains(v.text()))) {
            throw Cursor.error(v, "unsupported: " + f.text() + " set from an expression (nftlink sets constant values only)");
        }
        if ((f instanceof MetaField || f instanceof CtField) && c.in.peekIs(1, "or", "|", "and", "&")
                && (c.in.peekIs(2, "meta", "ct") || c.in.peekIs(2, RuleVocabulary.BARE_META.toArray(String[]::new))
                || c.in.peekIs(2, Fields.protocols().toArray(String[]::new)))) {
            // CONSTANT or FIELD: the same as FIELD or CONSTANT
            Bytes k = values.single(parts.getFirst(), c.next());
            boolean or = c.next().text().matches("or|\\|");
            Token fieldStart = c.peek();
            Field source = r.fields.fieldOrConcat();
            if (r.maskOperator(source) != null || c.at("map")) {
                throw Cursor.error(c.peek(), "unsupported: more than one operation on a value computed from the packet");
            }
            Field combined = Cursor.at(fieldStart, () -> or ? MaskedField.or(source, k) : MaskedField.and(source, k));
            return Cursor.at(v, () -> new Statement.SetFromField(f, combined));
        }
        Bytes value = constant(parts.getFirst());
        return Cursor.at(v, () -> f instanceof MetaField meta ? new Statement.MetaSet(meta, value)
                : f instanceof CtField ct ? new Statement.CtSet(ct, value) : new Statement.PayloadSet(f, value));
    }

    /**
     * Whether {@code v}, a protocol's name, is a value of {@code f} rather than the start of that protocol's field: no
     * field name follows it ({@code vlan type set ip6}, {@code ether type set arp}).
     */
    private boolean protocolValue(Field f, Token v) {
        Token next = c.in.peekToken(1);
        try {
            f.datatype().parse(v.text(), f.valueLength());
        } catch (IllegalArgumentException notAValue) {
            return false;
        }
        return Fields.isProtocol(v.text()) && (next.kind() != Token.Kind.WORD
                || Fields.fieldNames(v.text()).stream().noneMatch(n -> n.equals(next.text()) || n.startsWith(next.text() + " ")));
    }

    /**
     * The comparison operator of a match ({@code ==}, {@code eq}, {@code <} ...), {@code ==} when none is written;
     * {@link Match.Op#EXACT} when {@code ==} is written, which only a flag field keeps.
     */
    private Match.Op matchOp() {
        Match.Op op = Match.Op.EQ;
        Token opToken = c.peek();
        if (opToken.kind() == Token.Kind.OPERATOR) {
            if (opToken.text().equals("<<") || opToken.text().equals(">>")) {
                throw Cursor.error(opToken, "unsupported: " + opToken.text() + " in a match (nftlink shifts values that set a mark)");
            }
            c.next();
            op = switch (opToken.text()) {
                case "==" -> Match.Op.EXACT;
                case "!=" -> Match.Op.NEQ;
                case "<" -> Match.Op.LT;
                case ">" -> Match.Op.GT;
                case "<=" -> Match.Op.LTE;
                default -> Match.Op.GTE;
            };
        } else if (opToken.kind() == Token.Kind.WORD && COMPARISON_WORDS.contains(opToken.text())) {
            c.next();
            op = switch (opToken.text()) {
                case "eq" -> Match.Op.EXACT;
                case "ne" -> Match.Op.NEQ;
                case "lt" -> Match.Op.LT;
                case "gt" -> Match.Op.GT;
                case "le" -> Match.Op.LTE;
                default -> Match.Op.GTE;
            };
        }
        return op;
    }

    /** After {@code FIELD [OP]}: the value, set, range or prefix it is compared with. */
    private Statement comparison(Field f, Field unmasked, List<ValueParser.Part> parts, Bytes xorValue, Match.Op written) {
        Match.Op op = written == Match.Op.EXACT ? Match.Op.EQ : written;
        if (c.peek().isEndOfStatement()) {
            throw c.unexpected("a value to compare " + f.text() + " with");
        }
        Token valueToken = c.peek();
        // the field first: a matcher for every value would cost more than the rest of the comparison
        Matcher numberPrefix = f == unmasked && f.length() == 4 && (f instanceof MetaField || f instanceof CtField)
                && f.datatype().hostOrder() && valueToken.kind() == Token.Kind.WORD && valueToken.text().indexOf('/') > 0
                ? NUMBER_PREFIX.matcher(valueToken.text()) : null;
        if (numberPrefix != null && numberPrefix.matches()) {
            // meta mark 0xffffff00/24: the top bits of a 32-bit number, FIELD & MASK == VALUE & MASK
            c.next();
            long value = Long.decode(numberPrefix.group(1));
            int bits = Integer.parseInt(numberPrefix.group(2));
            if (value > 0xffffffffL || bits > 32) {
                throw Cursor.error(valueToken, "value " + valueToken.text() + " is out of range");
            }
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            MaskedField top = MaskedField.and(f, Bytes.u32((int) mask));
            Match.Op prefixOp = op;
            return Cursor.at(valueToken, () -> new Match(top, prefixOp, new Value.Single(Bytes.u32((int) (value & mask)))));
        }
        Matcher bitPrefix = f == unmasked && f instanceof PayloadBitField && !f.datatype().isBitmask()
                && valueToken.kind() == Token.Kind.WORD && valueToken.text().indexOf('/') > 0
                ? NUMBER_PREFIX.matcher(valueToken.text()) : null;
        if (bitPrefix != null && bitPrefix.matches()) {
            // ip dscp 0x10/4: the field's first bits, FIELD & MASK == VALUE & MASK
            c.next();
            List<Bytes> prefix = Cursor.at(valueToken, () -> ((PayloadBitField) f).prefix(Long.decode(bitPrefix.group(1)),
                    Integer.parseInt(bitPrefix.group(2))));
            MaskedField top = MaskedField.and(f, prefix.get(0));
            Match.Op prefixOp = op;
            return Cursor.at(valueToken, () -> new Match(top, prefixOp, new Value.Single(prefix.get(1))));
        }
        boolean number = c.peek().kind() == Token.Kind.WORD && Cursor.isNumber(c.peek().text());
        Value parsed = (f.datatype().isBitmask() || f instanceof MaskedField && number) && !(f instanceof ConcatField)
                && c.peek().kind() != Token.Kind.LBRACE && !c.at(Token.Kind.SET_REFERENCE)
                ? new Value.Single(flagsOrValue(parts.getFirst())) : values.value(parts);
        if (xorValue != null) {
            // FIELD xor C == V is FIELD == V xor C
            if (!(parsed instanceof Value.Single single)) {
                throw Cursor.error(valueToken, "unsupported: xor before a set, range or prefix");
            }
            byte[] v = single.bytes().toArray();
            byte[] x = xorValue.toArray();
            for (int i = 0; i < v.length && i < x.length; i++) {
                v[i] ^= x[i];
            }
            parsed = new Value.Single(Bytes.of(v));
        }
        if (f.datatype().isBitmask() && !(f instanceof MaskedField) && !(f instanceof ConcatField) && c.at("/")
                && parsed instanceof Value.Single) {
            // the older FLAGS / MASK: the masked flags compared with FLAGS
            c.next();
            Bytes mask = flagsOrValue(parts.getFirst());
            MaskedField masked2 = Cursor.at(valueToken, () -> MaskedField.and(f, mask));
            Value v = parsed;
            Match.Op o2 = op;
            return Cursor.at(valueToken, () -> new Match(masked2, o2, v));
        }
        // tcp flags == syn: the flags exactly, where tcp flags syn tests for any of them
        Match.Op o = written == Match.Op.EXACT && Linearizer.flagTest(f) && parsed instanceof Value.Single ? written : op;
        try {
            return new Match(f, o, parsed);
        } catch (IllegalArgumentException e) {
            // the location only for the error: making it for every match costs more than the match
            throw new NftParseException(valueToken.location().to(c.in.last().location()), NftParseException.problem(e));
        }
    }

    /**
     * A value to set: a constant, or constants combined with {@code and}/{@code or}/{@code xor}
     * ({@code &}, {@code |}, {@code ^}), folded into one value as nft does.
     */
    private Bytes constant(ValueParser.Part part) {
        Token first = c.next();
        Bytes value = values.single(part, first);
        while (part.bitmask() && c.at(Token.Kind.COMMA)) {
            // flags listed with commas: ct event set new,related
            c.next();
            byte[] a = value.toArray();
            byte[] b = values.single(part, c.next()).toArray();
            for (int i = 0; i < a.length && i < b.length; i++) {
                a[i] |= b[i];
            }
            value = Bytes.of(a);
        }
        while (c.peek().kind() == Token.Kind.WORD || c.peek().kind() == Token.Kind.OTHER) {
            String op = switch (c.peek().text()) {
                case "and", "&" -> "and";
                case "or", "|" -> "or";
                case "xor", "^" -> "xor";
                default -> null;
            };
            if (op == null) {
                break;
            }
            c.next();
            Token operand = c.peek();
            if (operand.kind() == Token.Kind.WORD && (Fields.isProtocol(operand.text())
                    || operand.text().equals("meta") || operand.text().equals("ct") || RuleVocabulary.BARE_META.contains(operand.text()))) {
                throw Cursor.error(operand, "unsupported: a set value computed from packet data (nftlink sets constant values only)");
            }
            byte[] a = value.toArray();
            byte[] b = values.single(part, c.next()).toArray();
            for (int i = 0; i < a.length && i < b.length; i++) {
                a[i] = (byte) switch (op) {
                    case "and" -> a[i] & b[i];
                    case "or" -> a[i] | b[i];
                    default -> a[i] ^ b[i];
                };
            }
            value = Bytes.of(a);
        }
        return value;
    }

    /**
     * A constant after {@code &} or {@code |}, or a flag value: one value, {@code a | b | c},
     * {@code (a | b)} or {@code a,b}, the flags combined into one.
     */
    Bytes flagsOrValue(ValueParser.Part part) {
        return flagsOrValue(part, true);
    }

    /**
     * As {@link #flagsOrValue(ValueParser.Part)}; without {@code joinOr}, a {@code |} after the value is left to the
     * caller, as after {@code & VALUE} in {@code ct mark set ip saddr & 0.0.0.255 | 0.0.0.1}, where nft applies the two
     * operations one after the other.
     */
    private Bytes flagsOrValue(ValueParser.Part part, boolean joinOr) {
        boolean paren = c.peek().kind() == Token.Kind.OTHER && c.peek().text().equals("(");
        if (paren) {
            c.next();
        }
        Token first = c.peek();
        if (first.kind() != Token.Kind.WORD && first.kind() != Token.Kind.STRING) {
            throw c.unexpected("a value");
        }
        byte[] value = ValueParser.isVerdict(first) ? null : numberOrValue(part, c.next()).toArray();
        if (value == null) {
            throw c.unexpected("a value");
        }
        // VALUE | VALUE joins constants; VALUE | FIELD starts a combination of values, which the caller reads
        while ((joinOr || paren) && c.peek().kind() == Token.Kind.WORD && c.peek().text().equals("|")
                && !RuleVocabulary.startsField(c.in.peekToken(1))
                || c.at(Token.Kind.COMMA) && part.bitmask()) {
            c.next();
            byte[] more = numberOrValue(part, c.next()).toArray();
            for (int i = 0; i < value.length && i < more.length; i++) {
                value[i] |= more[i];
            }
        }
        if (paren) {
            Token close = c.next();
            if (!close.text().equals(")")) {
                throw Cursor.error(close, "syntax error, unexpected " + close.describe() + ", expecting ')'");
            }
        }
        return Bytes.of(value);
    }

    /** A value, where a plain number is also taken for an address (a mask such as {@code ip saddr & 0xff}). */
    private Bytes numberOrValue(ValueParser.Part part, Token t) {
        boolean address = part.type() == Datatype.IPV4_ADDR || part.type() == Datatype.IPV6_ADDR;
        if (address && t.kind() == Token.Kind.WORD && Cursor.isNumber(t.text())) {
            return Cursor.at(t, () -> Datatype.INTEGER.parse(t.text(), part.length()));
        }
        return values.single(part, t);
    }

    /** {@code meta|ct KEY set FIELD [& MASK | | VALUE]}: the value comes from the packet. */
    private Statement setFromField(Field target, Token at) {
        Token start = c.peek();
        Field source = r.fields.fieldOrConcat();
        boolean widened = target instanceof MetaField || target instanceof CtField;
        if (widened && !(source instanceof ConcatField) && target.length() == 4 && !c.at("map")
                && (source.length() != target.length() || r.atOperator("<<") || r.atOperator(">>"))
                && (source instanceof PayloadBitField p && !endsByte(p) || r.atOperator("<<") || r.atOperator(">>"))) {
            Field computed = r.binops.binop(start, source);
            return Cursor.at(at, () -> new Statement.SetFromField(target, computed));
        }
        String op = r.maskOperator(source);
        if (op != null && RuleVocabulary.startsField(c.in.peekToken(1))) {
            // meta mark | iif | meta cpu: values combined from two registers
            Token opToken = c.next();
            source = r.binops.combination(opToken, source, op);
        } else if (op != null) {
            source = constantOperations(source);
            String more = r.maskOperator(source);
            if (more != null) {
                // ct mark & 0xffff0000 | meta mark & 0x0000ffff
                source = r.binops.combination(c.next(), source, more);
            }
        }
        if (c.at("map")) {
            source = r.lookups.mapLookup(source, target);
        }
        if (c.at("map") || r.atOperator("<<") || r.atOperator(">>")) {
            throw Cursor.error(c.peek(), "unsupported: " + c.peek().text() + " in a value computed from the packet");
        }
        Field s = source;
        return Cursor.at(at, () -> new Statement.SetFromField(target, s));
    }

    /**
     * Whether the bits of {@code p} end a byte ({@code vlan id}, {@code ip6 flowlabel}): nft sets a mark from such a
     * field as the masked header bytes, swapped to host order, not as a value moved down.
     */
    private static boolean endsByte(PayloadBitField p) {
        return p.bitOffset() + p.bits() == (p.offset() + p.length()) * 8;
    }

    /**
     * {@code FIELD & C | C ^ C ...}: constants applied with nft's precedence ({@code &} before {@code ^} before
     * {@code |}, so {@code ct mark ^ 0x3 & 0xff} is {@code ct mark ^ (0x3 & 0xff)}), which nft writes as one mask and
     * xor; stops before an operator a field follows.
     */
    private MaskedField constantOperations(Field source) {
        List<CombinedField.Op> ops = new ArrayList<>();
        List<Bytes> constants = new ArrayList<>();
        Token first = c.peek();
        for (String op = r.maskOperator(source); op != null && !RuleVocabulary.startsField(c.in.peekToken(1));
             op = r.maskOperator(source)) {
            c.next();
            ops.add(switch (op) {
                case "&" -> CombinedField.Op.AND;
                case "|" -> CombinedField.Op.OR;
                default -> CombinedField.Op.XOR;
            });
            constants.add(flagsOrValue(ValueParser.parts(source).getFirst(), false));
        }
        int[] next = {0};
        return Cursor.at(first, () -> (MaskedField) applied(source, ops, constants, next, 0));
    }

    /** Applies the operations from {@code next[0]} on whose precedence is at least {@code least} to {@code left}. */
    private static Object applied(Object left, List<CombinedField.Op> ops, List<Bytes> constants, int[] next, int least) {
        Object value = left;
        while (next[0] < ops.size() && precedence(ops.get(next[0])) >= least) {
            CombinedField.Op op = ops.get(next[0]);
            Object right = constants.get(next[0]);
            next[0]++;
            while (next[0] < ops.size() && precedence(ops.get(next[0])) > precedence(op)) {
                right = applied(right, ops, constants, next, precedence(ops.get(next[0])));
            }
            value = apply(value, op, (Bytes) right);
        }
        return value;
    }

    private static int precedence(CombinedField.Op op) {
        return switch (op) {
            case AND -> 3;
            case XOR -> 2;
            case OR -> 1;
        };
    }

    /** {@code left OP right}: two constants folded, or one more operation on the value from the packet. */
    private static Object apply(Object left, CombinedField.Op op, Bytes right) {
        return switch (left) {
            case MaskedField m -> m.then(op, right);
            case Field f -> switch (op) {
                case AND -> MaskedField.and(f, right);
                case OR -> MaskedField.or(f, right);
                case XOR -> MaskedField.xor(f, right);
            };
            default -> {
                byte[] a = ((Bytes) left).toArray();
                for (int i = 0; i < a.length && i < right.length(); i++) {
                    byte b = (byte) right.get(i);
                    a[i] = (byte) (op == CombinedField.Op.AND ? a[i] & b : op == CombinedField.Op.OR ? a[i] | b : a[i] ^ b);
                }
                yield Bytes.of(a);
            }
        };
    }

    /**
     * {@code KEY set (FIELD & C | | C | ^ C) << N [& C | | C]}: a constant applied to a 32-bit key before the shift, as in
     * {@code ct mark set (meta mark | 0x10) << 8}.
     */
    private Statement shiftedGroup(Field target, Token open) {
        c.next();
        Token start = c.peek();
        Field inner = r.fields.fieldOrConcat();
        String op = r.maskOperator(inner);
        if (op == null) {
            throw c.unexpected("&, | or ^ and a constant");
        }
        Token opToken = c.next();
        Bytes operand = flagsOrValue(ValueParser.parts(inner).getFirst());
        Field masked = Cursor.at(opToken, () -> switch (op) {
            case "&" -> MaskedField.and(inner, operand);
            case "|" -> MaskedField.or(inner, operand);
            default -> MaskedField.xor(inner, operand);
        });
        Token close = c.next();
        if (!close.text().equals(")")) {
            throw Cursor.error(close, "syntax error, unexpected " + close.describe() + ", expecting ')'");
        }
        if (!r.atOperator("<<") && !r.atOperator(">>")) {
            throw c.unexpected("<< or >> (nftlink shifts a parenthesized value)");
        }
        boolean left = c.next().text().equals("<<");
        int bits = c.smallNumber("a shift in bits (0 to 31)", 31);
        BinopField value = Cursor.at(start, () -> new BinopField(masked,
                left ? bits : -bits, 0xffffffffL, 0));
        while (c.at("&") || c.at("and") || c.at("|") || c.at("or")) {
            boolean and = c.next().text().matches("&|and");
            long constant = r.binops.binopConstant(inner);
            value = and ? value.and(constant) : value.or(constant);
        }
        BinopField v = value;
        return Cursor.at(open, () -> new Statement.SetFromField(target, v));
    }
}
