package nftlink.nftables.lang;

import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.KernelFlag;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Dup;
import nftlink.nftables.expr.Dynset;
import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Fwd;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Last;
import nftlink.nftables.expr.Log;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Notrack;
import nftlink.nftables.expr.Objref;
import nftlink.nftables.expr.Queue;
import nftlink.nftables.expr.Reject;
import nftlink.nftables.expr.Synproxy;
import nftlink.nftables.expr.Tproxy;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Linearizer.AnonymousSet;
import nftlink.nftables.lang.Linearizer.Binding;
import nftlink.nftables.lang.Linearizer.Result;

import java.util.ArrayList;
import java.util.List;

/** Linearizes one statement of a rule into the context's expressions, one method per statement family. */
final class LinearizeStatements {

    private static final int REG = NfTablesUapi.NFT_REG_1;

    private LinearizeStatements() {
    }

    /** Adds the expressions of {@code s} (and what it depends on) to {@code ctx}. */
    static void statement(LinearizeContext ctx, Statement s) {
        List<Expression> out = ctx.out();
        switch (s) {
            case Match m -> LinearizeMatches.match(ctx, m);
            case Statement.VerdictStatement v -> out.add(Immediate.verdict(v.verdict()));
            case Statement.ChainBinding b -> chainBinding(ctx, b);
            case Statement.CounterStatement c -> out.add(StatefulStatements.expression(c));
            case Statement.MetaSet ms -> {
                out.add(Immediate.value(REG, ms.value()));
                out.add(new Meta.Set(ms.field().key(), REG));
            }
            case Statement.QueueStatement q -> queue(ctx, q);
            case Statement.TproxyStatement t -> tproxy(ctx, t);
            case Statement.SynproxyStatement sp -> out.add(new Synproxy(sp.mss() == null ? 0 : sp.mss(),
                    sp.wscale() == null ? 0 : sp.wscale(), SynproxyFlag.options(sp.mss(), sp.wscale(), sp.flags())));
            case Statement.DupStatement d -> dup(ctx, d);
            case Statement.FwdStatement f -> fwd(ctx, f);
            case Statement.PayloadSet ps -> {
                LinearizeDependencies.depend(ctx, ps.field().text(), ps.field().dependencies(ctx.spec().family()));
                out.addAll(PayloadWrite.linearize(ps.field(), ps.value()));
            }
            case Statement.ObjectReference o -> out.add(new Objref.Named(o.type().number(), o.object()));
            case Statement.ObjectMap om -> objectMap(ctx, om);
            case Statement.TcpOptionReset r -> out.add(new Exthdr.Reset(r.kind()));
            case Statement.ConnlimitStatement cl -> out.add(StatefulStatements.expression(cl));
            case Statement.LastStatement l -> out.add(l.usedMillis() == null ? Last.never() : new Last(1, l.usedMillis()));
            case Statement.DynsetStatement d -> dynset(ctx, d);
            case Statement.SetFromField sf -> setFromField(ctx, sf);
            case Statement.CtSet cs -> {
                out.add(Immediate.value(REG, cs.value()));
                out.add(new Ct.Set(cs.field().key(), REG, cs.field().direction()));
            }
            case Statement.KernelExpression k -> out.add(k.expression());
            case Statement.VerdictMap v -> verdictMap(ctx, v);
            case Statement.LogStatement l -> out.add(new Log(l.prefix(), l.level() == null ? null : l.level().number(),
                    l.flags().isEmpty() ? null : LogFlag.bits(l.flags()), l.group(), l.snaplen(), l.queueThreshold()));
            case Statement.LimitStatement l -> out.add(StatefulStatements.expression(l));
            case Statement.QuotaStatement q -> out.add(StatefulStatements.expression(q));
            case Statement.NotrackStatement n -> out.add(new Notrack());
            case Statement.RejectStatement r -> reject(ctx, r);
            case Statement.NatStatement n -> LinearizeNat.nat(ctx, n);
            case Statement.MasqueradeStatement m -> LinearizeNat.masquerade(ctx, m);
            case Statement.RedirectStatement r -> LinearizeNat.redirect(ctx, r);
        }
    }

