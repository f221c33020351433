package nftlink.nftables.lang;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.expr.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated rules in the rule language survive the whole way: linearize, encode
 * as a NEWRULE message, decode, delinearize — the same statements come back, and
 * they render to the same text.
 */
class RuleSpecProperties {

    private static Arbitrary<Statement> portMatch() {
        PayloadField f = PayloadField.TCP_DPORT;
        Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
        Arbitrary<Statement> single = Combinators.combine(port, Arbitraries.of(Match.Op.values()))
                .as((p, op) -> new Match(f, op, new Value.Single(Bytes.u16Be(p))));
        Arbitrary<Statement> range = Combinators.combine(port, Arbitraries.integers().between(1, 1000), Arbitraries.of(Match.Op.EQ, Match.Op.NEQ))
                .as((p, width, op) -> new Match(f, op, new Value.Range(Bytes.u16Be(Math.min(p, 64535)), Bytes.u16Be(Math.min(p, 64535) + width))));
        Arbitrary<Statement> set = Arbitraries.integers().between(1, 65535).set().ofMinSize(1).ofMaxSize(8).map(ports -> {
            List<Value> items = new ArrayList<>();
            new TreeSet<>(ports).forEach(p -> items.add(new Value.Single(Bytes.u16Be(p))));
            return new Match(f, Match.Op.EQ, new Value.SetLiteral(items));
        });
        return Arbitraries.oneOf(single, range, set);
    }

    private static Arbitrary<Statement> addressMatch() {
        PayloadField f = PayloadField.IP_SADDR;
        Arbitrary<Integer> address = Arbitraries.integers();
        Arbitrary<Statement> single = Combinators.combine(address, Arbitraries.of(Match.Op.EQ, Match.Op.NEQ))
                .as((a, op) -> new Match(f, op, new Value.Single(Bytes.u32Be(a))));
        Arbitrary<Statement> prefix = Combinators.combine(address, Arbitraries.integers().between(1, 31), Arbitraries.of(Match.Op.EQ, Match.Op.NEQ))
                .as((a, bits, op) -> new Match(f, op, new Value.Prefix(Bytes.u32Be(a & (int) (0xffffffffL << (32 - bits))), bits)));
        return Arbitraries.oneOf(single, prefix);
    }

