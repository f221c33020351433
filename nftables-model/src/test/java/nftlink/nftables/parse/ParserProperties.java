package nftlink.nftables.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.CtState;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.RejectContext;
import nftlink.nftables.lang.RejectKind;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.NatFlag;
import nftlink.nftables.lang.LogLevel;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.lang.Value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated rules rendered by {@link RuleRenderer} parse back to the same
 * statements; arbitrary text never makes the parser throw anything but
 * {@link NftParseException}.
 */
class ParserProperties {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    private static final List<Field> PLAIN_FIELDS = List.of(PayloadField.IP_PROTOCOL, PayloadField.IP_SADDR,
            PayloadField.IP_DADDR, PayloadField.IP6_NEXTHDR, PayloadField.IP6_SADDR, PayloadField.IP6_DADDR,
            PayloadField.TCP_SPORT, PayloadField.TCP_DPORT, PayloadField.UDP_SPORT, PayloadField.UDP_DPORT,
            PayloadField.ETHER_SADDR, PayloadField.ETHER_DADDR, PayloadField.ETHER_TYPE, MetaField.MARK, MetaField.SKUID,
            MetaField.SKGID, MetaField.IIF, MetaField.OIF, MetaField.L4PROTO, MetaField.PROTOCOL, MetaField.PRIORITY,
            CtField.MARK, new SocketCgroupField(2));

    private static Arbitrary<Bytes> bytes(int length) {
        return Arbitraries.bytes().array(byte[].class).ofSize(length).map(Bytes::of);
    }

    private static Arbitrary<Bytes> valueOf(Field f) {
        return switch (f.datatype()) {
            case NFPROTO -> Arbitraries.of(2, 10).map(Bytes::u8);
            case ETHERTYPE -> Arbitraries.integers().between(0, 0xffff).map(Bytes::u16Be);
            default -> bytes(f.length());
        };
    }

    private static boolean ordered(Bytes a, Bytes b) {
        return new BigInteger(1, a.toArray()).compareTo(new BigInteger(1, b.toArray())) <= 0;
    }

    private static boolean ordered(Field f, Bytes a, Bytes b) {
        return f.datatype().elementOrder().compare(a, b) <= 0;
    }

    private static Arbitrary<Value> item(Field f) {
        Arbitrary<Value> single = valueOf(f).map(Value.Single::new);
        if (f instanceof SocketCgroupField || f instanceof ConcatField) {
            return single;
        }
        Arbitrary<Value> range = Combinators.combine(valueOf(f), valueOf(f))
                // a range with equal ends is the single value, as nft reads it (2-2 is 2)
                .as((a, b) -> a.equals(b) ? new Value.Single(a) : ordered(f, a, b) ? new Value.Range(a, b) : new Value.Range(b, a));
        if (f.length() == 4 && f.datatype().nftName().equals("ipv4_addr") || f.length() == 16) {
            Arbitrary<Value> prefix = Combinators.combine(valueOf(f), Arbitraries.integers().between(0, f.length() * 8))
                    .as((a, bits) -> {
                        byte[] raw = a.toArray();
                        for (int i = 0; i < raw.length; i++) {
                            int keep = Math.max(0, Math.min(8, bits - 8 * i));
                            raw[i] &= (byte) (0xff << (8 - keep));
                        }
                        return new Value.Prefix(Bytes.of(raw), bits);
                    });
            return Arbitraries.oneOf(single, range, prefix);
        }
        return Arbitraries.oneOf(single, range);
    }