    /** {@code jump { ... }}: the anonymous chain with its rules linearized, and the jump to its ID. */
    private static void chainBinding(LinearizeContext ctx, Statement.ChainBinding b) {
        RuleSpec spec = ctx.spec();
        int id = ctx.ids().nextChain();
        List<Result> rules = new ArrayList<>();
        for (RuleSpec inner : b.rules()) {
            rules.add(Linearizer.linearize(new RuleSpec(spec.family(), spec.table(), spec.chain(), inner.statements(),
                    inner.comment(), 0), ctx.ids()));
        }
        ctx.bindings().add(new Binding(id, rules));
        ctx.out().add(Immediate.verdict(Verdict.toChainId(b.goTo(), id)));
    }

    /** A queue statement: to a queue number computed from the packet, or to a fixed range of queues. */
    private static void queue(LinearizeContext ctx, Statement.QueueStatement q) {
        if (q.source() != null) {
            loadSource(ctx, q.source());
            ctx.out().add(new Queue.FromRegister(REG, q.flags().isEmpty() ? null : KernelFlag.bits(q.flags())));
        } else {
            ctx.out().add(new Queue.Fixed(q.first(), q.last() - q.first() + 1, q.flags().isEmpty() ? null : KernelFlag.bits(q.flags())));
        }
    }

    /** A tproxy statement: the address and the port in consecutive registers, the family the rule's unless given. */
    private static void tproxy(LinearizeContext ctx, Statement.TproxyStatement t) {
        List<Expression> out = ctx.out();
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
        Family ruleFamily = ctx.spec().family();
        int family = t.family() != 0 ? t.family() : ruleFamily == Family.IP ? NfTablesUapi.NFPROTO_IPV4
                : ruleFamily == Family.IP6 ? NfTablesUapi.NFPROTO_IPV6 : 0;
        out.add(new Tproxy(family, addr, port));
    }

    /** A dup statement: to a device or an address computed from the packet, or to a given address and device. */
    private static void dup(LinearizeContext ctx, Statement.DupStatement d) {
        List<Expression> out = ctx.out();
        if (d.deviceSource() != null) {
            loadSource(ctx, d.deviceSource());
            out.add(new Dup(null, REG));
            return;
        }
        if (d.addressSource() != null) {
            loadSource(ctx, d.addressSource());
            Integer dev = null;
            if (d.device() != null) {
                out.add(Immediate.value(REG + 1, Bytes.u32(d.device())));
                dev = REG + 1;
            }
            out.add(new Dup(REG, dev));
            return;
        }
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
        out.add(new Dup(addr, dev));
    }

    /** A fwd statement: to a device computed from the packet, or to a given device (and next hop). */
    private static void fwd(LinearizeContext ctx, Statement.FwdStatement f) {
        List<Expression> out = ctx.out();
        if (f.deviceSource() != null) {
            loadSource(ctx, f.deviceSource());
            out.add(new Fwd(REG, null, null));
            return;
        }
        out.add(Immediate.value(REG, Bytes.u32(f.device())));
        if (f.address() != null) {
            out.add(Immediate.value(REG + 1, f.address()));
            out.add(new Fwd(REG, REG + 1, f.address().length() == 4 ? NfTablesUapi.NFPROTO_IPV4 : NfTablesUapi.NFPROTO_IPV6));
        } else {
            out.add(new Fwd(REG, null, null));
        }
    }

    /** An object map ({@code counter name KEY map { ... }}): the key's load and the lookup of the object's name. */
    private static void objectMap(LinearizeContext ctx, Statement.ObjectMap om) {
        List<Expression> out = ctx.out();
        LinearizeDependencies.requireTunnelTransport(ctx, om.key());
        LinearizeDependencies.depend(ctx, om.key().text(), om.key().dependencies(ctx.spec().family()));
        out.addAll(om.named() != null && BitValue.applies(om.key()) ? BitValue.loads(om.key(), REG) : om.key().loads(REG));
        if (om.hasIntervals() && LinearizeByteOrder.ordersHostBytes(om.key())) {
            out.add(LinearizeByteOrder.hton(om.key()));
        }
        if (om.named() != null) {
            out.add(new Objref.Mapped(REG, om.named(), 0));
        } else {
            AnonymousSet map = LinearizeSets.anonymousObjectMap(ctx.spec(), ctx.ids(), om);
            ctx.sets().add(map);
            out.add(new Objref.Mapped(REG, map.set().name(), map.set().id()));
        }
    }

