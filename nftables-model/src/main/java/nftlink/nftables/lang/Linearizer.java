package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTables;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Limit;
import nftlink.nftables.expr.Log;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Masq;
import nftlink.nftables.expr.Nat;
import nftlink.nftables.expr.Notrack;
import nftlink.nftables.expr.Quota;
import nftlink.nftables.expr.Redir;
import nftlink.nftables.expr.Reject;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.Range;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.expr.Verdict;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a {@link RuleSpec} into kernel expressions the way nft 1.0.6 does:
 * protocol dependencies first ({@code meta l4proto tcp} before {@code tcp dport},
 * {@code meta nfproto ipv4} before {@code ip daddr} in inet), prefixes as
 * shortened loads or masks, ranges as two comparisons ({@code range neq} for
 * {@code !=}), sets as lookups in anonymous interval-aware sets, values in
 * register 1.
 */
public final class Linearizer {

    private static final int REG = NfTables.NFT_REG_1;

    /** An anonymous set a rule needs, created in the same transaction. */
    public record AnonymousSet(NftSet set, List<SetElement> elements) {
    }

    /**
     * An anonymous chain a rule jumps to ({@code jump { ... }}), and its linearized rules.
     *
     * @param id    the ID the chain is added with, which its rules and the jump refer to
     * @param rules its rules
     */
    public record Binding(int id, List<Result> rules) {
        public Binding {
            rules = List.copyOf(rules);
        }
    }

    /**
     * A linearized rule, the anonymous sets it uses and the anonymous chains it jumps to.
     *
     * @param rule     the kernel-level rule
     * @param sets     anonymous sets to add before it
     * @param bindings anonymous chains to add, with their rules, before it
     */
    public record Result(Rule rule, List<AnonymousSet> sets, List<Binding> bindings) {
        public Result {
            sets = List.copyOf(sets);
            bindings = List.copyOf(bindings);
        }

        /** A rule without anonymous chains. */
        public Result(Rule rule, List<AnonymousSet> sets) {
            this(rule, sets, List.of());
        }

        /** The operations that add the rule: its anonymous chains and their rules, its anonymous sets, then the rule. */
        public List<NftOperation> operations() {
            List<NftOperation> ops = prerequisites(UnaryOperator.identity());
            ops.add(new NftOperation.AddRule(rule));
            return ops;
        }

        /**
         * The operations to send before the rule, in nft's order: the rule's anonymous sets (each as {@code sets}
         * makes it), then each anonymous chain with its rules and theirs.
         */
        public List<NftOperation> prerequisites(UnaryOperator<NftSet> sets) {
            List<NftOperation> ops = new ArrayList<>();
            for (AnonymousSet s : this.sets) {
                NftSet set = sets.apply(s.set());
                ops.add(new NftOperation.AddSet(set, false));
                ops.add(new NftOperation.AddElements(set.family(), set.table(), set.name(), set.id(), s.elements(), false));
            }
            for (Binding b : bindings) {
                ops.add(new NftOperation.AddBindingChain(rule.family(), rule.table(), b.id()));
                for (Result inner : b.rules()) {
                    ops.addAll(inner.prerequisites(sets));
                    ops.add(new NftOperation.AddBoundRule(inner.rule(), b.id()));
                }
            }
            return ops;
        }
    }

    private Linearizer() {
    }

    /**
     * What linearizing one rule builds up: its expressions and anonymous sets, the matches
     * already made (so dependencies are added once), the compares of whole header fields
     * with one value, which nft merges with their neighbours (by identity, with whether the
     * field names the next protocol), and where statements other than matches start (nft
     * merges only between those).
     */
    private record Context(RuleSpec spec, BatchIds ids, List<Expression> out, List<AnonymousSet> sets, Set<Match> established,
                           java.util.Map<Expression, Boolean> mergeable, List<Integer> boundaries) {
        Context(RuleSpec spec, BatchIds ids) {
            this(spec, ids, new ArrayList<>(), new ArrayList<>(), new HashSet<>(), new java.util.IdentityHashMap<>(),
                    new ArrayList<>());
        }
    }

    /** A header match nft may merge: its load and compare, where they are, and whether it names a protocol. */
    private record Mergeable(int at, Payload.Load load, Cmp cmp, boolean protocol) {
    }

    /**
     * Merges matches of adjacent header fields into one load and one compare, as nft's
     * {@code stmt_reduce} does: among the equality matches with one value between two
     * statements that are not matches, sorted by header and offset, neighbours join while
     * the result fits 4 bytes (or 16 in the link-layer header, or when one part is longer
     * than 4 bytes); the joint match takes the place of the earlier one, or of the one
     * naming the next protocol ({@code tcp sport 1 tcp dport 2} becomes one 4-byte load).
     */
    private static void mergePayloads(Context ctx) {
        List<Expression> out = ctx.out();
        Expression[] slots = out.toArray(Expression[]::new);
        int runStart = 0;
        List<Integer> ends = new ArrayList<>(ctx.boundaries());
        ends.add(slots.length);
        for (int end : ends) {
            List<Mergeable> run = new ArrayList<>();
            for (int i = runStart; i + 1 < end; i++) {
                if (slots[i] instanceof Payload.Load l && l.dreg() == REG && ctx.mergeable().containsKey(slots[i + 1])) {
                    run.add(new Mergeable(i, l, (Cmp) slots[i + 1], ctx.mergeable().get(slots[i + 1])));
                }
            }
            run.sort(Comparator.<Mergeable>comparingInt(m -> m.load().base().ordinal()).thenComparingInt(m -> m.load().offset()));
            Mergeable last = run.isEmpty() ? null : run.getFirst();
            for (int k = 1; k < run.size(); k++) {
                Mergeable next = run.get(k);
                if (!canMerge(last.load(), next.load())) {
                    last = next;
                    continue;
                }
                byte[] data = new byte[last.load().length() + next.load().length()];
                System.arraycopy(last.cmp().data().toArray(), 0, data, 0, last.load().length());
                System.arraycopy(next.cmp().data().toArray(), 0, data, last.load().length(), next.load().length());
                Payload.Load load = new Payload.Load(last.load().base(), last.load().offset(), data.length, REG);
                Cmp cmp = new Cmp(Cmp.Op.EQ, REG, Bytes.of(data));
                // the joint match stays where the protocol match was, else where the earlier one was
                int keep = next.protocol() ? next.at() : last.at();
                int drop = next.protocol() ? last.at() : next.at();
                slots[keep] = load;
                slots[keep + 1] = cmp;
                slots[drop] = null;
                slots[drop + 1] = null;
                last = new Mergeable(keep, load, cmp, last.protocol() || next.protocol());
            }
            runStart = end;
        }
        out.clear();
        for (Expression x : slots) {
            if (x != null) {
                out.add(x);
            }
        }
    }

    /** nft's {@code payload_can_merge}: adjacent, within a register, and worth it for the kernel's fast path. */
    private static boolean canMerge(Payload.Load a, Payload.Load b) {
        int total = a.length() + b.length();
        return a.base() == b.base() && a.offset() + a.length() == b.offset() && total <= 16
                && (total <= 4 || a.base() == Payload.Base.LINK || a.length() > 4 || b.length() > 4);
    }

