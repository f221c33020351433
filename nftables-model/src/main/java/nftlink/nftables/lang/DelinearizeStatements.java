package nftlink.nftables.lang;

import nftlink.nftables.KernelFlag;
import nftlink.nftables.QueueFlag;
import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.expr.Connlimit;
import nftlink.nftables.expr.Dynset;
import nftlink.nftables.expr.Last;
import nftlink.nftables.expr.Objref;
import nftlink.nftables.expr.Queue;
import nftlink.nftables.expr.Synproxy;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Limit;
import nftlink.nftables.expr.Log;
import nftlink.nftables.expr.Masq;
import nftlink.nftables.expr.Notrack;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.Quota;
import nftlink.nftables.expr.Redir;
import nftlink.nftables.expr.Reject;
import nftlink.nftables.lang.Delinearizer.SetContents;

import java.time.Duration;
import java.util.Set;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

import static nftlink.nftables.lang.DelinearizeFields.*;
import static nftlink.nftables.lang.DelinearizeMaps.*;
import static nftlink.nftables.lang.DelinearizeMatches.*;

/**
 * Statements read back from the expressions of a listed rule: one-expression actions (log,
 * limit, quota, reject, ...), extension header writes, values combined from two registers and dynamic set updates.
 */
final class DelinearizeStatements {

    private DelinearizeStatements() {
    }

    /**
     * {@code tcp option maxseg size set rt mtu}: a value from the packet ({@code source}, loaded before {@code at}), turned
     * to network order when host order, written into an extension header field; or {@code null}.
     */
    static Statement optionWrite(Field source, List<Expression> e, int at) {
        if (!(source instanceof ExpressionField)) {
            return null;
        }
        int w = at;
        if (source.datatype().hostOrder()) {
            if (w >= e.size() || !(e.get(w) instanceof Byteorder b) || b.op() != Byteorder.Op.HTON || b.sreg() != REG
                    || b.dreg() != REG || b.length() != source.length()) {
                return null;
            }
            w++;
        }
        if (w >= e.size() || !(e.get(w) instanceof Exthdr.Write write) || write.sreg() != REG) {
            return null;
        }
        for (ExthdrField x : ExthdrField.ALL) {
            if (!x.presence() && x.mask() == null && x.op() == write.op() && x.type() == write.type()
                    && x.bitOffset() / 8 == write.offset() && x.length() == write.length() && x.length() == source.length()) {
                return new Statement.SetFromField(x, source);
            }
        }
        return null;
    }

    /** The whole-byte header field {@code w} writes as nft writes it (of {@code l3} or {@code l4} when given), or {@code null}. */
    static Field writtenField(Payload.Write w, String l3, String l4, Value icmpType) {
        for (PayloadField p : PayloadField.ALL) {
            if (p.base() == w.base() && p.offset() == w.offset() && p.length() == w.length()
                    && (l3 == null && l4 == null || p.protocol().equals(l3) || p.protocol().equals(l4))
                    && DelinearizeFields.fitsIcmpType(p, icmpType)
                    && PayloadWrite.unsupported(p) == null && PayloadWrite.write(p).equals(w)) {
                return p;
            }
        }
        return null;
    }

    /** Statements that are one expression each: log, limit, quota, notrack, reject, plain masquerade and redirect. */
    static Statement action(Expression x, Family family, String l3) {
        return switch (x) {
            case Log l when (l.level() == null || LogLevel.of(l.level()).isPresent())
                    && LogFlag.of(l.flags() == null ? 0 : l.flags()).isPresent() ->
                    new Statement.LogStatement(l.prefix(), l.level() == null || l.level() == LogLevel.WARN.number() ? null
                            : LogLevel.of(l.level()).orElseThrow(), LogFlag.of(l.flags() == null ? 0 : l.flags()).orElseThrow(),
                            l.group(), l.snaplen(), l.qthreshold());
            case Limit l when TimeUnit.ofSeconds(l.unit()).isPresent() && l.flags() <= NfTablesUapi.NFT_LIMIT_F_INV
                    && (l.type() == NfTablesUapi.NFT_LIMIT_PKTS || l.type() == NfTablesUapi.NFT_LIMIT_PKT_BYTES) ->
                    new Statement.LimitStatement(l.rate(), TimeUnit.ofSeconds(l.unit()).orElseThrow(),
                            Integer.toUnsignedLong(l.burst()), l.type() == NfTablesUapi.NFT_LIMIT_PKT_BYTES,
                            (l.flags() & NfTablesUapi.NFT_LIMIT_F_INV) != 0);
            case Quota q -> new Statement.QuotaStatement(q.bytes(), q.consumed(), (q.flags() & 1) != 0);
            case Notrack n -> new Statement.NotrackStatement();
            case Exthdr.Reset r -> new Statement.TcpOptionReset(r.type());
            case Connlimit cl when cl.flags() == null || cl.flags() <= 1 ->
                    new Statement.ConnlimitStatement(cl.count(), cl.flags() != null && cl.flags() == 1);
            case Objref.Named o when !o.object().isEmpty() && ObjectType.of(o.type()).isPresent() ->
                    new Statement.ObjectReference(ObjectType.of(o.type()).orElseThrow(), o.object());
            case Last l when l.msecs() == null || l.set() != null ->
                    new Statement.LastStatement(l.msecs() == null || l.set() == null || l.set() == 0 ? null : l.msecs());
            case Queue.Fixed q -> queueFlags(q.flags()).map(flags -> new Statement.QueueStatement(q.num(),
                    q.num() + (q.total() == null ? 1 : q.total()) - 1, flags, null)).orElse(null);
            case Synproxy sp -> synproxy(sp);
            case Reject r when r.type() == NfTablesUapi.NFT_REJECT_TCP_RST -> new Statement.RejectStatement(RejectKind.TCP_RESET, 0);
            case Reject r when r.type() == NfTablesUapi.NFT_REJECT_ICMPX_UNREACH && r.code() != null ->
                    new Statement.RejectStatement(RejectKind.ICMPX, r.code());
            case Reject r when r.type() == NfTablesUapi.NFT_REJECT_ICMP_UNREACH && r.code() != null ->
                    new Statement.RejectStatement("ip6".equals(l3) || family == Family.IP6
                            ? RejectKind.ICMPV6 : RejectKind.ICMP, r.code());
            case Masq m when m.protoMin() == null -> new Statement.MasqueradeStatement(null, null,
                    NatFlag.of(m.flags() == null ? 0 : m.flags()));
            case Redir r when r.protoMin() == null -> new Statement.RedirectStatement(null, null,
                    NatFlag.of(r.flags() == null ? 0 : r.flags()));
            default -> null;
        };
    }