    /** A dynamic set or map update: the key (and data) loaded, then the dynset with its stateful expressions. */
    private static void dynset(LinearizeContext ctx, Statement.DynsetStatement d) {
        List<Expression> out = ctx.out();
        Family family = ctx.spec().family();
        List<Match> deps = new ArrayList<>(d.key().dependencies(family));
        if (d.data() != null) {
            deps.addAll(d.data().dependencies(family));
        }
        LinearizeDependencies.depend(ctx, d.key().text(), deps);
        out.addAll(BitValue.applies(d.key()) ? BitValue.loads(d.key(), REG) : d.key().loads(REG));
        Integer dataRegister = null;
        if (d.data() != null) {
            dataRegister = dynsetDataRegister(d.key());
            out.addAll(d.data().loads(dataRegister));
        }
        // the kernel takes a list of expressions only with NFT_DYNSET_F_EXPR
        Integer dynsetFlags = d.stateful().size() > 1 ? NfTablesUapi.NFT_DYNSET_F_EXPR : null;
        Long timeout = d.timeout() == null ? null : d.timeout().toMillis();
        out.add(new Dynset(d.op().number(), REG, dataRegister, d.set(), 0, timeout,
                d.stateful().stream().map(StatefulStatements::expression).toList(), dynsetFlags));
    }

    /** {@code TARGET set SOURCE}: a header changed in place, a tcp option, a header from a map, or a meta or ct key. */
    private static void setFromField(LinearizeContext ctx, Statement.SetFromField sf) {
        List<Expression> out = ctx.out();
        Family family = ctx.spec().family();
        if (sf.changesHeader()) {
            MaskedField m = (MaskedField) sf.source();
            LinearizeDependencies.depend(ctx, sf.target().text(), sf.target().dependencies(family));
            out.addAll(PayloadWrite.linearize(sf.target(), m.mask(), m.xor()));
        } else if (sf.writesOption()) {
            ExthdrField x = (ExthdrField) sf.target();
            LinearizeDependencies.depend(ctx, x.text(), x.dependencies(family));
            loadSource(ctx, sf.source());
            if (sf.source().datatype().hostOrder()) {
                // the value in network order, as the header holds it
                out.add(new Byteorder(Byteorder.Op.HTON, REG, REG, x.length(), x.length(), false));
            }
            out.add(new Exthdr.Write(x.op(), x.type(), x.bitOffset() / 8, x.length(), REG, null));
        } else if (sf.writesHeader()) {
            LinearizeDependencies.depend(ctx, sf.target().text(), sf.target().dependencies(family));
            loadSource(ctx, sf.source());
            if (swapsToHeader(sf.target(), sf.source())) {
                // the header holds the value in network order: nft swaps a host-order value first
                out.add(new Byteorder(Byteorder.Op.HTON, REG, REG, sf.source().length(), sf.source().length()));
            }
            out.add(PayloadWrite.write((PayloadField) sf.target()));
        } else if (masksAfterSwap(sf.target(), sf.source())) {
            MaskedField m = (MaskedField) sf.source();
            loadSource(ctx, m.field());
            if (swapsBeforeMask(m)) {
                out.add(new Byteorder(Byteorder.Op.NTOH, REG, REG, m.field().length(), swapUnit(m.field().length())));
            }
            out.add(hostOrderMask(m));
            out.add(sf.target() instanceof MetaField meta ? new Meta.Set(meta.key(), REG)
                    : new Ct.Set(((CtField) sf.target()).key(), REG, ((CtField) sf.target()).direction()));
        } else {
            loadSource(ctx, sf.source());
            if (swapsToMark(sf.target(), sf.source())) {
                // a mark holds the value in host order: nft swaps a network-order header field first
                out.add(new Byteorder(Byteorder.Op.NTOH, REG, REG, sf.source().length(), swapUnit(sf.source().length())));
            }
            out.add(sf.target() instanceof MetaField meta ? new Meta.Set(meta.key(), REG)
                    : new Ct.Set(((CtField) sf.target()).key(), REG, ((CtField) sf.target()).direction()));
        }
    }