    /**
     * Linearizes {@code spec}, numbering its anonymous sets and chains from {@code ids}, the
     * numbering of the batch the rule is sent in.
     *
     * @throws IllegalArgumentException when a statement cannot be expressed in the rule's family
     */
    public static Result linearize(RuleSpec spec, BatchIds ids) {
        Context ctx = new Context(spec, ids);
        List<Expression> out = ctx.out();
        List<AnonymousSet> sets = ctx.sets();
        List<Binding> bindings = new ArrayList<>();
        List<Match> atStart = new ArrayList<>();
        for (Statement s : spec.statements()) {
            if (!(s instanceof Match)) {
                ctx.boundaries().add(out.size());
            }
            switch (s) {
                case Match m -> match(ctx, m);
                case Statement.VerdictStatement v -> out.add(Immediate.verdict(v.verdict()));
                case Statement.ChainBinding b -> {
                    int id = ids.nextChain();
                    List<Result> rules = new ArrayList<>();
                    for (RuleSpec inner : b.rules()) {
                        rules.add(linearize(new RuleSpec(spec.family(), spec.table(), spec.chain(), inner.statements(),
                                inner.comment(), 0), ids));
                    }
                    bindings.add(new Binding(id, rules));
                    out.add(Immediate.verdict(Verdict.toChainId(b.goTo(), id)));
                }
                case Statement.CounterStatement c -> out.add(StatefulStatements.expression(c));
                case Statement.MetaSet ms -> {
                    out.add(Immediate.value(REG, ms.value()));
                    out.add(new Meta.Set(ms.field().key(), REG));
                }
                case Statement.QueueStatement q when q.source() != null -> {
                    loadSource(ctx, q.source());
                    out.add(new nftlink.nftables.expr.Queue.FromRegister(REG, q.flags() == 0 ? null : q.flags()));
                }
                case Statement.QueueStatement q -> out.add(new nftlink.nftables.expr.Queue.Fixed(q.first(),
                        q.last() - q.first() + 1, q.flags() == 0 ? null : q.flags()));
                case Statement.TproxyStatement t -> {
                    Integer addr = null;
                    Integer port = null;
                    int register = REG;
                    if (t.address() != null) {
                        out.add(Immediate.value(register, t.address()));
                        addr = register++;
                    }
                    if (t.port() != null) {
                        out.add(Immediate.value(register, Bytes.u16Be(t.port())));
                        port = register;
                    }
                    int family = t.family() != 0 ? t.family() : spec.family() == nftlink.nftables.Family.IP ? NfTables.NFPROTO_IPV4
                            : spec.family() == nftlink.nftables.Family.IP6 ? NfTables.NFPROTO_IPV6 : 0;
                    out.add(new nftlink.nftables.expr.Tproxy(family, addr, port));
                }
                case Statement.SynproxyStatement sp -> out.add(new nftlink.nftables.expr.Synproxy(sp.mss(), sp.wscale(), sp.flags()));
                case Statement.DupStatement d when d.deviceSource() != null -> {
                    loadSource(ctx, d.deviceSource());
                    out.add(new nftlink.nftables.expr.Dup(null, REG));
                }
                case Statement.DupStatement d when d.addressSource() != null -> {
                    loadSource(ctx, d.addressSource());
                    Integer dev = null;
                    if (d.device() != null) {
                        out.add(Immediate.value(REG + 1, Bytes.u32(d.device())));
                        dev = REG + 1;
                    }
                    out.add(new nftlink.nftables.expr.Dup(REG, dev));
                }
                case Statement.DupStatement d -> {
                    Integer addr = null;
                    Integer dev = null;
                    int register = REG;
                    if (d.address() != null) {
                        out.add(Immediate.value(register, d.address()));
                        addr = register++;
                    }
                    if (d.device() != null) {
                        out.add(Immediate.value(register, Bytes.u32(d.device())));
                        dev = register;
                    }
                    out.add(new nftlink.nftables.expr.Dup(addr, dev));
                }
                case Statement.FwdStatement f when f.deviceSource() != null -> {
                    loadSource(ctx, f.deviceSource());
                    out.add(new nftlink.nftables.expr.Fwd(REG, null, null));
                }
                case Statement.FwdStatement f -> {
                    out.add(Immediate.value(REG, Bytes.u32(f.device())));
                    if (f.address() != null) {
                        out.add(Immediate.value(REG + 1, f.address()));
                        out.add(new nftlink.nftables.expr.Fwd(REG, REG + 1,
                                f.address().length() == 4 ? NfTables.NFPROTO_IPV4 : NfTables.NFPROTO_IPV6));
                    } else {
                        out.add(new nftlink.nftables.expr.Fwd(REG, null, null));
                    }
                }
                case Statement.PayloadSet ps -> {
                    depend(ctx, ps.field().text(), ps.field().dependencies(spec.family()));
                    out.addAll(PayloadWrite.linearize(ps.field(), ps.value()));
                }
                case Statement.ObjectReference o -> out.add(new nftlink.nftables.expr.Objref.Named(o.type().number(), o.object()));
                case Statement.ObjectMap om -> {
                    requireTunnelTransport(ctx, om.key());
                    depend(ctx, om.key().text(), om.key().dependencies(spec.family()));
                    out.addAll(om.named() != null && BitValue.applies(om.key()) ? BitValue.loads(om.key(), REG)
                            : om.key().loads(REG));
                    if (om.hasIntervals() && ordersHostBytes(om.key())) {
                        out.add(hton(om.key()));
                    }
                    if (om.named() != null) {
                        out.add(new nftlink.nftables.expr.Objref.Mapped(REG, om.named(), 0));
                    } else {
                        AnonymousSet map = anonymousObjectMap(spec, ids, om);
                        sets.add(map);
                        out.add(new nftlink.nftables.expr.Objref.Mapped(REG, map.set().name(), map.set().id()));
                    }
                }
                case Statement.TcpOptionReset r -> out.add(new nftlink.nftables.expr.Exthdr.Reset(r.kind()));
                case Statement.ConnlimitStatement cl -> out.add(StatefulStatements.expression(cl));
                case Statement.LastStatement l -> out.add(l.usedMillis() == null ? nftlink.nftables.expr.Last.never()
                        : new nftlink.nftables.expr.Last(1, l.usedMillis()));
                case Statement.DynsetStatement d -> {
                    List<Match> deps = new ArrayList<>(d.key().dependencies(spec.family()));
                    if (d.data() != null) {
                        deps.addAll(d.data().dependencies(spec.family()));
                    }
                    depend(ctx, d.key().text(), deps);
                    out.addAll(BitValue.applies(d.key()) ? BitValue.loads(d.key(), REG) : d.key().loads(REG));
                    Integer dataRegister = null;
                    if (d.data() != null) {
                        dataRegister = dynsetDataRegister(d.key());
                        out.addAll(d.data().loads(dataRegister));
                    }
                    // the kernel takes a list of expressions only with NFT_DYNSET_F_EXPR
                    Integer dynsetFlags = d.stateful().size() > 1 ? NfTables.NFT_DYNSET_F_EXPR : null;
                    out.add(new nftlink.nftables.expr.Dynset(d.op().number(), REG, dataRegister, d.set(), 0, d.timeout(),
                            d.stateful().stream().map(StatefulStatements::expression).toList(), dynsetFlags));
                }
                case Statement.SetFromField sf when sf.changesHeader() -> {
                    MaskedField m = (MaskedField) sf.source();
                    depend(ctx, sf.target().text(), sf.target().dependencies(spec.family()));
                    out.addAll(PayloadWrite.linearize(sf.target(), m.mask(), m.xor()));
                }
                case Statement.SetFromField sf when sf.writesOption() -> {
                    ExthdrField x = (ExthdrField) sf.target();
                    depend(ctx, x.text(), x.dependencies(spec.family()));
                    loadSource(ctx, sf.source());
                    if (sf.source().datatype().hostOrder()) {
                        // the value in network order, as the header holds it
                        out.add(new Byteorder(Byteorder.Op.HTON, REG, REG, x.length(), x.length(), false));
                    }
                    out.add(new nftlink.nftables.expr.Exthdr.Write(x.op(), x.type(), x.bitOffset() / 8, x.length(), REG, null));
                }
                case Statement.SetFromField sf when sf.mapsHeader() -> {
                    depend(ctx, sf.target().text(), sf.target().dependencies(spec.family()));
                    loadSource(ctx, sf.source());
                    out.add(PayloadWrite.write((PayloadField) sf.target()));
                }
                case Statement.SetFromField sf -> {
                    loadSource(ctx, sf.source());
                    out.add(sf.target() instanceof MetaField meta ? new Meta.Set(meta.key(), REG)
                            : new nftlink.nftables.expr.Ct.Set(((CtField) sf.target()).key(), REG, ((CtField) sf.target()).direction()));
                }
                case Statement.CtSet cs -> {
                    out.add(Immediate.value(REG, cs.value()));
                    out.add(new nftlink.nftables.expr.Ct.Set(cs.field().key(), REG, cs.field().direction()));
                }
                case Statement.KernelExpression k -> out.add(k.expression());
                case Statement.VerdictMap v -> {
                    requireTunnelTransport(ctx, v.field());
                    depend(ctx, v.field().text(), v.field().dependencies(spec.family()));
                    // a named map holds a bit field's values (an anonymous one holds the bits in place)
                    out.addAll(v.named() != null && BitValue.applies(v.field()) ? BitValue.loads(v.field(), REG)
                            : v.field().loads(REG));
                    if (v.named() != null) {
                        out.add(new Lookup(v.named(), 0, REG, NfTables.NFT_REG_VERDICT, null));
                    } else {
                        AnonymousSet map = anonymousMap(spec, ids, v);
                        sets.add(map);
                        if (v.hasIntervals() && ordersHostBytes(v.field())) {
                            // the map holds host-order keys as big-endian numbers, as nft writes it
                            out.add(hton(v.field()));
                        }
                        out.add(new Lookup(map.set().name(), map.set().id(), REG, NfTables.NFT_REG_VERDICT, null));
                    }
                }
                case Statement.LogStatement l -> out.add(new Log(l.prefix(), l.level() == null ? null : l.level().number(),
                        l.flags().isEmpty() ? null : LogFlag.bits(l.flags()), l.group(), l.snaplen(), l.queueThreshold()));
                case Statement.LimitStatement l -> out.add(StatefulStatements.expression(l));
                case Statement.QuotaStatement q -> out.add(StatefulStatements.expression(q));
                case Statement.NotrackStatement n -> out.add(new Notrack());
                case Statement.RejectStatement r -> {
                    for (Match e : ctx.established()) {
                        if (protocolClass(e.field()) == 3 && e.op() == Match.Op.EQ && e.value() instanceof Value.Single v
                                && v.bytes().asBigEndian() != 0x0800 && v.bytes().asBigEndian() != 0x86dd
                                && v.bytes().asBigEndian() != 0x8100) {
                            // (a vlan tag may carry either)
                            throw new IllegalArgumentException("conflicting protocols specified: reject answers ip and ip6 "
                                    + "packets, the rule matches " + e.field().text() + " " + e.field().datatype().print(v.bytes()));
                        }
                    }
                    for (Match dependency : rejectDependencies(spec.family(), r)) {
                        checkConflict("reject", dependency, ctx.established());
                        if (ctx.established().add(dependency)) {
                            atStart.add(dependency);
                        }
                    }
                    out.add(switch (r.kind()) {
                        case ICMP, ICMPV6 -> new Reject(NfTables.NFT_REJECT_ICMP_UNREACH, r.code());
                        case ICMPX -> new Reject(NfTables.NFT_REJECT_ICMPX_UNREACH, r.code());
                        case TCP_RESET -> new Reject(NfTables.NFT_REJECT_TCP_RST, 0);
                    });
                }
                case Statement.NatStatement n when n.addressSource() != null -> {
                    loadSource(ctx, n.addressSource());
                    if (!(n.addressSource() instanceof MapLookupField)) {
                        // numgen and hashes compute a number in host byte order: the address is big endian
                        out.add(new Byteorder(Byteorder.Op.HTON, REG, REG, 4, 4, false));
                    }
                    int flags = NatFlag.bits(n.flags());
                    // a map to ADDRESS . PORT writes the port into the register after the address; a map to
                    // ranges writes the lows, then the highs
                    int addressSlots = n.addressLength() / 4;
                    int slots = addressSlots + (n.sourcesPort() ? 1 : 0);
                    Integer port = n.sourcesPort() ? ConcatField.registerAt(REG, addressSlots) : null;
                    Integer addressMax = n.sourcesRanges() ? ConcatField.registerAt(REG, slots) : null;
                    Integer portMax = n.sourcesRanges() && n.sourcesPort() ? ConcatField.registerAt(REG, slots + addressSlots) : null;
                    out.add(new Nat(n.destination() ? NfTables.NFT_NAT_DNAT : NfTables.NFT_NAT_SNAT,
                            n.addressLength() == 16 ? NfTables.NFPROTO_IPV6 : NfTables.NFPROTO_IPV4, REG, addressMax, port, portMax,
                            flags == 0 ? null : flags));
                }
                case Statement.NatStatement n -> nat(spec.family(), n, out);
                case Statement.MasqueradeStatement m -> {
                    if (m.portMin() == null) {
                        out.add(new Masq(m.flags().isEmpty() ? null : NatFlag.bits(m.flags()), null, null));
                    } else {
                        int max = ports(m.portMin(), m.portMax(), 1, out);
                        out.add(new Masq(NatFlag.bits(m.flags()) | NfTables.NF_NAT_RANGE_PROTO_SPECIFIED, 1, max == 1 ? null : max));
                    }
                }
                case Statement.RedirectStatement r when r.portSource() != null -> {
                    loadSource(ctx, r.portSource());
                    out.add(new Redir(REG, null, NatFlag.bits(r.flags()) | NfTables.NF_NAT_RANGE_PROTO_SPECIFIED));
                }
                case Statement.RedirectStatement r -> {
                    if (r.portMin() == null) {
                        out.add(new Redir(null, null, r.flags().isEmpty() ? null : NatFlag.bits(r.flags())));
                    } else {
                        int max = ports(r.portMin(), r.portMax(), 1, out);
                        out.add(new Redir(1, max == 1 ? null : max, NatFlag.bits(r.flags()) | NfTables.NF_NAT_RANGE_PROTO_SPECIFIED));
                    }
                }
            }
        }
        if (!atStart.isEmpty()) {
            // nft puts what reject needs at the start of the rule (so that a log before it logs only what is rejected)
            List<Statement> statements = new ArrayList<>(atStart);
            statements.addAll(spec.statements());
            return linearize(new RuleSpec(spec.family(), spec.table(), spec.chain(), statements, spec.comment(), spec.handle()), ids);
        }
        mergePayloads(ctx);
        Rule rule = new Rule(spec.family(), spec.table(), spec.chain(), spec.handle(), 0, out, spec.comment(), List.of());
        return new Result(rule, sets, bindings);
    }