    /** A combination of values read from {@code at}, and where reading stopped. */
    record Combined(Field field, int next) {
    }

    /**
     * {@code left} combined with values loaded into the next register, {@code bitwise reg 1 = ( reg 1 |
     * reg 2 )} for each, then perhaps a constant ({@code | 0x200}); {@code null} when none follows.
     */
    static Combined combinedAt(Field left, List<Expression> e, int at, String l3, String l4, LinkLayers link,
                               TunnelLayers tunnels) {
        int right = REG + 1;
        Field value = left;
        int k = at;
        boolean any = false;
        while (k + 1 < e.size()) {
            Field operand = null;
            int next = k + 1;
            if (e.get(k + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == right && mx.dreg() == right && isZero(mx.xor())) {
                // a bit field: its bits masked out, then moved down
                operand = bitFieldOf(e.get(k), right, mx.mask(), l3, l4, link, tunnels);
                next = k + 2;
            }
            if (operand == null) {
                operand = fieldOf(e.get(k), right, l3, l4, link, null, tunnels);
                next = k + 1;
            }
            if (operand == null) {
                break;
            }
            BinopField.Read computed = BinopField.read(operand, e, next, right);
            if (computed != null) {
                operand = computed.field();
                next = computed.next();
            } else if (next < e.size() && e.get(next) instanceof Bitwise.MaskXor mx && mx.sreg() == right && mx.dreg() == right
                    && mx.mask().length() == operand.length()) {
                MaskedField masked = new MaskedField(operand, mx.mask(), mx.xor());
                if (!isZero(mx.xor()) && !masked.isOr()) {
                    break;
                }
                operand = masked;
                next++;
            }
            if (next >= e.size() || !(e.get(next) instanceof Bitwise.Bool b) || b.sreg() != REG || b.sreg2() != right
                    || b.dreg() != REG || CombinedField.Op.ofCode(b.op()) == null) {
                break;
            }
            try {
                value = new CombinedField(value, CombinedField.Op.ofCode(b.op()), operand);
            } catch (IllegalArgumentException notCombinable) {
                return null;
            }
            any = true;
            k = next + 1;
        }
        if (!any) {
            return null;
        }
        if (k < e.size() && e.get(k) instanceof Bitwise.MaskXor mx && mx.sreg() == REG && mx.dreg() == REG && mx.mask().length() == 4) {
            MaskedField masked = new MaskedField(value, mx.mask(), mx.xor());
            if (isZero(mx.xor()) || masked.isOr()) {
                return new Combined(masked, k + 1);
            }
        }
        return new Combined(value, k);
    }

    /** A dynset statement read from the loads of its key (and data) and the dynset, with how many expressions it took. */
    record Dynsetted(Statement.DynsetStatement statement, int consumed) {
    }

    /** A dynamic set update from the loads of its key (and data) at {@code at} to its dynset, or {@code null}. */
    static Dynsetted dynset(List<Expression> e, int at, String l3, String l4, LinkLayers link, TunnelLayers tunnels,
                            SetContents sets) {
        Dynset update = null;
        for (int k = at; k < e.size() && update == null; k++) {
            if (e.get(k) instanceof Dynset d) {
                update = d;
            }
        }
        if (update == null || SetOperation.of(update.op()).isEmpty()) {
            return null;
        }
        // the data is loaded right after the key: a concatenated key ends where the data's register begins
        int dataRegister = update.sregData() == null ? -1 : update.sregData();
        int keyType = sets == null ? 0 : sets.keyType(update.set());
        List<Datatype> keyParts = keyType == 0 ? null : Datatype.parts(keyType);
        List<Integer> keyLengths = keyParts == null ? null : partLengths(keyParts, sets.keyLengths(update.set()));
        Concat found = concatAt(e, at, REG, l3, l4, link, tunnels, dataRegister, keyParts, keyLengths);
        ConcatField concat = found == null ? null : found.field();
        Field key = concat != null ? concat : dynsetSingleKey(e.get(at), l3, l4, link, tunnels, keyParts);
        int keyLoads = concat != null ? found.consumed() : 1;
        if (concat == null && at + 2 < e.size() && e.get(at + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == REG
                && mx.dreg() == REG && isZero(mx.xor())) {
            // a bit field's value: update @vlanidset { vlan id }
            Field bits = bitFieldOf(e.get(at), REG, mx.mask(), l3, l4, link, tunnels);
            int down = bits == null ? 0 : BitValue.matchDown(bits, e, at + 2, REG);
            if (bits != null && (down > 0 || BitValue.down(bits, REG).isEmpty())) {
                key = bits;
                keyLoads = 2 + down;
            }
        }
        if (key == null) {
            return null;
        }
        int next = at + keyLoads;
        Field data = null;
        if (next < e.size() && !(e.get(next) instanceof Dynset)) {
            if (dataRegister < 0) {
                return null;
            }
            if (e.get(next) instanceof Immediate) {
                // constant data: one immediate per part of the map's data type, from the dynset's data register
                Constant constant = constantData(e, next, dataRegister, sets, update.set());
                if (constant == null) {
                    return null;
                }
                data = constant.field();
                next += constant.consumed();
            } else {
                Concat dataConcat = concatAt(e, next, dataRegister, l3, l4, link, tunnels, -1, null, null);
                data = dataConcat != null ? dataConcat.field() : fieldOf(e.get(next), dataRegister, l3, l4, link, null, tunnels);
                if (data == null) {
                    return null;
                }
                next += dataConcat != null ? dataConcat.consumed() : 1;
            }
        }
        if (next >= e.size() || !(e.get(next) instanceof Dynset d) || d.sregKey() != REG
                || (d.sregData() == null) != (data == null)) {
            return null;
        }
        List<Statement> stateful = new ArrayList<>();
        for (Expression x : d.expressions()) {
            Statement s = x instanceof Counter c ? new Statement.CounterStatement(c.packets(), c.bytes()) : action(x, null, null);
            if (!(s instanceof Statement.CounterStatement || s instanceof Statement.LimitStatement
                    || s instanceof Statement.QuotaStatement || s instanceof Statement.ConnlimitStatement)) {
                return null;
            }
            stateful.add(s);
        }
        Duration timeout = d.timeout() == null || d.timeout() == 0 ? null : Duration.ofMillis(d.timeout());
        return new Dynsetted(new Statement.DynsetStatement(SetOperation.of(d.op()).orElseThrow(), d.set(), key, data, timeout, stateful), next - at + 1);
    }

    /**
     * The single key of a dynamic set update: a field from the packet, or a constant of the set's key
     * type ({@code add @m { 10.2.3.4 timeout 2s : 0x2 }}); {@code null} when neither.
     */
    static Field dynsetSingleKey(Expression x, String l3, String l4, LinkLayers link, TunnelLayers tunnels,
                                 List<Datatype> keyParts) {
        if (x instanceof Immediate imm && imm.dreg() == REG && imm.data() instanceof NftData.Value v
                && keyParts != null && keyParts.size() == 1 && v.bytes().length() == keyParts.getFirst().length()) {
            return new ConstantField(keyParts, List.of(v.bytes()));
        }
        return fieldOf(x, REG, l3, l4, link, null, tunnels);
    }
    /** The queue flags of an {@code NFTA_QUEUE_FLAGS} value ({@code null}: none); empty when a bit has no word. */
    static Optional<Set<QueueFlag>> queueFlags(Integer bits) {
        return KernelFlag.exactly(QueueFlag.class, bits == null ? 0 : bits);
    }

    /**
     * A synproxy expression as the statement: mss and wscale where their option bits say they were given (as
     * nft prints them: a value without its bit is not shown); {@code null} when the expression has option bits
     * nft has no words for.
     */
    private static Statement.SynproxyStatement synproxy(Synproxy sp) {
        int bits = sp.flags() == null ? 0 : sp.flags();
        boolean hasMss = (bits & NfTablesUapi.NF_SYNPROXY_OPT_MSS) != 0;
        boolean hasWscale = (bits & NfTablesUapi.NF_SYNPROXY_OPT_WSCALE) != 0;
        var flags = KernelFlag.exactly(SynproxyFlag.class, bits & ~(NfTablesUapi.NF_SYNPROXY_OPT_MSS | NfTablesUapi.NF_SYNPROXY_OPT_WSCALE));
        if (flags.isEmpty()) {
            return null;
        }
        return new Statement.SynproxyStatement(hasMss ? (sp.mss() == null ? 0 : sp.mss()) : null,
                hasWscale ? (sp.wscale() == null ? 0 : sp.wscale()) : null, flags.orElseThrow());
    }
}