    /** A verdict map: the field's load and the lookup in a named map or in the anonymous map of its entries. */
    private static void verdictMap(LinearizeContext ctx, Statement.VerdictMap v) {
        List<Expression> out = ctx.out();
        LinearizeDependencies.requireTunnelTransport(ctx, v.field());
        LinearizeDependencies.depend(ctx, v.field().text(), v.field().dependencies(ctx.spec().family()),
                LinearizeDependencies.networkHeaderOption(v.field()));
        // a named map holds a bit field's values (an anonymous one holds the bits in place); nft moves an
        // extension header's bits down without the ntoh before a named verdict map, whatever the rule said before
        boolean shifted = v.named() == null && v.hasIntervals() && BitValue.shiftsForIntervals(v.field());
        out.addAll(v.named() != null && BitValue.applies(v.field()) ? BitValue.lookupLoads(v.field(), REG, false)
                : shifted ? BitValue.intervalLoads(v.field(), REG) : v.field().loads(REG));
        if (v.named() != null) {
            out.add(new Lookup(v.named(), 0, REG, NfTablesUapi.NFT_REG_VERDICT, null));
        } else {
            AnonymousSet map = LinearizeSets.anonymousMap(ctx.spec(), ctx.ids(), v);
            ctx.sets().add(map);
            if (v.hasIntervals() && LinearizeByteOrder.ordersHostBytes(v.field())) {
                // the map holds host-order keys as big-endian numbers, as nft writes it
                out.add(LinearizeByteOrder.hton(v.field()));
            }
            out.add(new Lookup(map.set().name(), map.set().id(), REG, NfTablesUapi.NFT_REG_VERDICT, null));
        }
    }

    /**
     * A reject statement: refused after a match of a link protocol other than ip and ip6; what it needs (the
     * address family, tcp for resets) goes to the start of the rule.
     */
    private static void reject(LinearizeContext ctx, Statement.RejectStatement r) {
        for (Match e : ctx.established()) {
            if (LinearizeDependencies.protocolClass(e.field()) == 3 && e.op() == Match.Op.EQ && e.value() instanceof Value.Single v
                    && v.bytes().asBigEndian() != 0x0800 && v.bytes().asBigEndian() != 0x86dd
                    && v.bytes().asBigEndian() != 0x8100) {
                // (a vlan tag may carry either)
                throw new IllegalArgumentException("conflicting protocols specified: reject answers ip and ip6 "
                        + "packets, the rule matches " + e.field().text() + " " + e.field().datatype().print(v.bytes()));
            }
        }
        for (Match dependency : LinearizeDependencies.rejectDependencies(ctx.spec().family(), r)) {
            LinearizeDependencies.checkConflict("reject", dependency, ctx.established());
            if (LinearizeDependencies.impliedBy(dependency, ctx.established())
                    || LinearizeDependencies.networkByEtherType(dependency, ctx.established())
                    || LinearizeDependencies.impliedByCt(ctx.spec().family(), dependency, ctx.established())) {
                // ether type ip, ip protocol tcp, ct l3proto ipv6: the rule already says what the reject needs
                continue;
            }
            if (ctx.established().add(dependency)) {
                ctx.atStart().add(dependency);
            }
        }
        ctx.out().add(switch (r.kind()) {
            case ICMP, ICMPV6 -> new Reject(NfTablesUapi.NFT_REJECT_ICMP_UNREACH, r.code());
            case ICMPX -> new Reject(NfTablesUapi.NFT_REJECT_ICMPX_UNREACH, r.code());
            case TCP_RESET -> new Reject(NfTablesUapi.NFT_REJECT_TCP_RST, 0);
        });
    }