    /**
     * Adds the matches {@code what} depends on that the rule has not made yet: after a vlan tag
     * on its type, refusing contradictions, leaving out what an earlier match implies.
     */
    private static void depend(Context ctx, String what, List<Match> dependencies) {
        Set<Match> established = ctx.established();
        for (Match original : dependencies) {
            Match dependency = afterVlan(original, established);
            if (dependency.field().equals(PayloadField.ETHER_TYPE) && vlanTags(established) > 0
                    && dependency.value().equals(new Value.Single(Bytes.u16Be(0x8100)))) {
                // a vlan field after a tag the rule has opened (802.1ad or 802.1Q, outer or inner)
                continue;
            }
            checkConflict(what, dependency, established);
            boolean icmpType = dependency.field().equals(PayloadField.ICMP_TYPE) || dependency.field().equals(PayloadField.ICMPV6_TYPE);
            if (icmpType && established.stream().anyMatch(e -> e.field().equals(dependency.field()))) {
                // the rule already says which icmp types it means
                continue;
            }
            if (impliedBy(dependency, established)) {
                // an earlier match says the same (ip protocol tcp before tcp dport): nft adds nothing
                continue;
            }
            if (established.add(dependency)) {
                match(ctx, dependency);
            }
        }
    }

    private static void match(Context ctx, Match m) {
        RuleSpec spec = ctx.spec();
        List<Expression> out = ctx.out();
        List<AnonymousSet> sets = ctx.sets();
        Set<Match> established = ctx.established();
        requireTunnelTransport(ctx, m.field());
        int tags = vlanTags(established);
        if (tags > 1 && PayloadField.ofVlanTag(m.field(), tags) != m.field()) {
            // a field of an inner vlan tag
            m = new Match(PayloadField.ofVlanTag(m.field(), tags), m.op(), m.value());
        }
        if (m.value() instanceof Value.SetLiteral literal && literal.items().size() == 1 && !(m.field() instanceof ConcatField)
                && (!flagTest(m.field()) || m.field().datatype() == Datatype.CT_STATE)
                && !(literal.items().getFirst() instanceof Value.CatchAll) && !literal.hasStatements()) {
            // nft compares with the one item of a one-item set instead of making the set; ct state { new } tests the
            // flag as ct state new does (nft makes other flags' one-item sets exact comparisons, == syn)
            Value item = literal.items().getFirst();
            Bytes wildcard = m.field().datatype() == Datatype.IFNAME && item instanceof Value.Range r
                    ? SetElementListing.wildcard(r.low(), r.high()) : null;
            // an interface-name wildcard alone compares the name's first characters, iifname "eth*"
            m = new Match(m.field(), m.op(), wildcard != null ? new Value.Single(wildcard) : item);
        }
        depend(ctx, m.field().text(), m.field().dependencies(spec.family()));
        if (m.op() == Match.Op.EQ && (m.value() instanceof Value.Single
                || m.field().equals(PayloadField.ICMP_TYPE) || m.field().equals(PayloadField.ICMPV6_TYPE))) {
            established.add(m);
        }
        Field field = m.field();
        switch (m.value()) {
            case Value.Single s -> {
                if (flagTest(field) && m.op() == Match.Op.EQ) {
                    out.addAll(field.loads(REG));
                    out.add(new Bitwise.MaskXor(REG, REG, s.bytes(), Bytes.of(new byte[s.bytes().length()])));
                    out.add(new Cmp(Cmp.Op.NEQ, REG, Bytes.of(new byte[s.bytes().length()])));
                } else if (s.bytes().length() < field.length() && partialLoad(field, s.bytes().length()) != null) {
                    out.add(partialLoad(field, s.bytes().length()));
                    out.add(new Cmp(cmpOp(m.op()), REG, s.bytes()));
                } else if (ordersHostBytes(field) && m.op() != Match.Op.EQ && m.op() != Match.Op.NEQ) {
                    out.addAll(field.loads(REG));
                    out.add(hton(field));
                    out.add(new Cmp(cmpOp(m.op()), REG, s.bytes().reversed()));
                } else {
                    out.addAll(field.loads(REG));
                    Cmp cmp = new Cmp(cmpOp(m.op()), REG, s.bytes());
                    out.add(cmp);
                    if (field instanceof PayloadField pf && m.op() == Match.Op.EQ) {
                        ctx.mergeable().put(cmp, pf.equals(PayloadField.ETHER_TYPE) || PayloadField.isVlanType(pf)
                                || pf.equals(PayloadField.IP_PROTOCOL) || pf.equals(PayloadField.IP6_NEXTHDR));
                    }
                }
            }
            case Value.Prefix p -> {
                if (p.bits() % 8 == 0 && p.bits() > 0 && partialLoad(field, p.bits() / 8) != null) {
                    int bytes = p.bits() / 8;
                    out.add(partialLoad(field, bytes));
                    out.add(new Cmp(cmpOp(m.op()), REG, Bytes.of(java.util.Arrays.copyOf(p.address().toArray(), bytes))));
                } else if (p.bits() % 8 == 0 && p.bits() > 0 && field instanceof CtField) {
                    // ct addresses are loaded whole and compared on their first bytes
                    out.addAll(field.loads(REG));
                    out.add(new Cmp(cmpOp(m.op()), REG, Bytes.of(java.util.Arrays.copyOf(p.address().toArray(), p.bits() / 8))));
                } else {
                    out.addAll(field.loads(REG));
                    out.add(new Bitwise.MaskXor(REG, REG, p.mask(), Bytes.of(new byte[p.address().length()])));
                    out.add(new Cmp(cmpOp(m.op()), REG, p.address()));
                }
            }
            case Value.Range r when field instanceof ConcatField -> throw new IllegalArgumentException(
                    "unsupported: a range of " + field.text() + " outside a set (write it in braces: { ... })");
            case Value.Range r -> {
                out.addAll(field.loads(REG));
                Bytes low = r.low();
                Bytes high = r.high();
                if (ordersHostBytes(field)) {
                    // the kernel compares bytes as big-endian numbers: swap host-order values first
                    out.add(hton(field));
                    low = low.reversed();
                    high = high.reversed();
                }
                // one range expression, as the conformance vectors (newer nft) have it; nft 1.0.6 sent
                // cmp gte + cmp lte for ==, which the delinearizer still reads
                out.add(new Range(m.op() == Match.Op.EQ ? Range.Op.EQ : Range.Op.NEQ, REG, low, high));
            }
            case Value.CatchAll c -> throw new IllegalArgumentException("* is a key of maps only");
            case Value.SetReference ref -> {
                // a named set holds a bit field's values: nft moves the bits down first
                out.addAll(BitValue.applies(field) ? BitValue.loads(field, REG) : field.loads(REG));
                out.add(new Lookup(ref.name(), 0, REG, -1, m.op() == Match.Op.NEQ ? NfTables.NFT_LOOKUP_F_INV : null));
            }
            case Value.SetLiteral literal -> {
                boolean swap = literal.hasIntervals() && ordersHostBytes(field);
                boolean swapParts = literal.hasIntervals() && field instanceof ConcatField c && hasHostOrderPart(c);
                // intervals are ordered as big-endian numbers: host-order values are swapped first, as nft does
                AnonymousSet set = anonymousSet(spec, ctx.ids(), field, swap ? reversedItems(literal)
                        : swapParts ? bigEndianParts((ConcatField) field, literal) : literal);
                sets.add(set);
                out.addAll(swapParts ? bigEndianLoads((ConcatField) field) : field.loads(REG));
                if (swap) {
                    out.add(hton(field));
                }
                out.add(new Lookup(set.set().name(), set.set().id(), REG, -1, m.op() == Match.Op.NEQ ? NfTables.NFT_LOOKUP_F_INV : null));
            }
        }
    }