    private static Arbitrary<Statement> metaMatch() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(m -> Match.eq(MetaField.MARK, Bytes.u32(m))),
                Arbitraries.integers().between(0, 65535).map(uid -> Match.eq(MetaField.SKUID, Bytes.u32(uid))),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(15)
                        .map(name -> Match.eq(MetaField.IIFNAME, Bytes.paddedString(name, 16))),
                Arbitraries.of(CtState.values()).set().ofMinSize(1)
                        .map(states -> Match.eq(CtField.STATE, CtState.mask(states.toArray(CtState[]::new)))));
    }

    private static Arbitrary<Statement> action() {
        return Arbitraries.oneOf(
                Arbitraries.just(new Statement.CounterStatement(0, 0)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(Statement.LogStatement::withPrefix),
                Combinators.combine(Arbitraries.longs().between(1, 10_000), Arbitraries.of(TimeUnit.SECOND, TimeUnit.MINUTE, TimeUnit.HOUR))
                        .as(Statement.LimitStatement::packets),
                Arbitraries.integers().map(m -> new Statement.MetaSet(MetaField.MARK, Bytes.u32(m))));
    }

    /**
     * A match of any single field the language knows (header, bit, extension-header,
     * meta and ct fields) with a value that fits it; icmp fields whose type dependency
     * nft shows are left to the conformance tests.
     */
    private static Arbitrary<Statement> anyFieldMatch(Family family) {
        List<Field> fields = Fields.all().stream()
                .filter(f -> matchableIn(f, family))
                // nft refuses meta nfproto outside inet tables ("only useful in the inet family")
                .filter(f -> family == Family.INET || !f.equals(MetaField.NFPROTO))
                .filter(f -> !(f instanceof PayloadField p && p.icmpType() != null))
                .filter(f -> !(f instanceof ExthdrField x && x.presence()))
                // aliases nft lists under their other name: vlan cfi is dei, tcp option sack0 is sack
                .filter(f -> !f.text().equals("vlan cfi") && !f.text().startsWith("tcp option sack0 "))
                .toList();
        return Combinators.combine(Arbitraries.of(fields), Arbitraries.bytes().array(byte[].class).ofSize(16),
                        Arbitraries.of(Match.Op.EQ, Match.Op.NEQ))
                .as((field, raw, op) -> {
                    byte[] value = java.util.Arrays.copyOf(raw, field.valueLength());
                    java.math.BigInteger v = new java.math.BigInteger(1, value);
                    int bits = field instanceof PayloadBitField b ? b.bits() : field instanceof ExthdrField x ? x.bits() : 8 * value.length;
                    v = v.and(java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE));
                    byte[] fitted = new byte[value.length];
                    byte[] big = v.toByteArray();
                    int n = Math.min(big.length, fitted.length);
                    System.arraycopy(big, big.length - n, fitted, fitted.length - n, n);
                    Bytes register = field.toRegister(Bytes.of(fitted));
                    if (Linearizer.flagTest(field) && java.util.Arrays.equals(register.toArray(), new byte[register.length()])) {
                        register = field.toRegister(Bytes.of(fitted.length == 1 ? new byte[]{1} : oneBit(fitted.length)));
                    }
                    return (Statement) new Match(field, Linearizer.flagTest(field) ? Match.Op.EQ : op, new Value.Single(register));
                });
    }

    /** Whether nft can match {@code f} in a table of {@code family} (an ip6 extension header in ip cannot). */
    private static boolean matchableIn(Field f, Family family) {
        try {
            f.dependencies(family);
            return true;
        } catch (IllegalArgumentException notInThisFamily) {
            return false;
        }
    }

    private static byte[] oneBit(int length) {
        byte[] b = new byte[length];
        b[0] = 1;
        return b;
    }

    private static Arbitrary<Statement> verdict() {
        return Arbitraries.of(Verdict.ACCEPT, Verdict.DROP, Verdict.RETURN, Verdict.CONTINUE, Verdict.jump("other"))
                .map(Statement.VerdictStatement::new);
    }

    /**
     * {@code snat|dnat ip to ip saddr map { ... }}: keys single addresses or (non-overlapping) prefixes,
     * data addresses, address . port pairs, or ranges of them; entries in key order, as listings give them.
     */
    @Provide
    Arbitrary<RuleSpec> natMaps() {
        Arbitrary<Integer> shape = Arbitraries.integers().between(0, 3);
        Arbitrary<Boolean> prefixKeys = Arbitraries.of(false, true);
        Arbitrary<List<Integer>> keys = Arbitraries.integers().between(0, 0xffff).set().ofMinSize(1).ofMaxSize(5)
                .map(k -> new ArrayList<>(new TreeSet<>(k)));
        Arbitrary<List<int[]>> data = Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(1, 65000), Arbitraries.integers().between(0, 500))
                .as((address, span, port, ports) -> new int[]{address, span, port, ports}).list().ofSize(5);
        return Combinators.combine(shape, prefixKeys, keys, data, Arbitraries.of(true, false)).as((s, prefixes, k, d, destination) -> {
            boolean port = s % 2 == 1;
            boolean ranges = s >= 2;
            List<MapLookupField.Entry> entries = new ArrayList<>();
            for (int i = 0; i < k.size(); i++) {
                // keys 10.x.y.0/24 or single addresses 10.x.y.1, in ascending order
                Bytes low = Bytes.u32Be(0x0a000000 | k.get(i) << 8 | (prefixes ? 0 : 1));
                Bytes high = prefixes ? Bytes.u32Be(0x0a000000 | k.get(i) << 8 | 0xff) : null;
                int[] x = d.get(i);
                Bytes addressLow = Bytes.u32Be(x[0] & 0xffffff00);
                Bytes addressHigh = Bytes.u32Be((x[0] & 0xffffff00) | x[1]);
                List<Bytes> lows = new ArrayList<>(List.of(addressLow));
                List<Bytes> highs = new ArrayList<>(List.of(ranges ? addressHigh : addressLow));
                if (port) {
                    lows.add(Bytes.u16Be(x[2]));
                    highs.add(Bytes.u16Be(ranges ? x[2] + x[3] : x[2]));
                }
                Bytes value = ranges ? MapLookupField.rangeData(lows, highs)
                        : port ? MapLookupField.concatData(lows) : addressLow;
                entries.add(prefixes ? MapLookupField.Entry.range(low, high, value) : new MapLookupField.Entry(low, value));
            }
            List<Datatype> parts = port ? List.of(Datatype.IPV4_ADDR, Datatype.INET_SERVICE) : List.of(Datatype.IPV4_ADDR);
            MapLookupField map = ranges ? MapLookupField.ranges(PayloadField.IP_SADDR, parts, entries, null)
                    : port ? MapLookupField.concatenated(PayloadField.IP_SADDR, parts, entries, null)
                    : new MapLookupField(PayloadField.IP_SADDR, Datatype.IPV4_ADDR, 4, entries, null);
            List<Statement> statements = new ArrayList<>();
            if (port) {
                statements.add(Match.eq(MetaField.L4PROTO, Bytes.u8(6)));
            }
            statements.add(new Statement.NatStatement(destination, null, null, null, null, java.util.Set.of(), map));
            return new RuleSpec(Family.IP, "t", "c", statements, null, 0);
        });
    }

    @Property(tries = 500)
    void natFromMapsSurvivesLinearizeEncodeDecodeDelinearize(@ForAll("natMaps") RuleSpec spec) {
        roundTrip(spec, Linearizer.linearize(spec, new BatchIds()));
    }

    @Provide
    Arbitrary<RuleSpec> rules() {
        Arbitrary<List<Statement>> matches = Combinators.combine(
                        portMatch().optional(), addressMatch().optional(), metaMatch().list().ofMaxSize(2))
                .as((port, address, metas) -> {
                    List<Statement> all = new ArrayList<>();
                    address.ifPresent(all::add);
                    port.ifPresent(all::add);
                    all.addAll(metas);
                    return all;
                });
        return Combinators.combine(Arbitraries.of(Family.IP, Family.INET), matches, action().list().ofMaxSize(2),
                        verdict().optional(), Arbitraries.strings().alpha().ofMaxLength(10).optional())
                .as((family, m, actions, v, comment) -> {
                    List<Statement> statements = new ArrayList<>(m);
                    statements.addAll(actions);
                    v.ifPresent(statements::add);
                    return new RuleSpec(family, "t", "c", statements, comment.filter(c -> !c.isEmpty()).orElse(null), 0);
                });
    }

    @Provide
    Arbitrary<RuleSpec> anyFieldRules() {
        return Arbitraries.of(Family.IP, Family.IP6, Family.INET, Family.BRIDGE, Family.NETDEV).flatMap(family ->
                Combinators.combine(anyFieldMatch(family), verdict())
                        .as((match, v) -> new RuleSpec(family, "t", "c", List.of(match, v), null, 0)));
    }

    @Property(tries = 1000)
    void anyFieldMatchSurvivesLinearizeEncodeDecodeDelinearize(@ForAll("anyFieldRules") RuleSpec spec) {
        roundTrip(spec, Linearizer.linearize(spec, new BatchIds()));
    }

    @Property(tries = 300)
    void rulesSurviveLinearizeEncodeDecodeDelinearize(@ForAll("rules") RuleSpec spec) {
        roundTrip(spec, Linearizer.linearize(spec, new BatchIds()));
    }

    private static void roundTrip(RuleSpec spec, Linearizer.Result linearized) {
        MessageWriter w = new MessageWriter(512);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWRULE), 0, 1, spec.family().protocol(), 0);
        linearized.rule().writeAttributes(w);
        w.endMessage(m);
        Rule decoded = Rule.decode(NetlinkMessage.parseOne(w.toByteArray()));
        assertThat(decoded.expressions()).isEqualTo(linearized.rule().expressions());

        MessageWriter request = new MessageWriter(512);
        int r = Nfnetlink.beginMessage(request, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWRULE), 0, 1, spec.family().protocol(), 0);
        linearized.rule().writeAttributes(request, false, true);
        request.endMessage(r);
        assertThat(Rule.decode(NetlinkMessage.parseOne(request.toByteArray())).expressions())
                .as("the request form, expression names without NUL").isEqualTo(linearized.rule().expressions());

        List<SetElement> anonymous = linearized.sets().isEmpty() ? null : linearized.sets().getFirst().elements();
        RuleSpec back = Delinearizer.delinearize(decoded, name -> anonymous);
        RuleSpec expected = new RuleSpec(spec.family(), spec.table(), spec.chain(),
                withListedDependencies(spec.family(), spec.statements().stream().map(RuleSpecProperties::asNftCompiles).toList()),
                spec.comment(), spec.handle());
        assertThat(back.statements()).isEqualTo(expected.statements());
        assertThat(back.comment()).isEqualTo(spec.comment());
        assertThat(RuleRenderer.DEFAULT.render(back)).isEqualTo(RuleRenderer.DEFAULT.render(expected));
    }

    /**
     * nft 1.1.3 lists the network protocol an igmp match depends on (it folds it away only before icmp and icmpv6):
     * nft-ref lists {@code igmp type membership-query} as {@code meta nfproto ipv4 igmp type ...} in inet, {@code ether
     * type ip ...} in bridge, {@code meta protocol ip ...} in netdev (ProtocolDependencyKernelTest checks it).
     */
    private static List<Statement> withListedDependencies(Family family, List<Statement> statements) {
        List<Statement> out = new ArrayList<>();
        for (Statement s : statements) {
            if (s instanceof Match m && PayloadField.isVlanType(m.field()) && m.value() instanceof Value.Single
                    && (family == Family.BRIDGE || family == Family.NETDEV || family == Family.INET)
                    && out.stream().noneMatch(RuleSpecProperties::opensVlanTag)) {
                // a vlan type compared with a value keeps the ether type 8021q before it (VlanLinkLayerKernelTest)
                out.add(Match.eq(PayloadField.ETHER_TYPE, Bytes.u16Be(0x8100)));
            }
            if (s instanceof Match m && m.field() instanceof PayloadField p && p.protocol().equals("igmp")) {
                switch (family) {
                    case INET -> out.add(Match.eq(MetaField.NFPROTO, Bytes.u8(NfTablesUapi.NFPROTO_IPV4)));
                    case BRIDGE -> out.add(Match.eq(PayloadField.ETHER_TYPE, Bytes.u16Be(0x0800)));
                    case NETDEV -> out.add(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x0800)));
                    default -> { }
                }
            }
            out.add(s);
        }
        return out;
    }

    /** Whether {@code s} matches a field of a vlan tag or the ether type: the tag is then open already. */
    private static boolean opensVlanTag(Statement s) {
        return s instanceof Match m && (m.field().equals(PayloadField.ETHER_TYPE)
                || m.field() instanceof PayloadField p && p.protocol().equals("vlan")
                || m.field() instanceof PayloadBitField b && b.protocol().equals("vlan"));
    }

    /** A set of one item compiles to a comparison with the item (as nft does), and lists so. */
    private static Statement asNftCompiles(Statement s) {
        if (s instanceof Match m && m.value() instanceof Value.SetLiteral literal && literal.items().size() == 1
                && !(m.field() instanceof ConcatField) && !Linearizer.flagTest(m.field())) {
            return new Match(m.field(), m.op(), literal.items().getFirst());
        }
        return s;
    }
}