    private static Arbitrary<Statement> match() {
        Arbitrary<Field> fields = Arbitraries.oneOf(Arbitraries.of(PLAIN_FIELDS),
                Arbitraries.of(PLAIN_FIELDS).list().ofMinSize(2).ofMaxSize(3).map(l -> (Field) new ConcatField(l)));
        Arbitrary<Statement> plain = fields.flatMap(f -> Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Match.Op.values()), valueOf(f))
                        .as((op, v) -> new Match(f, op, new Value.Single(f instanceof ConcatField c ? concat(c, v) : v))),
                Combinators.combine(Arbitraries.of(Match.Op.EQ, Match.Op.NEQ), item(f))
                        .as((op, v) -> new Match(f, op, f instanceof ConcatField c ? concatValue(c, v) : v)),
                item(f).list().ofMinSize(1).ofMaxSize(4)
                        .map(items -> new Match(f, Match.Op.EQ, new Value.SetLiteral(items.stream()
                                .map(v -> f instanceof ConcatField c ? concatValue(c, v) : v).toList()))),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
                        .map(name -> new Match(f, Match.Op.EQ, new Value.SetReference(name)))));
        Arbitrary<Statement> ifname = Combinators.combine(Arbitraries.of(MetaField.IIFNAME, MetaField.OIFNAME),
                        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(15), Arbitraries.of(true, false),
                        Arbitraries.of(Match.Op.EQ, Match.Op.NEQ))
                .as((f, name, wildcard, op) -> new Match(f, op, new Value.Single(wildcard
                        ? Bytes.of(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : Bytes.paddedString(name, 16))));
        Arbitrary<Statement> ctState = Combinators.combine(Arbitraries.of(CtState.values()).set().ofMinSize(1),
                        Arbitraries.of(Match.Op.EQ, Match.Op.NEQ))
                .as((states, op) -> new Match(CtField.STATE, op, new Value.Single(CtState.mask(states.toArray(CtState[]::new)))));
        Arbitrary<Statement> ctSet = Arbitraries.of(CtState.values()).set().ofMinSize(1).map(states ->
                new Match(CtField.STATE, Match.Op.EQ, new Value.SetLiteral(states.stream()
                        .map(s -> (Value) new Value.Single(CtState.mask(s))).toList())));
        return Arbitraries.oneOf(plain, ifname, ctState, ctSet);
    }

    /** A concatenation's value: the parts' bytes laid out in 4-byte slots. */
    private static Bytes concat(ConcatField c, Bytes raw) {
        byte[] key = new byte[c.length()];
        byte[] r = raw.toArray();
        int at = 0;
        int from = 0;
        for (Field f : c.fields()) {
            for (int i = 0; i < f.length(); i++) {
                key[at + i] = from < r.length ? r[from++] : 0;
            }
            at += (f.length() + 3) & ~3;
        }
        return Bytes.of(key);
    }

    private static Value concatValue(ConcatField c, Value v) {
        return new Value.Single(concat(c, ((Value.Single) v).bytes()));
    }

    /** A name nft reads as a name: a keyword (ip, tcp, ...) never is one, in nft's grammar as in the library's. */
    private static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10).filter(w -> !Keywords.reserved(w));
    }

    private static Arbitrary<Verdict> verdicts() {
        return Arbitraries.oneOf(Arbitraries.of(Verdict.ACCEPT, Verdict.DROP, Verdict.RETURN, Verdict.CONTINUE),
                word().map(Verdict::jump), word().map(Verdict::goTo));
    }

    private static Arbitrary<Statement> action(Family family) {
        Arbitrary<Set<NatFlag>> natFlags = Arbitraries.of(Set.of(), Set.of(NatFlag.RANDOM), Set.of(NatFlag.PERSISTENT),
                Set.of(NatFlag.FULLY_RANDOM), Set.of(NatFlag.RANDOM, NatFlag.PERSISTENT));
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        int addressLength = family == Family.IP6 ? 16 : 4;
        List<RejectKind> kinds = switch (family) {
            // nft refuses icmpx in ip and ip6 tables ("abstracted ICMP unreachable not supported")
            case IP -> List.of(RejectKind.ICMP, RejectKind.TCP_RESET);
            case IP6 -> List.of(RejectKind.ICMPV6, RejectKind.TCP_RESET);
            default -> List.of(RejectKind.values());
        };
        return Arbitraries.oneOf(
                verdicts().map(Statement.VerdictStatement::new),
                Combinators.combine(Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0))
                        .as(Statement.CounterStatement::new),
                Combinators.combine(Arbitraries.strings().alpha().numeric().withChars(' ').ofMaxLength(20).injectNull(0.3),
                                Arbitraries.integers().between(0, 8).injectNull(0.3),
                                Arbitraries.of(0, 1, 2, 3, 4, 8, 0x20, 0x2f, 0x0c), Arbitraries.integers().between(0, 65535).injectNull(0.7))
                        .as((prefix, level, flags, group) -> group != null ? new Statement.LogStatement(prefix, null, Set.of(), group)
                                : level != null && level == 8 ? new Statement.LogStatement(null, LogLevel.AUDIT, Set.of(), null)
                                : new Statement.LogStatement(prefix, level == null ? null : LogLevel.of(level).orElseThrow(),
                                        LogFlag.of(flags).orElseThrow(), null)),
                Combinators.combine(Arbitraries.longs().between(1, (1L << 30) - 1), Arbitraries.of(TimeUnit.values()),
                                Arbitraries.longs().between(0, 1 << 20), Arbitraries.of(true, false), Arbitraries.of(true, false))
                        .as(Statement.LimitStatement::new),
                Combinators.combine(Arbitraries.longs().between(0, 1L << 45), Arbitraries.longs().between(0, 1L << 45),
                        Arbitraries.of(true, false)).as(Statement.QuotaStatement::new),
                Combinators.combine(Arbitraries.of(kinds), Arbitraries.integers().between(0, 255))
                        .as((k, code) -> new Statement.RejectStatement(k, k == RejectKind.TCP_RESET ? 0 : code)),
                Arbitraries.just(new Statement.NotrackStatement()),
                Combinators.combine(Arbitraries.of(true, false), bytes(family == Family.INET ? 16 : addressLength),
                                bytes(family == Family.INET ? 16 : addressLength), port, port, natFlags, Arbitraries.integers().between(0, 3))
                        .as((dst, a, b, p1, p2, flags, shape) -> {
                            Bytes lo = ordered(a, b) ? a : b;
                            Bytes hi = ordered(a, b) ? b : a;
                            if (family == Family.INET && shape % 2 == 0) {
                                lo = Bytes.of(java.util.Arrays.copyOf(lo.toArray(), 4));
                                hi = Bytes.of(java.util.Arrays.copyOf(hi.toArray(), 4));
                                hi = ordered(lo, hi) ? hi : lo;
                            }
                            Integer pMin = shape == 1 ? null : Math.min(p1, p2);
                            Integer pMax = shape == 1 ? null : Math.max(p1, p2);
                            boolean noAddress = shape == 3;
                            return new Statement.NatStatement(dst, noAddress ? null : lo, noAddress ? null : hi,
                                    noAddress && pMin == null ? Integer.valueOf(1) : pMin, noAddress && pMax == null ? Integer.valueOf(1) : pMax, flags);
                        }),
                Combinators.combine(port, port, natFlags, Arbitraries.of(true, false), Arbitraries.of(true, false))
                        .as((p1, p2, flags, withPorts, masq) -> masq
                                ? new Statement.MasqueradeStatement(withPorts ? Math.min(p1, p2) : null, withPorts ? Math.max(p1, p2) : null, flags)
                                : (Statement) new Statement.RedirectStatement(withPorts ? Math.min(p1, p2) : null, withPorts ? Math.max(p1, p2) : null, flags)),
                Combinators.combine(Arbitraries.of(MetaField.MARK, MetaField.PRIORITY), bytes(4)).as(Statement.MetaSet::new),
                vmap());
    }

    private static Arbitrary<Statement> vmap() {
        Field f = PayloadField.TCP_DPORT;
        Arbitrary<Statement> named = word().map(n -> new Statement.VerdictMap(f, List.of(), n));
        Arbitrary<Statement> anonymous = Combinators.combine(Arbitraries.integers().between(0, 65535), verdicts())
                .as((p, v) -> new Statement.VerdictMap.Entry(new Value.Single(Bytes.u16Be(p)), v))
                .list().ofMinSize(1).ofMaxSize(4).map(entries -> {
                    TreeMap<Integer, Statement.VerdictMap.Entry> distinct = new TreeMap<>();
                    entries.forEach(e -> distinct.put((int) ((Value.Single) e.key()).bytes().asBigEndian(), e));
                    return new Statement.VerdictMap(f, new ArrayList<>(distinct.values()), null);
                });
        return Arbitraries.oneOf(named, anonymous);
    }

    @Provide
    Arbitrary<RuleSpec> rules() {
        return Arbitraries.of(Family.IP, Family.IP6, Family.INET).flatMap(family -> Combinators.combine(
                Arbitraries.oneOf(match(), action(family)).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.strings().alpha().numeric().withChars(' ').ofMaxLength(20).injectNull(0.5))
                .as((statements, comment) -> new RuleSpec(family, "t", "c", terminalLast(family, statements), comment, 0)));
    }

    /**
     * nft allows nothing after a terminal statement: keep the others, then the first terminal one;
     * nat to a port needs a transport protocol matched first (meta l4proto tcp is put first);
     * icmpx port-unreachable after a match that fixes the network protocol becomes that protocol's
     * port-unreachable: nft lists both as a bare {@code reject} and reads it back as the latter
     * (nft-ref: {@code ip protocol 0 reject with icmpx port-unreachable} lists as {@code ip protocol ip reject}).
     */
    private static List<Statement> terminalLast(Family family, List<Statement> statements) {
        List<Statement> out = new ArrayList<>(statements.stream().filter(s -> !RuleParser.isTerminal(s)).toList());
        statements.stream().filter(RuleParser::isTerminal).findFirst().ifPresent(out::add);
        if (out.isEmpty()) {
            out.add(statements.getFirst());
        }
        boolean ports = out.getLast() instanceof Statement.NatStatement n && n.portMin() != null
                || out.getLast() instanceof Statement.MasqueradeStatement m && m.portMin() != null
                || out.getLast() instanceof Statement.RedirectStatement r && r.portMin() != null;
        if (ports) {
            out.addFirst(Match.eq(nftlink.nftables.lang.MetaField.L4PROTO, Bytes.u8(6)));
        }
        if (out.getLast() instanceof Statement.RejectStatement reject
                && reject.equals(Statement.RejectStatement.portUnreachable(RejectKind.ICMPX))) {
            out.set(out.size() - 1, RejectContext.inContext(family, out.subList(0, out.size() - 1)));
        }
        return out;
    }

    @Property(tries = 1000)
    void renderedRulesParseBack(@ForAll("rules") RuleSpec spec) {
        String text = RuleRenderer.DEFAULT.render(spec);
        RuleSpec back = PARSER.parseRule(spec.family(), "t", "c", text);
        assertThat(back.statements()).as(text).isEqualTo(spec.statements());
        assertThat(back.comment()).isEqualTo(spec.comment());
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> tokens = Arbitraries.of("table", "inet", "ip", "t", "chain", "c", "{", "}", ";", "\n", "add",
                "rule", "tcp", "dport", "22", "accept", "set", "map", "type", "ipv4_addr", ":", "verdict", "elements", "=",
                "10.0.0.0/8", "1-2", "@s", "$v", "define", "v", "\"x\"", "hook", "input", "priority", "filter", "+", "-",
                "counter", "log", "limit", "rate", "10/second", "ct", "state", "new,", "vmap", "meta", "mark", "0x1",
                "socket", "cgroupv2", "level", ".", "!=", "<", "flags", "interval", "include", "\\\n", "#", "delete",
                "handle", "flush", "ruleset", "element", "dnat", "to", "[::1]:80", "reject", "with", "icmp", "quota", "type", "echo-request", "ttl", "icmpv6", "sctp", "typeof", "counter", "limit", "quota", "over", "mbytes", "255", "-1", "99999999999999999999", "0x", "/", "/33", "ip6", "::", "ether", "iifname", "*", "ip saddr", "tcp dport", "ct state", "{ 1-2, 3 }", "socket cgroupv2 level 300");
        Arbitrary<String> structured = tokens.list().ofMaxSize(40).map(l -> String.join(" ", l));
        return Arbitraries.oneOf(structured, Arbitraries.strings().ofMaxLength(80));
    }

    @Property(tries = 3000)
    void arbitraryTextFailsOnlyWithParseErrors(@ForAll("noise") String text) {
        try {
            PARSER.parse(text, "noise.nft");
        } catch (NftParseException e) {
            assertThat(e.getMessage()).startsWith("noise.nft:");
        }
    }
}