    /** Loads a value computed from the packet into register 1, after its dependencies (an anonymous map first). */
    /**
     * The register a dynamic map update's data goes to, as nft allocates it: after the key's
     * registers, a whole 16-byte register for a single value, the concatenation's 32-bit words for a
     * concatenated key.
     */
    static int dynsetDataRegister(Field key) {
        int slots = key instanceof ConcatField concat ? concat.length() / 4 : 4;
        return ConcatField.registerAt(REG, slots);
    }

    private static void loadSource(Context ctx, Field source) {
        requireTunnelTransport(ctx, source instanceof MapLookupField map ? map.key() : source);
        depend(ctx, source.text(), source.dependencies(ctx.spec().family()));
        if (source instanceof MapLookupField map && map.named() == null) {
            AnonymousSet anonymous = anonymousDataMap(ctx.spec(), ctx.ids(), map);
            ctx.sets().add(anonymous);
            ctx.out().addAll(map.loads(REG, anonymous.set().name(), anonymous.set().id()));
        } else {
            ctx.out().addAll(source.loads(REG));
        }
    }

    /** The load of the first {@code bytes} bytes of a header field (a prefix), or {@code null} for other fields. */
    private static Expression partialLoad(Field field, int bytes) {
        return switch (field) {
            case PayloadField p -> p.load(REG, bytes);
            case InnerField in -> in.load(REG, bytes);
            default -> null;
        };
    }