    /** Loads a value computed from the packet into register 1, after its dependencies (an anonymous map first). */
    /** The unit nft swaps {@code length} bytes in: 8 bytes, 4, else 2 ({@code ntoh(reg 1, 2, 3)} for 3 bytes). */
    private static int swapUnit(int length) {
        return length % 8 == 0 ? 8 : length % 4 == 0 ? 4 : 2;
    }

    /**
     * Whether {@code source} is a field narrower than the mark {@code target} with constants applied, which nft turns
     * into a host-order number first (swapped where it is in network order) and then masks as a 32-bit number
     * ({@code meta mark set tcp dport & 0xff}, {@code meta mark set ip ttl & 0xf}).
     */
    static boolean masksAfterSwap(Field target, Field source) {
        return source instanceof MaskedField m && StatementChecks.markFromInteger(target, source)
                && !(m.field() instanceof ComputedField) && m.field().length() < target.length();
    }

    /** Whether nft swaps the masked field of {@link #masksAfterSwap} to host order: 2 bytes or more in network order. */
    static boolean swapsBeforeMask(MaskedField m) {
        return m.field().length() >= 2 && !m.field().datatype().hostOrder();
    }

    /**
     * The 32-bit host-order mask and xor nft applies after the swap: the field's constants as numbers, the bits above
     * the field kept by an or or xor alone and cleared otherwise (nft's constants are 32-bit numbers).
     */
    static Bitwise.MaskXor hostOrderMask(MaskedField m) {
        int bits = m.field().length() * 8;
        long above = m.isOr() || m.isXor() ? 0xffffffffL << bits & 0xffffffffL : 0;
        long mask = above | number(m.field(), m.mask());
        return new Bitwise.MaskXor(REG, REG, Bytes.u32((int) mask), Bytes.u32((int) number(m.field(), m.xor())));
    }

    /** A constant of {@code field} (in its register form) as a number: little-endian for a host-order field. */
    static long number(Field field, Bytes constant) {
        long value = 0;
        for (int k = 0; k < constant.length(); k++) {
            int at = field.datatype().hostOrder() ? constant.length() - 1 - k : k;
            value = value << 8 | constant.get(at) & 0xff;
        }
        return value;
    }

    /**
     * Whether writing the header field {@code target} from {@code source} swaps a host-order value to network order
     * first: numgen's or a hash's number, a host-order key ({@code ip id set ct zone}), swapped at its own length
     * whatever the field's ({@code ip id set meta length} writes the first two bytes of the swapped 32-bit number).
     */
    static boolean swapsToHeader(Field target, Field source) {
        return target instanceof PayloadField && (StatementArgument.computesNumber(source) || source.datatype().hostOrder())
                && !target.datatype().hostOrder() && source.length() >= 2;
    }

    /**
     * Whether setting {@code target} from {@code source} swaps the value to host order first: a mark from a
     * network-order value (a header field, {@code ct original ip saddr}, {@code rt ip nexthop}).
     */
    static boolean swapsToMark(Field target, Field source) {
        return StatementChecks.markFromInteger(target, source) && !(source instanceof ComputedField) && source.length() >= 2
                && !source.datatype().hostOrder() && !masksAfterSwap(target, source);
    }

    static void loadSource(LinearizeContext ctx, Field source) {
        LinearizeDependencies.requireTunnelTransport(ctx, source instanceof MapLookupField map ? map.key() : source);
        LinearizeDependencies.depend(ctx, source.text(), source.dependencies(ctx.spec().family()));
        if (source instanceof MapLookupField map && map.named() == null) {
            AnonymousSet anonymous = LinearizeSets.anonymousDataMap(ctx.spec(), ctx.ids(), map);
            ctx.sets().add(anonymous);
            ctx.out().addAll(map.loads(REG, anonymous.set().name(), anonymous.set().id()));
        } else {
            ctx.out().addAll(source.loads(REG));
        }
    }

    /**
     * The register a dynamic map update's data goes to, as nft allocates it: after the key's
     * registers, a whole 16-byte register for a single value, the concatenation's 32-bit words for a
     * concatenated key.
     */
    private static int dynsetDataRegister(Field key) {
        int slots = key instanceof ConcatField concat ? concat.length() / 4 : 4;
        return ConcatField.registerAt(REG, slots);
    }
}