    /** vxlan and geneve are known by their udp port: nft wants the rule to match udp before their fields. */
    private static void requireTunnelTransport(Context ctx, Field field) {
        for (Field f : field instanceof ConcatField concat ? concat.fields() : List.of(field)) {
            if (f instanceof InnerField in && in.tunnel().udpPort() != 0 && ctx.established().stream().noneMatch(e ->
                    e.op() == Match.Op.EQ && protocolClass(e.field()) == 1 && e.value().equals(new Value.Single(Bytes.u8(17))))) {
                throw new IllegalArgumentException(in.text() + " needs a udp match before it, such as udp dport "
                        + in.tunnel().udpPort());
            }
        }
    }

    /** Fields that say the same thing about a packet's protocol, so their matches can contradict each other. */
    private static int protocolClass(Field f) {
        if (f.equals(MetaField.L4PROTO) || f.equals(PayloadField.IP_PROTOCOL) || f.equals(PayloadField.IP6_NEXTHDR)) {
            return 1;
        }
        if (f.equals(MetaField.NFPROTO)) {
            return 2;
        }
        if (f.equals(MetaField.PROTOCOL) || f.equals(PayloadField.ETHER_TYPE)) {
            return 3;
        }
        if (f.equals(PayloadField.ICMP_TYPE)) {
            return 4;
        }
        if (f.equals(PayloadField.ICMPV6_TYPE)) {
            return 5;
        }
        return 0;
    }

    /** After an 802.1Q tag the network protocol is the tag's type: {@code vlan type ip}, not {@code meta protocol ip}. */
    private static Match afterVlan(Match dependency, Set<Match> established) {
        int tags = vlanTags(established);
        if (tags > 0 && dependency.field().equals(MetaField.PROTOCOL)) {
            return new Match(PayloadField.ofVlanTag(PayloadField.VLAN_TYPE, tags), dependency.op(), dependency.value());
        }
        return dependency;
    }

    /** How many vlan tags the rule's matches have opened (ether type, then vlan type, 8021q or 8021ad). */
    private static int vlanTags(Set<Match> established) {
        return (int) established.stream().filter(PayloadField::opensVlanTag).count();
    }

    /** Whether an earlier match of another field says what {@code dependency} says (same protocol class, same value). */
    private static boolean impliedBy(Match dependency, Set<Match> established) {
        int cls = protocolClass(dependency.field());
        // a transport protocol matched by l4proto, ip protocol or ip6 nexthdr; a link-layer one by ether type or meta protocol
        if (cls != 1 && cls != 3 || !(dependency.value() instanceof Value.Single needed)) {
            return false;
        }
        for (Match e : established) {
            if (e.op() == Match.Op.EQ && protocolClass(e.field()) == cls && e.value() instanceof Value.Single had
                    && had.bytes().equals(needed.bytes())) {
                return true;
            }
        }
        return false;
    }

    /** Refuses {@code what}, which needs {@code dependency}, after a match that says otherwise (nft: conflicting protocols). */
    private static void checkConflict(String what, Match dependency, Set<Match> established) {
        int cls = protocolClass(dependency.field());
        if (cls == 0 || !(dependency.value() instanceof Value.Single needed)) {
            return;
        }
        if ((cls == 2 || cls == 3) && dependency.field() instanceof MetaField && !what.equals("reject")) {
            // nft lets a header follow an explicit network or link protocol it does not imply
            // (meta nfproto ipv4 icmpv6 type ..., ether type vlan ip protocol ...)
            return;
        }
        for (Match e : established) {
            if (e.op() == Match.Op.EQ && protocolClass(e.field()) == cls && e.value() instanceof Value.Single had
                    && !had.bytes().equals(needed.bytes())) {
                throw new IllegalArgumentException("conflicting protocols specified: " + what + " needs "
                        + dependency.field().text() + " " + dependency.field().datatype().print(needed.bytes())
                        + ", the rule matches " + e.field().text() + " " + e.field().datatype().print(had.bytes()));
            }
        }
    }

    /** The matches a reject needs first: the address family for icmp/icmpv6 in inet, tcp for resets. */
    static List<Match> rejectDependencies(Family family, Statement.RejectStatement r) {
        boolean link = family == Family.BRIDGE || family == Family.NETDEV;
        return switch (r.kind()) {
            case TCP_RESET -> List.of(Match.eq(MetaField.L4PROTO, Bytes.u8(6)));
            case ICMP -> family == Family.INET ? List.of(Match.eq(MetaField.NFPROTO, Bytes.u8(2)))
                    : link ? List.of(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x0800))) : List.of();
            case ICMPV6 -> family == Family.INET ? List.of(Match.eq(MetaField.NFPROTO, Bytes.u8(10)))
                    : link ? List.of(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x86dd))) : List.of();
            case ICMPX -> List.of();
        };
    }

    /**
     * Loads addresses then ports into consecutive registers and adds the nat
     * expression, as nft sends it: upper bounds only for ranges, and of the flags
     * only proto-specified and the user's (the kernel adds map-ips and lists the
     * registers of single values as both bounds).
     */
    private static void nat(Family family, Statement.NatStatement n, List<Expression> out) {
        int register = 1;
        Integer addrMin = null;
        Integer addrMax = null;
        int natFamily;
        if (n.addressMin() != null) {
            natFamily = n.addressMin().length() == 4 ? NfTables.NFPROTO_IPV4 : NfTables.NFPROTO_IPV6;
            out.add(Immediate.value(register, n.addressMin()));
            addrMin = register++;
            if (!n.addressMax().equals(n.addressMin())) {
                out.add(Immediate.value(register, n.addressMax()));
                addrMax = register++;
            }
        } else {
            natFamily = family == Family.IP6 ? NfTables.NFPROTO_IPV6 : NfTables.NFPROTO_IPV4;
        }
        Integer protoMin = null;
        Integer protoMax = null;
        if (n.portMin() != null) {
            protoMin = register;
            int max = ports(n.portMin(), n.portMax(), register, out);
            protoMax = max == register ? null : max;
        }
        int flags = NatFlag.bits(n.flags()) | (protoMin != null ? NfTables.NF_NAT_RANGE_PROTO_SPECIFIED : 0);
        out.add(new Nat(n.destination() ? NfTables.NFT_NAT_DNAT : NfTables.NFT_NAT_SNAT, natFamily, addrMin, addrMax,
                protoMin, protoMax, flags == 0 ? null : flags));
    }

    /** Loads a port (range) into {@code register} (and the next); returns the register of the upper bound. */
    private static int ports(int min, int max, int register, List<Expression> out) {
        out.add(Immediate.value(register, Bytes.u16Be(min)));
        if (max == min) {
            return register;
        }
        out.add(Immediate.value(register + 1, Bytes.u16Be(max)));
        return register + 1;
    }

    /** The items of {@code literal} with their bytes reversed (host order to big endian and back). */
    static Value.SetLiteral reversedItems(Value.SetLiteral literal) {
        List<Value> items = new ArrayList<>();
        for (Value v : literal.items()) {
            items.add(switch (v) {
                case Value.Single x -> new Value.Single(x.bytes().reversed());
                case Value.Range r -> new Value.Range(r.low().reversed(), r.high().reversed());
                default -> throw new IllegalArgumentException("unsupported: " + v + " in a set of host-order values");
            });
        }
        return new Value.SetLiteral(items, literal.statements());
    }

    /** Whether a part of {@code concat} holds host-order integers (a mark, a uid), which intervals hold as big-endian numbers. */
    static boolean hasHostOrderPart(ConcatField concat) {
        return concat.fields().stream().anyMatch(f -> !ConcatField.holdsValue(f)
                && SetElementListing.storedBigEndian(f.datatype()) && f.length() >= 2);
    }

    /**
     * The loads of {@code concat} into register 1 and on, each host-order part swapped to big endian right
     * after its load ({@code byteorder reg 9 = hton(reg 9, 4, 4)}), as nft loads the key of an interval set.
     */
    static List<Expression> bigEndianLoads(ConcatField concat) {
        List<Expression> out = new ArrayList<>();
        int slot = 0;
        for (Field f : concat.fields()) {
            int register = ConcatField.registerAt(REG, slot);
            out.addAll(BitValue.applies(f) ? BitValue.loads(f, register) : f.loads(register));
            if (!ConcatField.holdsValue(f) && SetElementListing.storedBigEndian(f.datatype()) && f.length() >= 2) {
                out.add(new Byteorder(Byteorder.Op.HTON, register, register, f.length(), f.length()));
            }
            slot += ((f.length() + 3) & ~3) / 4;
        }
        return out;
    }

    /** The items of a set of concatenations with each host-order part's bytes reversed (host order to big endian and back). */
    static Value.SetLiteral bigEndianParts(ConcatField concat, Value.SetLiteral literal) {
        List<Value> items = new ArrayList<>();
        for (Value v : literal.items()) {
            items.add(switch (v) {
                case Value.Single x -> new Value.Single(bigEndianParts(concat, x.bytes()));
                case Value.Range r -> new Value.Range(bigEndianParts(concat, r.low()), bigEndianParts(concat, r.high()));
                default -> throw new IllegalArgumentException("unsupported: " + v + " in a set of concatenations");
            });
        }
        return new Value.SetLiteral(items, literal.statements());
    }

    /** A concatenation's bytes with each host-order part reversed. */
    static Bytes bigEndianParts(ConcatField concat, Bytes key) {
        byte[] raw = key.toArray();
        int at = 0;
        for (Field f : concat.fields()) {
            int length = f.length();
            if (!ConcatField.holdsValue(f) && SetElementListing.storedBigEndian(f.datatype()) && length >= 2
                    && at + length <= raw.length) {
                for (int a = at, b = at + length - 1; a < b; a++, b--) {
                    byte t = raw[a];
                    raw[a] = raw[b];
                    raw[b] = t;
                }
            }
            at += (length + 3) & ~3;
        }
        return Bytes.of(raw);
    }

    /** Whether {@code FIELD VALUE} tests for any of the value's bits, as nft does for ct state or tcp flags. */
    public static boolean flagTest(Field field) {
        return !(field instanceof ConcatField) && !(field instanceof MaskedField) && field.datatype().isBitmask()
                && field.datatype() != Datatype.CT_EVENT;
    }

    /** Whether ordered comparisons of the field need its host-order value swapped to big endian, as nft does. */
    static boolean ordersHostBytes(Field field) {
        int length = field.length();
        return !(field instanceof ConcatField) && field.datatype().hostOrder() && field.datatype() != Datatype.IFNAME
                && field.datatype() != Datatype.CT_STATE && (length == 2 || length == 4 || length == 8);
    }

    private static Byteorder hton(Field field) {
        return new Byteorder(Byteorder.Op.HTON, REG, REG, field.length(), field.length());
    }

    private static Cmp.Op cmpOp(Match.Op op) {
        return switch (op) {
            case EQ -> Cmp.Op.EQ;
            case NEQ -> Cmp.Op.NEQ;
            case LT -> Cmp.Op.LT;
            case GT -> Cmp.Op.GT;
            case LTE -> Cmp.Op.LTE;
            case GTE -> Cmp.Op.GTE;
        };
    }

    private static AnonymousSet anonymousSet(RuleSpec spec, BatchIds ids, Field field, Value.SetLiteral literal) {
        int length = field.length();
        List<SetElement> elements = new ArrayList<>();
        int flags = NfTables.NFT_SET_ANONYMOUS | NfTables.NFT_SET_CONSTANT;
        if (literal.hasIntervals() && field instanceof ConcatField) {
            flags |= NfTables.NFT_SET_INTERVAL;
            for (int i = 0; i < literal.items().size(); i++) {
                elements.add(stateful(concatInterval(literal.items().get(i), null), literal.statementsOf(i)));
            }
        } else if (literal.hasIntervals()) {
            flags |= NfTables.NFT_SET_INTERVAL;
            elements.addAll(intervalElements(literal, length));
        } else {
            for (int i = 0; i < literal.items().size(); i++) {
                elements.add(stateful(SetElement.of(((Value.Single) literal.items().get(i)).bytes()), literal.statementsOf(i)));
            }
        }
        int id = ids.nextSet();
        NftSet set = NftSet.of(spec.family(), spec.table(), "__set%d", field.keyType(), length)
                .withFlags(flags).withSize(elements.size()).withId(id).withUserdata(keyByteOrder(field));
        if (field instanceof ConcatField concat && (flags & NfTables.NFT_SET_INTERVAL) != 0) {
            // the kernel takes field lengths only for concatenated ranges (flag concat)
            set = set.withFlags(flags | NfTables.NFT_SET_CONCAT).withFieldLengths(concat.fieldLengths());
        }
        return new AnonymousSet(set, elements);
    }

    /**
     * An element of a set of concatenations with ranges: the concatenation of the lows as its
     * key and of the highs as its end ({@code NFTA_SET_ELEM_KEY_END}), as the kernel's
     * pipapo sets take them; one value is a range of itself.
     */
    private static SetElement concatInterval(Value v, nftlink.nftables.expr.Data data) {
        return switch (v) {
            case Value.Single s -> new SetElement(s.bytes(), s.bytes(), data, null, 0, 0, 0, null, List.of());
            case Value.Range r -> new SetElement(r.low(), r.high(), data, null, 0, 0, 0, null, List.of());
            default -> throw new IllegalArgumentException("unsupported: " + v + " in a set of concatenations");
        };
    }

    /** The element with the stateful expressions of {@code statements} ({@code counter}, ...), as nft writes them. */
    static SetElement stateful(SetElement e, List<Statement> statements) {
        if (statements.isEmpty()) {
            return e;
        }
        return new SetElement(e.key(), e.keyEnd(), e.data(), e.objectRef(), e.flags(), e.timeout(), e.expiration(),
                e.userdata(), statements.stream().map(StatefulStatements::expression).toList());
    }

    /**
     * The anonymous object map of {@code counter name KEY map { K : "OBJ", ... }}: elements name the objects;
     * keys with ranges or prefixes make an interval map, as nft writes it.
     */
    private static AnonymousSet anonymousObjectMap(RuleSpec spec, BatchIds ids, Statement.ObjectMap om) {
        Field key = om.key();
        int flags = NfTables.NFT_SET_ANONYMOUS | NfTables.NFT_SET_CONSTANT | NfTables.NFT_SET_OBJECT;
        List<SetElement> elements = new ArrayList<>();
        if (om.hasIntervals() && key instanceof ConcatField) {
            flags |= NfTables.NFT_SET_INTERVAL | NfTables.NFT_SET_CONCAT;
            for (Statement.ObjectMap.Entry e : om.entries()) {
                Bytes low = e.key() instanceof Value.Range r ? r.low() : ((Value.Single) e.key()).bytes();
                Bytes high = e.key() instanceof Value.Range r ? r.high() : low;
                elements.add(new SetElement(low, high, null, e.object(), 0, 0, 0, null, List.of()));
            }
        } else if (om.hasIntervals()) {
            flags |= NfTables.NFT_SET_INTERVAL;
            elements.addAll(intervalObjectElements(om, ordersHostBytes(key)));
        } else {
            for (Statement.ObjectMap.Entry e : om.entries()) {
                elements.add(new SetElement(((Value.Single) e.key()).bytes(), null, null, e.object(), 0, 0, 0, null, List.of()));
            }
        }
        NftSet set = NftSet.of(spec.family(), spec.table(), "__objmap%d", key.keyType(), key.length())
                .withFlags(flags).withObjectType(om.type().number()).withSize(elements.size())
                .withId(ids.nextSet()).withUserdata(keyByteOrder(key));
        if (key instanceof ConcatField concat && (flags & NfTables.NFT_SET_INTERVAL) != 0) {
            set = set.withFieldLengths(concat.fieldLengths());
        }
        return new AnonymousSet(set, elements);
    }

    /** The elements of an interval object map: each range's start naming its object, and end markers. */
    private static List<SetElement> intervalObjectElements(Statement.ObjectMap om, boolean swap) {
        int length = om.key().length();
        List<Intervals.Interval> intervals = new ArrayList<>();
        for (Statement.ObjectMap.Entry e : om.entries()) {
            Value key = swap ? reversedItems(new Value.SetLiteral(List.of(e.key()))).items().getFirst() : e.key();
            BigInteger[] r = bounds(key);
            if (r[0].compareTo(r[1]) > 0) {
                throw new IllegalArgumentException("a range of an object map has its bounds the wrong way round");
            }
            SetElement start = new SetElement(Intervals.bytes(r[0], length), null, null, e.object(), 0, 0, 0, null, List.of());
            intervals.add(new Intervals.Interval(r[0], r[1], start));
        }
        intervals.sort(Comparator.comparing(Intervals.Interval::low));
        try {
            return Intervals.elements(intervals, length, false);
        } catch (Intervals.OverlapException e) {
            throw new IllegalArgumentException("object map ranges overlap");
        }
    }

    /** The catch-all element of a map: no key, the flag, the data. */
    private static SetElement catchAll(nftlink.nftables.expr.Data data) {
        return new SetElement(Bytes.empty(), null, data, null, NfTables.NFT_SET_ELEM_CATCHALL, 0, 0, null, List.of());
    }

    /** The anonymous data map of {@code KEY map { K : D, ... }}. */
    private static AnonymousSet anonymousDataMap(RuleSpec spec, BatchIds ids, MapLookupField map) {
        List<SetElement> elements = new ArrayList<>();
        int flags = NfTables.NFT_SET_ANONYMOUS | NfTables.NFT_SET_CONSTANT | NfTables.NFT_SET_MAP;
        if (map.hasIntervals() && map.key() instanceof ConcatField) {
            // ranges of concatenations: each element its lows as the key and its highs as the key's end
            flags |= NfTables.NFT_SET_INTERVAL | NfTables.NFT_SET_CONCAT;
            for (MapLookupField.Entry e : map.entries()) {
                elements.add(e.isCatchAll() ? catchAll(nftlink.nftables.expr.Data.of(e.data()))
                        : new SetElement(e.key(), e.keyEnd() == null ? e.key() : e.keyEnd(),
                        nftlink.nftables.expr.Data.of(e.data()), null, 0, 0, 0, null, List.of()));
            }
        } else if (map.hasIntervals()) {
            flags |= NfTables.NFT_SET_INTERVAL;
            // host-order keys are swapped to big endian before the lookup (MapLookupField.loads)
            boolean swap = ordersHostBytes(map.key());
            List<BigInteger[]> bounds = new ArrayList<>();
            List<nftlink.nftables.expr.Data> data = new ArrayList<>();
            for (MapLookupField.Entry e : map.entries()) {
                if (e.isCatchAll()) {
                    continue;
                }
                Bytes low = swap ? e.key().reversed() : e.key();
                Bytes high = e.keyEnd() == null ? low : swap ? e.keyEnd().reversed() : e.keyEnd();
                bounds.add(new BigInteger[]{number(low), number(high)});
                data.add(nftlink.nftables.expr.Data.of(e.data()));
            }
            elements.addAll(intervalMapElements(bounds, data, map.key().length(), "data map"));
            // the catch-all is no interval: nft adds it after them (snat to ip saddr map { 10.0.0.0/8 : 1.2.3.4, * : ... })
            map.entries().stream().filter(MapLookupField.Entry::isCatchAll)
                    .forEach(e -> elements.add(catchAll(nftlink.nftables.expr.Data.of(e.data()))));
        } else {
            for (MapLookupField.Entry e : map.entries()) {
                elements.add(e.isCatchAll() ? catchAll(nftlink.nftables.expr.Data.of(e.data()))
                        : SetElement.of(e.key(), nftlink.nftables.expr.Data.of(e.data())));
            }
        }
        NftSet set = NftSet.of(spec.family(), spec.table(), "__map%d", map.key().keyType(), map.key().length())
                .withFlags(flags)
                .withData(map.dataTypeId(), map.dataLength()).withSize(elements.size()).withId(ids.nextSet())
                .withUserdata(map.dataRanges() ? withDataInterval(byteOrders(map.key(), map.dataType()))
                        : byteOrders(map.key(), map.dataType()));
        if (map.key() instanceof ConcatField concat && (flags & NfTables.NFT_SET_INTERVAL) != 0) {
            set = set.withFieldLengths(concat.fieldLengths());
        }
        return new AnonymousSet(set, elements);
    }

    /** The anonymous verdict map of a {@code vmap { ... }}: elements carry the verdicts, interval ends none. */
    private static AnonymousSet anonymousMap(RuleSpec spec, BatchIds ids, Statement.VerdictMap vmap) {
        Field field = vmap.field();
        int length = field.length();
        int flags = NfTables.NFT_SET_ANONYMOUS | NfTables.NFT_SET_CONSTANT | NfTables.NFT_SET_MAP;
        List<SetElement> elements = new ArrayList<>();
        if (vmap.hasIntervals() && vmap.entries().stream().anyMatch(e -> e.key() instanceof Value.CatchAll)) {
            throw new IllegalArgumentException("unsupported: * in a verdict map with ranges");
        }
        if (vmap.hasIntervals() && field instanceof ConcatField) {
            flags |= NfTables.NFT_SET_INTERVAL;
            for (Statement.VerdictMap.Entry e : vmap.entries()) {
                elements.add(stateful(concatInterval(e.key(), nftlink.nftables.expr.Data.of(e.verdict())), e.statements()));
            }
        } else if (vmap.hasIntervals()) {
            flags |= NfTables.NFT_SET_INTERVAL;
            List<BigInteger[]> bounds = new ArrayList<>();
            List<nftlink.nftables.expr.Data> verdicts = new ArrayList<>();
            List<List<Statement>> statements = new ArrayList<>();
            boolean swap = ordersHostBytes(field);
            for (Statement.VerdictMap.Entry e : vmap.entries()) {
                bounds.add(bounds(swap ? reversedItems(new Value.SetLiteral(List.of(e.key()))).items().getFirst() : e.key()));
                verdicts.add(nftlink.nftables.expr.Data.of(e.verdict()));
                statements.add(e.statements());
            }
            elements.addAll(intervalMapElements(bounds, verdicts, statements, length, "verdict map"));
        } else {
            for (Statement.VerdictMap.Entry e : vmap.entries()) {
                elements.add(stateful(e.key() instanceof Value.CatchAll ? catchAll(nftlink.nftables.expr.Data.of(e.verdict()))
                        : SetElement.of(((Value.Single) e.key()).bytes(), nftlink.nftables.expr.Data.of(e.verdict())),
                        e.statements()));
            }
        }
        NftSet set = NftSet.of(spec.family(), spec.table(), "__map%d", field.keyType(), length)
                .withFlags(flags).withData(VERDICT_DATA, 0).withSize(elements.size()).withId(ids.nextSet())
                .withUserdata(verdictMapUserdata(field));
        if (field instanceof ConcatField concat && (flags & NfTables.NFT_SET_INTERVAL) != 0) {
            set = set.withFlags(set.flags() | NfTables.NFT_SET_CONCAT).withFieldLengths(concat.fieldLengths());
        }
        return new AnonymousSet(set, elements);
    }

    /**
     * The userdata nft gives anonymous sets: the key's byte order
     * ({@code NFTNL_UDATA_SET_KEYBYTEORDER}), without which nft cannot print
     * host-order keys such as interface names.
     */
    private static byte[] keyByteOrder(Field field) {
        if (field instanceof ConcatField concat && concat.fields().stream().anyMatch(f -> f.datatype().length() == 0)
                && SetTypeof.describe(concat) != null) {
            // parts of no fixed size (raw payloads, integers): nft reads their lengths from the key's typeof, as nft writes it
            return new SetUserdata(SetUserdata.byteOrder(field), SetUserdata.ABSENT, false, SetTypeof.describe(concat), null,
                    SetUserdata.ABSENT, null).encode();
        }
        return SetUserdata.keyOnly(SetUserdata.byteOrder(field)).encode();
    }

    /**
     * The userdata of an anonymous verdict map: the key's byte order; for a concatenation with parts of no
     * fixed size, also the key's and the data's typeof, as nft writes them (nft cannot list the elements without).
     */
    private static byte[] verdictMapUserdata(Field field) {
        if (field instanceof ConcatField concat && concat.fields().stream().anyMatch(f -> f.datatype().length() == 0)
                && SetTypeof.describe(concat) != null) {
            return new SetUserdata(SetUserdata.INVALID, SetUserdata.INVALID, false, SetTypeof.describe(concat),
                    SetTypeof.verdictDescription(), 0, null).encode();
        }
        return keyByteOrder(field);
    }

    /** The key's and the data's byte order ({@code NFTNL_UDATA_SET_KEYBYTEORDER}, {@code NFTNL_UDATA_SET_DATABYTEORDER}). */
    private static byte[] byteOrders(Field key, Datatype data) {
        return new SetUserdata(SetUserdata.byteOrder(key), SetUserdata.byteOrder(data), false, null, null, SetUserdata.ABSENT,
                null).encode();
    }

    /** The set userdata that says each data value is a range ({@code NFTNL_UDATA_SET_DATA_INTERVAL}), as nft adds it. */
    private static byte[] withDataInterval(byte[] userdata) {
        SetUserdata u = SetUserdata.decode(userdata);
        return new SetUserdata(u.keyByteOrder(), u.dataByteOrder(), u.autoMerge(), u.keyTypeof(), u.dataTypeof(), 1,
                u.comment()).encode();
    }

    /** {@code NFT_DATA_VERDICT}: the data type of verdict maps. */
    static final int VERDICT_DATA = 0xffffff00;

    private static BigInteger[] bounds(Value v) {
        return switch (v) {
            case Value.Single s -> new BigInteger[]{number(s.bytes()), number(s.bytes())};
            case Value.Prefix p -> new BigInteger[]{number(p.address()), number(p.last())};
            case Value.Range r -> new BigInteger[]{number(r.low()), number(r.high())};
            default -> throw new IllegalArgumentException("not a map key: " + v);
        };
    }

    /**
     * The elements of an interval map: each range's start with its data, and an end marker after
     * it unless the next range starts right there (or the range runs to the end of the key space),
     * as nft writes them.
     *
     * @throws IllegalArgumentException when ranges overlap
     */
    static List<SetElement> intervalMapElements(List<BigInteger[]> bounds, List<nftlink.nftables.expr.Data> data, int length,
                                                String what) {
        return intervalMapElements(bounds, data, List.of(), length, what);
    }

    /**
     * As {@link #intervalMapElements(List, List, int, String)}, each range's start element with the
     * stateful expressions of its statements ({@code statements} empty when none has any).
     */
    static List<SetElement> intervalMapElements(List<BigInteger[]> bounds, List<nftlink.nftables.expr.Data> data,
                                                List<List<Statement>> statements, int length, String what) {
        List<Intervals.Interval> intervals = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            BigInteger[] r = bounds.get(i);
            if (r[0].compareTo(r[1]) > 0) {
                throw new IllegalArgumentException("a range of a " + what + " has its bounds the wrong way round");
            }
            SetElement start = SetElement.of(Intervals.bytes(r[0], length), data.get(i));
            intervals.add(new Intervals.Interval(r[0], r[1], statements.isEmpty() ? start : stateful(start, statements.get(i))));
        }
        intervals.sort(Comparator.comparing(Intervals.Interval::low));
        try {
            return Intervals.elements(intervals, length, false);
        } catch (Intervals.OverlapException e) {
            throw new IllegalArgumentException(what + " ranges overlap");
        }
    }

    /** Sorted, merged intervals as the kernel wants them: start elements and end-of-range markers. */
    static List<SetElement> intervalElements(Value.SetLiteral literal, int length) {
        List<BigInteger[]> ranges = new ArrayList<>();
        for (int i = 0; i < literal.items().size(); i++) {
            Value v = literal.items().get(i);
            BigInteger index = BigInteger.valueOf(i);
            switch (v) {
                case Value.Single s -> ranges.add(new BigInteger[]{number(s.bytes()), number(s.bytes()), index});
                case Value.Prefix p -> ranges.add(new BigInteger[]{number(p.address()), number(p.last()), index});
                case Value.Range r -> ranges.add(new BigInteger[]{number(r.low()), number(r.high()), index});
                default -> throw new IllegalArgumentException("not a set item: " + v);
            }
        }
        ranges.sort(Comparator.comparing(r -> r[0]));
        List<BigInteger[]> merged = new ArrayList<>();
        for (BigInteger[] r : ranges) {
            if (!merged.isEmpty() && r[0].compareTo(merged.getLast()[1]) <= 0) {
                BigInteger[] last = merged.getLast();
                last[1] = last[1].max(r[1]);
            } else {
                merged.add(r.clone());
            }
        }
        List<Intervals.Interval> intervals = new ArrayList<>();
        for (BigInteger[] r : merged) {
            // the merged interval carries what its first item carries
            SetElement start = stateful(SetElement.of(Intervals.bytes(r[0], length)), literal.statementsOf(r[2].intValue()));
            intervals.add(new Intervals.Interval(r[0], r[1], start));
        }
        return Intervals.elements(intervals, length, true);
    }

    static BigInteger number(Bytes b) {
        return new BigInteger(1, b.toArray());
    }

    /** Linearizes and returns the operations; convenience for {@code linearize(spec, ids).operations()}. */
    public static List<NftOperation> operations(RuleSpec spec, BatchIds ids) {
        return linearize(spec, ids).operations();
    }

}
