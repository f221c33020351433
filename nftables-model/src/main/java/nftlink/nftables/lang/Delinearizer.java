package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Data;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Exthdr;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Inner;
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
import nftlink.nftables.expr.Socket;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a listed kernel rule back into the rule language the way {@code nft list}
 * does: loads and comparisons become matches, protocol dependencies implied by a
 * later match are folded away, shortened loads and masks become prefixes, paired
 * comparisons become ranges, anonymous sets are read back into set literals.
 * Expressions it cannot express stay {@link Statement.KernelExpression}s.
 */
public final class Delinearizer {

    private static final int REG = NfTables.NFT_REG_1;

    /** The elements of an anonymous set a listed rule looks up, by set name; {@code null} when unknown. */
    @FunctionalInterface
    public interface SetContents extends Function<String, List<SetElement>> {
        /** The {@code NFT_OBJECT_*} type of the objects an object map holds; 0 when unknown. */
        default int objectType(String set) {
            return 0;
        }

        /** The {@code NFT_DATA_*}/datatype ID of a map's data (parts 6 bits each when concatenated); 0 when unknown. */
        default int dataType(String set) {
            return 0;
        }

        /** The datatype ID of a set's key (parts 6 bits each when concatenated); 0 when unknown. */
        default int keyType(String set) {
            return 0;
        }

        /** The bytes of each part of a set's concatenated key ({@code NFTA_SET_DESC_CONCAT}); empty when unknown. */
        default List<Integer> keyLengths(String set) {
            return List.of();
        }
    }

    private Delinearizer() {
    }

    /** Delinearizes {@code rule}; anonymous sets are looked up through {@code sets}. */
    public static RuleSpec delinearize(Rule rule, SetContents sets) {
        List<Expression> e = rule.expressions();
        List<Statement> out = new ArrayList<>();
        String l4 = null;
        Value icmpType = null;
        String l3 = switch (rule.family()) {
            case IP -> "ip";
            case IP6 -> "ip6";
            case ARP -> "arp";
            default -> null;
        };
        TunnelLayers tunnels = TunnelLayers.of(e);
        boolean updatesSet = e.stream().anyMatch(nftlink.nftables.expr.Dynset.class::isInstance);
        int vlanTags = 0;
        int i = 0;
        while (i < e.size()) {
            Expression x = e.get(i);
            int consumed = 0;
            Statement s = null;
            Concat found = concatAt(e, i, l3, l4, tunnels);
            if (found == null) {
                found = concatWithConstants(e, i, l3, l4, tunnels, sets);
            }
            ConcatField concat = found == null ? null : found.field();
            if (concat != null) {
                int loads = found.consumed();
                if (i + loads < e.size() && e.get(i + loads) instanceof nftlink.nftables.expr.Objref.Mapped om
                        && om.sreg() == REG) {
                    // ct helper set ip protocol . th dport map { ... }
                    s = objectMap(concat, om, sets);
                    consumed = s == null ? 0 : loads + 1;
                } else if (i + loads < e.size() && e.get(i + loads) instanceof Lookup l && l.sreg() == REG) {
                    if (l.dreg() == NfTables.NFT_REG_VERDICT) {
                        s = verdictMap(concat, l, sets);
                    } else if (l.dreg() < 0) {
                        Matched m = matchAfterLoad(concat, -1, e, i + loads, sets);
                        s = m == null ? null : m.match();
                    } else if (l.dreg() == REG && i + loads + 1 < e.size()) {
                        // meta|ct KEY set CONCAT map ...
                        MapLookupField map = dataMap(concat, l, e.get(i + loads + 1), sets, false);
                        Field target = switch (e.get(i + loads + 1)) {
                            case Meta.Set ms when ms.sreg() == REG -> MetaField.of(ms.key());
                            case Ct.Set cs when cs.sreg() == REG -> CtField.of(cs.key(), cs.direction());
                            default -> null;
                        };
                        if (map != null && target != null && target.length() == map.length()) {
                            s = new Statement.SetFromField(target, map);
                            consumed = loads + 2;
                        } else if (map != null) {
                            // nat, dup or fwd to what CONCAT map ... gives
                            Natted computed = computedTarget(map, e, i + loads + 1);
                            if (computed != null) {
                                s = computed.statement();
                                consumed = loads + 1 + computed.consumed();
                            }
                        }
                    }
                    consumed = s == null ? 0 : consumed > 0 ? consumed : loads + 1;
                }
            }
            Field field = s == null ? fieldOf(x, l3, l4, icmpType, tunnels) : null;
            int loadCount = 1;
            if (s == null && field == null) {
                HashField hash = jhashAt(e, i, l3, l4, tunnels);
                if (hash != null) {
                    field = hash;
                    loadCount = (hash.key() instanceof ConcatField c ? c.fields().size() : 1) + 1;
                }
            }
            if (s == null && i + 2 < e.size() && e.get(i + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == REG
                    && mx.dreg() == REG && isZero(mx.xor())) {
                Field bits = bitFieldOf(x, mx.mask(), l3, l4, tunnels);
                if (bits != null) {
                    field = bits;
                    loadCount = 2;
                }
            }
            if (s == null && field != null && loadCount == 2 && BitValue.applies(field)) {
                // a bit field's value, looked up in a named set or map
                int down = BitValue.matchDown(field, e, i + 2, REG);
                if (down > 0 && i + 2 + down < e.size() && e.get(i + 2 + down) instanceof Lookup l && !l.set().startsWith("__")) {
                    loadCount += down;
                }
            }
            if (s == null && field != null && i + loadCount < e.size()
                    && e.get(i + loadCount) instanceof nftlink.nftables.expr.Objref.Mapped om && om.sreg() == REG) {
                s = objectMap(field, om, sets);
                consumed = s == null ? 0 : loadCount + 1;
            }
            if (s == null && vlanTags > 1 && x instanceof Payload.Load p && p.base() == Payload.Base.LINK && p.dreg() == REG
                    && p.offset() >= 14 + 4 * (vlanTags - 1)) {
                // a field of an inner vlan tag: where the outer tag's field lies, 4 bytes further per tag
                Payload.Load outer = new Payload.Load(p.base(), p.offset() - 4 * (vlanTags - 1), p.length(), p.dreg());
                Bytes mask = i + 2 < e.size() && e.get(i + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == REG && mx.dreg() == REG
                        && isZero(mx.xor()) ? mx.mask() : null;
                Field outerField = mask != null ? bitFieldOf(outer, mask, l3, l4, tunnels) : fieldOf(outer, l3, l4, icmpType, tunnels);
                if (outerField == null && mask != null) {
                    outerField = fieldOf(outer, l3, l4, icmpType, tunnels);
                    mask = null;
                }
                if (outerField != null && PayloadField.ofVlanTag(outerField, vlanTags) != outerField) {
                    field = PayloadField.ofVlanTag(outerField, vlanTags);
                    loadCount = mask != null ? 2 : 1;
                }
            }
            if (field != null && i + loadCount < e.size() && e.get(i + loadCount) instanceof Lookup l && l.sreg() == REG
                    && l.dreg() == NfTables.NFT_REG_VERDICT) {
                s = verdictMap(field, l, sets);
                consumed = s == null ? 0 : loadCount + 1;
            }
            if (s == null && field != null) {
                Keyed computed = computedKeyLookup(field, e, i + loadCount, sets);
                if (computed != null) {
                    s = computed.statement();
                    consumed = computed.next() - i;
                }
            }
            if (s == null && field != null && i + loadCount + 1 < e.size() && isHton(e.get(i + loadCount), field)
                    && e.get(i + loadCount + 1) instanceof Lookup l && l.sreg() == REG && l.dreg() == NfTables.NFT_REG_VERDICT
                    && l.set().startsWith("__map") && Linearizer.ordersHostBytes(field)) {
                // an anonymous interval map of host-order keys, held as big-endian numbers
                s = verdictMap(field, l, sets) instanceof Statement.VerdictMap v ? hostOrderKeys(v) : null;
                consumed = s == null ? 0 : loadCount + 2;
            }
            if (s == null && field != null && i + loadCount < e.size()) {
                int loaded = loadCount == 1 ? loadedLength(x) : -1;
                Matched m = matchAfterLoad(field, loaded, e, i + loadCount, sets);
                if (m != null) {
                    s = m.match();
                    consumed = loadCount + m.consumed();
                    if (m.match().op() == Match.Op.EQ && (field.equals(PayloadField.ICMP_TYPE) || field.equals(PayloadField.ICMPV6_TYPE))) {
                        icmpType = m.match().value();
                    }
                    if (PayloadField.opensVlanTag(m.match())) {
                        vlanTags++;
                    }
                    if (m.match().op() == Match.Op.EQ && m.match().value() instanceof Value.Single single) {
                        if (field.equals(MetaField.L4PROTO) || field.equals(PayloadField.IP_PROTOCOL) || field.equals(PayloadField.IP6_NEXTHDR)) {
                            l4 = PayloadField.TRANSPORT_PROTOCOLS.getOrDefault(single.bytes().get(0),
                                    "protocol " + single.bytes().get(0));
                        } else if (field.equals(MetaField.NFPROTO)) {
                            l3 = single.bytes().get(0) == 2 ? "ip" : single.bytes().get(0) == 10 ? "ip6" : "nfproto " + single.bytes().get(0);
                        } else if (field.equals(MetaField.PROTOCOL) || field.equals(PayloadField.ETHER_TYPE)
                                || PayloadField.isVlanType(field)) {
                            long type = single.bytes().asBigEndian();
                            l3 = type == 0x0800 ? "ip" : type == 0x86dd ? "ip6" : type == 0x0806 ? "arp" : "ethertype " + type;
                        }
                    }
                }
            }
            if (s == null && (x instanceof Immediate || x instanceof Payload.Load)) {
                PayloadWrite.Read write = PayloadWrite.delinearize(e, i, l3, l4);
                if (write != null) {
                    s = write.statement();
                    consumed = write.consumed();
                }
            }
            if (s == null && field == null && x instanceof Payload.Load load && load.dreg() == REG && i + 1 < e.size()
                    && e.get(i + 1) instanceof Cmp c && c.sreg() == REG && c.op() == Cmp.Op.EQ && c.data().length() == load.length()) {
                List<Match> split = splitMerged(load, c.data(), l3, l4);
                if (split != null) {
                    out.addAll(split.subList(0, split.size() - 1));
                    s = split.getLast();
                    consumed = 2;
                }
            }
            if (s == null && field == null && x instanceof Payload.Load raw && raw.dreg() == REG && i + 1 < e.size()
                    && raw.base() != Payload.Base.TUNNEL && raw.length() <= 16 && raw.length() > 0
                    && raw.offset() >= 0 && raw.offset() <= Integer.MAX_VALUE / 8 - 16) {
                // a load no header field describes lists as raw bits, as nft lists it
                RawPayloadField rf = new RawPayloadField(raw.base(), raw.offset() * 8, raw.length() * 8);
                Matched m = matchAfterLoad(rf, -1, e, i + 1, sets);
                if (m != null) {
                    s = m.match();
                    consumed = 1 + m.consumed();
                }
            }
            if (s == null && x instanceof Immediate imm && imm.dreg() == NfTables.NFT_REG_VERDICT
                    && imm.data() instanceof Data.OfVerdict v) {
                s = new Statement.VerdictStatement(v.verdict());
                consumed = 1;
            }
            if (s == null && x instanceof Immediate imm && imm.data() instanceof Data.Value v && i + 1 < e.size()
                    && e.get(i + 1) instanceof Meta.Set set && set.sreg() == imm.dreg() && MetaField.of(set.key()) != null
                    && fit(v.bytes(), MetaField.of(set.key()).length()) != null) {
                s = new Statement.MetaSet(MetaField.of(set.key()), fit(v.bytes(), MetaField.of(set.key()).length()));
                consumed = 2;
            }
            if (s == null && x instanceof Immediate imm && imm.data() instanceof Data.Value v && i + 1 < e.size()
                    && e.get(i + 1) instanceof Ct.Set set && set.sreg() == imm.dreg()) {
                CtField f = CtField.of(set.key(), set.direction());
                if (f != null && fit(v.bytes(), f.length()) != null) {
                    s = new Statement.CtSet(f, fit(v.bytes(), f.length()));
                    consumed = 2;
                }
            }
            if (s == null && x instanceof Counter c) {
                s = new Statement.CounterStatement(c.packets(), c.bytes());
                consumed = 1;
            }
            if (s == null && x instanceof Immediate imm && imm.data() instanceof Data.Value) {
                Natted nat = nat(e, i);
                if (nat != null) {
                    s = nat.statement();
                    consumed = nat.consumed();
                }
            }
            if (s == null && field != null) {
                // a key set from the packet: the load (and its mask), then meta set / ct set from the register
                int at = i + loadCount;
                Field source = field;
                BinopField.Read computed = BinopField.read(field, e, at);
                if (computed != null) {
                    source = computed.field();
                    at = computed.next();
                }
                // an interval map of host-order keys: nft swaps the key to big endian first
                boolean swapped = at + 1 < e.size() && e.get(at) instanceof Byteorder b && b.op() == Byteorder.Op.HTON
                        && b.sreg() == REG && b.dreg() == REG && b.length() == field.length()
                        && Linearizer.ordersHostBytes(field) && e.get(at + 1) instanceof Lookup;
                int lookupAt = swapped ? at + 1 : at;
                if (lookupAt < e.size() && e.get(lookupAt) instanceof Lookup l && l.sreg() == REG && l.dreg() == REG
                        && lookupAt + 1 < e.size()) {
                    MapLookupField map = dataMap(field, l, e.get(lookupAt + 1), sets, swapped);
                    if (map != null) {
                        source = map;
                        at = lookupAt + 1;
                    }
                }
                if (at < e.size() && e.get(at) instanceof Bitwise.MaskXor mx && mx.sreg() == REG && mx.dreg() == REG
                        && mx.mask().length() == field.length() && !(field instanceof ConcatField)) {
                    MaskedField masked = new MaskedField(field, mx.mask(), mx.xor());
                    if (masked.isWritten()) {
                        source = masked;
                        at++;
                    }
                }
                // values combined from two registers: ct mark & 0xffff0000 | meta mark & 0x0000ffff
                Combined combined = combined(source, e, at, l3, l4, tunnels);
                if (combined != null) {
                    source = combined.field();
                    at = combined.next();
                }
                boolean fromMap = source instanceof MapLookupField;
                Statement option = optionWrite(source, e, at);
                if (option != null) {
                    s = option;
                    consumed = at - i + (source.datatype().hostOrder() ? 2 : 1);
                }
                Field target = s != null || at >= e.size() ? null : switch (e.get(at)) {
                    case Meta.Set ms when ms.sreg() == REG -> MetaField.of(ms.key());
                    case Ct.Set cs when cs.sreg() == REG -> CtField.of(cs.key(), cs.direction());
                    // a header field written from a map: ip daddr set iifname map @m
                    case Payload.Write w when w.sreg() == REG && fromMap -> writtenField(w, l3, l4);
                    default -> null;
                };
                Natted computedTarget = s != null ? null : computedTarget(source, e, at);
                if (s != null) {
                    // an option written from the packet, read above
                } else if (computedTarget != null) {
                    s = computedTarget.statement();
                    consumed = at + computedTarget.consumed() - i;
                } else if (at < e.size() && e.get(at) instanceof nftlink.nftables.expr.Queue.FromRegister q && q.sreg() == REG
                        && (source instanceof ExpressionField || source instanceof MapLookupField || source instanceof HashField)) {
                    s = new Statement.QueueStatement(0, 0, q.flags() == null ? 0 : q.flags(), source);
                    consumed = at - i + 1;
                } else if (target != null && target.length() == source.length()) {
                    s = new Statement.SetFromField(target, source);
                    consumed = at - i + 1;
                }
            }
            if (s == null && updatesSet) {
                Dynsetted dynset = dynset(e, i, l3, l4, tunnels, sets);
                if (dynset != null) {
                    s = dynset.statement();
                    consumed = dynset.consumed();
                }
            }
            if (s == null) {
                s = action(x, rule.family(), l3);
                consumed = s == null ? 0 : 1;
            }
            if (s == null) {
                s = new Statement.KernelExpression(x);
                consumed = 1;
            }
            out.add(s);
            i += consumed;
        }
        return new RuleSpec(rule.family(), rule.table(), rule.chain(), foldDependencies(rule.family(), out),
                rule.comment(), rule.handle());
    }

    /**
     * {@code tcp option maxseg size set rt mtu}: a value from the packet ({@code source}, loaded before {@code at}), turned
     * to network order when host order, written into an extension header field; or {@code null}.
     */
    private static Statement optionWrite(Field source, List<Expression> e, int at) {
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
    private static Field writtenField(Payload.Write w, String l3, String l4) {
        for (PayloadField p : PayloadField.ALL) {
            if (p.base() == w.base() && p.offset() == w.offset() && p.length() == w.length()
                    && (l3 == null && l4 == null || p.protocol().equals(l3) || p.protocol().equals(l4))
                    && PayloadWrite.unsupported(p) == null && PayloadWrite.write(p).equals(w)) {
                return p;
            }
        }
        return null;
    }

    /** Statements that are one expression each: log, limit, quota, notrack, reject, plain masquerade and redirect. */
    private static Statement action(Expression x, Family family, String l3) {
        return switch (x) {
            case Log l when (l.level() == null || LogLevel.of(l.level()).isPresent())
                    && LogFlag.of(l.flags() == null ? 0 : l.flags()).isPresent() ->
                    new Statement.LogStatement(l.prefix(), l.level() == null || l.level() == LogLevel.WARN.number() ? null
                            : LogLevel.of(l.level()).orElseThrow(), LogFlag.of(l.flags() == null ? 0 : l.flags()).orElseThrow(),
                            l.group(), l.snaplen(), l.qthreshold());
            case Limit l when TimeUnit.ofSeconds(l.unit()).isPresent() && l.flags() <= NfTables.NFT_LIMIT_F_INV
                    && (l.type() == NfTables.NFT_LIMIT_PKTS || l.type() == NfTables.NFT_LIMIT_PKT_BYTES) ->
                    new Statement.LimitStatement(l.rate(), TimeUnit.ofSeconds(l.unit()).orElseThrow(),
                            Integer.toUnsignedLong(l.burst()), l.type() == NfTables.NFT_LIMIT_PKT_BYTES,
                            (l.flags() & NfTables.NFT_LIMIT_F_INV) != 0);
            case Quota q -> new Statement.QuotaStatement(q.bytes(), q.consumed(), (q.flags() & 1) != 0);
            case Notrack n -> new Statement.NotrackStatement();
            case Exthdr.Reset r -> new Statement.TcpOptionReset(r.type());
            case nftlink.nftables.expr.Connlimit cl when cl.flags() == null || cl.flags() <= 1 ->
                    new Statement.ConnlimitStatement(cl.count(), cl.flags() != null && cl.flags() == 1);
            case nftlink.nftables.expr.Objref.Named o when !o.object().isEmpty() && ObjectType.of(o.type()).isPresent() ->
                    new Statement.ObjectReference(ObjectType.of(o.type()).orElseThrow(), o.object());
            case nftlink.nftables.expr.Last l when l.msecs() == null || l.set() != null ->
                    new Statement.LastStatement(l.msecs() == null || l.set() == null || l.set() == 0 ? null : l.msecs());
            case nftlink.nftables.expr.Queue.Fixed q -> new Statement.QueueStatement(q.num(),
                    q.num() + (q.total() == null ? 1 : q.total()) - 1, q.flags() == null ? 0 : q.flags());
            case nftlink.nftables.expr.Synproxy sp -> new Statement.SynproxyStatement(sp.mss() == null ? 0 : sp.mss(),
                    sp.wscale() == null ? 0 : sp.wscale(), sp.flags() == null ? 0 : sp.flags());
            case Reject r when r.type() == NfTables.NFT_REJECT_TCP_RST -> new Statement.RejectStatement(RejectKind.TCP_RESET, 0);
            case Reject r when r.type() == NfTables.NFT_REJECT_ICMPX_UNREACH && r.code() != null ->
                    new Statement.RejectStatement(RejectKind.ICMPX, r.code());
            case Reject r when r.type() == NfTables.NFT_REJECT_ICMP_UNREACH && r.code() != null ->
                    new Statement.RejectStatement("ip6".equals(l3) || family == Family.IP6
                            ? RejectKind.ICMPV6 : RejectKind.ICMP, r.code());
            case Masq m when m.protoMin() == null -> new Statement.MasqueradeStatement(null, null,
                    NatFlag.of(m.flags() == null ? 0 : m.flags()));
            case Redir r when r.protoMin() == null -> new Statement.RedirectStatement(null, null,
                    NatFlag.of(r.flags() == null ? 0 : r.flags()));
            default -> null;
        };
    }

    /** The data map a lookup into the register reads, sized for the meta or ct key set after it; or {@code null}. */
    private static MapLookupField dataMap(Field key, Lookup l, Expression after, SetContents sets, boolean swapped) {
        Field targetField = switch (after) {
            case Meta.Set ms when ms.sreg() == REG -> MetaField.of(ms.key());
            case Ct.Set cs when cs.sreg() == REG -> CtField.of(cs.key(), cs.direction());
            default -> null;
        };
        // what the data is: a meta or ct key, nat addresses, redirect ports or queue numbers
        MapData target = targetField != null ? new MapData(targetField.datatype(), targetField.length()) : switch (after) {
            case Nat n when n.addrMin() != null && n.addrMin() == REG -> MapData.natAddresses(n);
            case Redir r when r.protoMin() != null && r.protoMin() == REG -> new MapData(Datatype.INET_SERVICE, 2);
            case nftlink.nftables.expr.Queue.FromRegister q when q.sreg() == REG -> new MapData(Datatype.HOST_INTEGER, 2);
            case nftlink.nftables.expr.Dup d when d.sregDev() != null && d.sregDev() == REG -> new MapData(Datatype.IFINDEX, 4);
            case nftlink.nftables.expr.Fwd f when f.sregDev() != null && f.sregDev() == REG -> new MapData(Datatype.IFINDEX, 4);
            // dup to an address from a map (and a device in the next register): as long as the data
            case nftlink.nftables.expr.Dup d when d.sregAddr() != null && d.sregAddr() == REG -> addressData(l, sets);
            case Immediate imm when imm.dreg() == REG + 1 -> addressData(l, sets);
            // a header field written from the map: its values
            case Payload.Write w when w.sreg() == REG -> {
                Field written = writtenField(w, null, null);
                yield written == null ? null : new MapData(written.datatype(), written.length());
            }
            default -> null;
        };
        if (target == null) {
            return null;
        }
        if (!l.set().startsWith("__map")) {
            return target.lookup(key, List.of(), l.set());
        }
        List<SetElement> elements = sets == null ? null : fitted(sets.apply(l.set()), key.length());
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        if (elements.stream().anyMatch(x -> (x.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0)) {
            return intervalDataMap(key, elements, target, swapped);
        }
        if (elements.stream().anyMatch(x -> x.keyEnd() != null)) {
            return concatRangeDataMap(key, elements, target);
        }
        if (swapped) {
            return null;
        }
        List<MapLookupField.Entry> entries = new ArrayList<>();
        MapLookupField.Entry catchAll = null;
        List<SetElement> sorted = new ArrayList<>(elements.stream().filter(x -> !isCatchAll(x)).toList());
        sorted.sort((a, b) -> listingOrder(key).compare(a.key(), b.key()));
        sorted.addAll(elements.stream().filter(Delinearizer::isCatchAll).toList());
        for (SetElement x : sorted) {
            if (isCatchAll(x) && x.data() instanceof Data.Value v) {
                Bytes data = fit(v.bytes(), target.length());
                if (data == null) {
                    return null;
                }
                catchAll = MapLookupField.Entry.catchAll(data);
                continue;
            }
            if ((x.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0 || !(x.data() instanceof Data.Value v)
                    || x.key().length() != key.length()) {
                return null;
            }
            Bytes data = fit(v.bytes(), target.length());
            if (data == null) {
                return null;
            }
            entries.add(new MapLookupField.Entry(x.key(), data));
        }
        if (catchAll != null) {
            // nft lists the catch-all last
            entries.add(catchAll);
        }
        return target.lookup(key, entries, null);
    }

    /**
     * An anonymous interval map: each start element's range runs to the next element's key (an end
     * marker or the next start); keys of host-order fields were swapped to big endian.
     */
    private static MapLookupField intervalDataMap(Field key, List<SetElement> elements, MapData target, boolean swapped) {
        if (key instanceof ConcatField || swapped != Linearizer.ordersHostBytes(key)) {
            return null;
        }
        int length = key.length();
        List<MapLookupField.Entry> entries = new ArrayList<>();
        for (Span span : spans(elements.stream().filter(x -> !isCatchAll(x)).toList(), length)) {
            SetElement x = span.start();
            Bytes data = x.data() instanceof Data.Value v ? fit(v.bytes(), target.length()) : null;
            if (isCatchAll(x) || data == null || x.key().length() != length) {
                return null;
            }
            Bytes low = Intervals.bytes(span.low(), length);
            Bytes high = Intervals.bytes(span.high(), length);
            entries.add(swapped ? MapLookupField.Entry.range(low.reversed(), high.reversed(), data)
                    : MapLookupField.Entry.range(low, high, data));
        }
        MapLookupField.Entry catchAll = catchAllEntry(elements, target);
        if (catchAll != null) {
            entries.add(catchAll);
        }
        return entries.isEmpty() ? null : target.lookup(key, entries, null);
    }

    /** The catch-all entry among a data map's elements (nft lists it last), or {@code null}. */
    private static MapLookupField.Entry catchAllEntry(List<SetElement> elements, MapData target) {
        for (SetElement x : elements) {
            if (isCatchAll(x) && x.data() instanceof Data.Value v) {
                Bytes data = fit(v.bytes(), target.length());
                return data == null ? null : MapLookupField.Entry.catchAll(data);
            }
        }
        return null;
    }

    /** An interval read from a set's elements: its start element and its bounds. */
    private record Span(SetElement start, BigInteger low, BigInteger high) {
    }

    /**
     * The intervals of an interval set's elements: each start element's interval runs to the key
     * before the next element (an end marker or the next start), the last to the end of the key space.
     */
    private static List<Span> spans(List<SetElement> elements, int length) {
        List<SetElement> sorted = new ArrayList<>(elements);
        sorted.sort(INTERVAL_ORDER);
        BigInteger max = BigInteger.ONE.shiftLeft(8 * length).subtract(BigInteger.ONE);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            SetElement x = sorted.get(i);
            if ((x.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0) {
                continue;
            }
            BigInteger high = i + 1 < sorted.size() ? Linearizer.number(sorted.get(i + 1).key()).subtract(BigInteger.ONE) : max;
            out.add(new Span(x, Linearizer.number(x.key()), high));
        }
        return out;
    }

    /** A combination of values read from {@code at}, and where reading stopped. */
    private record Combined(Field field, int next) {
    }

    /**
     * {@code left} combined with values loaded into the next register, {@code bitwise reg 1 = ( reg 1 |
     * reg 2 )} for each, then perhaps a constant ({@code | 0x200}); {@code null} when none follows.
     */
    private static Combined combined(Field left, List<Expression> e, int at, String l3, String l4, TunnelLayers tunnels) {
        int right = REG + 1;
        Field value = left;
        int k = at;
        boolean any = false;
        while (k + 1 < e.size()) {
            Field operand = null;
            int next = k + 1;
            if (e.get(k + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == right && mx.dreg() == right && isZero(mx.xor())) {
                // a bit field: its bits masked out, then moved down
                operand = bitFieldOf(e.get(k), right, mx.mask(), l3, l4, tunnels);
                next = k + 2;
            }
            if (operand == null) {
                operand = fieldOf(e.get(k), right, l3, l4, null, tunnels);
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

    /** A constant read from immediates, with how many expressions it took. */
    private record Constant(ConstantField field, int consumed) {
    }

    /**
     * The data of {@code set}'s type loaded by immediates from {@code at}, each part into the register
     * after the previous one's; {@code null} when the type is unknown or the immediates do not fit it.
     */
    private static Constant constantData(List<Expression> e, int at, int register, SetContents sets, String set) {
        int type = sets == null || set == null ? 0 : sets.dataType(set);
        List<Datatype> parts = type == 0 ? null : Datatype.parts(type);
        if (parts == null) {
            return null;
        }
        List<Bytes> values = new ArrayList<>();
        int slot = 0;
        int k = at;
        for (Datatype d : parts) {
            if (k >= e.size() || !(e.get(k) instanceof Immediate imm) || !(imm.data() instanceof Data.Value v)
                    || imm.dreg() != ConcatField.registerAfter(register, slot) || v.bytes().length() < d.length()) {
                return null;
            }
            values.add(Bytes.of(java.util.Arrays.copyOf(v.bytes().toArray(), d.length())));
            slot += (d.length() + 3) / 4;
            k++;
        }
        try {
            return new Constant(new ConstantField(parts, values), k - at);
        } catch (IllegalArgumentException notThisType) {
            return null;
        }
    }

    /** An anonymous map with ranges of concatenations as keys (key and key end per element), in the kernel's order. */
    private static MapLookupField concatRangeDataMap(Field key, List<SetElement> elements, MapData target) {
        if (!(key instanceof ConcatField)) {
            return null;
        }
        List<MapLookupField.Entry> entries = new ArrayList<>();
        for (SetElement x : elements) {
            if (isCatchAll(x)) {
                continue;
            }
            if (!(x.data() instanceof Data.Value v) || v.bytes().length() != target.length()) {
                return null;
            }
            entries.add(MapLookupField.Entry.range(x.key(), x.keyEnd() == null ? x.key() : x.keyEnd(), v.bytes()));
        }
        MapLookupField.Entry catchAll = catchAllEntry(elements, target);
        if (catchAll != null) {
            entries.add(catchAll);
        }
        return target.lookup(key, entries, null);
    }

    /** A statement read from {@code at}, and where reading stopped. */
    private record Keyed(Statement statement, int next) {
    }

    /**
     * A verdict or object map looked up by a value computed from {@code field} (loaded before {@code at}): shifted
     * and masked as in {@code meta mark >> 8 & 0xf vmap @m}, or masked ({@code tcp flags & (ack | urg) vmap { ... }});
     * {@code null} when no such lookup follows.
     */
    private static Keyed computedKeyLookup(Field field, List<Expression> e, int at, SetContents sets) {
        BinopField.Read computed = BinopField.read(field, e, at);
        Field key = computed == null ? null : computed.field();
        int next = computed == null ? at + 1 : computed.next();
        if (key == null && at < e.size() && e.get(at) instanceof Bitwise.MaskXor mx && mx.sreg() == REG && mx.dreg() == REG
                && isZero(mx.xor()) && mx.mask().length() == field.length() && !(field instanceof ConcatField)
                && !(field instanceof MaskedField)) {
            // tcp flags & (ack | urg) vmap { ack : jump a, urg : jump u }
            key = new MaskedField(field, mx.mask(), mx.xor());
        }
        if (key == null || next >= e.size()) {
            return null;
        }
        Field k = key;
        Statement s = switch (e.get(next)) {
            case Lookup l when l.sreg() == REG && l.dreg() == NfTables.NFT_REG_VERDICT -> verdictMap(k, l, sets);
            case nftlink.nftables.expr.Objref.Mapped om when om.sreg() == REG && !(k instanceof MaskedField) -> objectMap(k, om, sets);
            default -> null;
        };
        return s == null ? null : new Keyed(s, next + 1);
    }

    /** The object map {@code om} looks {@code key} up in, when its object type is known; else {@code null}. */
    private static Statement objectMap(Field key, nftlink.nftables.expr.Objref.Mapped om, SetContents sets) {
        ObjectType type = sets == null ? null : ObjectType.of(sets.objectType(om.set())).orElse(null);
        if (type == null) {
            return null;
        }
        if (!om.set().startsWith("__objmap")) {
            return new Statement.ObjectMap(type, key, List.of(), om.set());
        }
        List<SetElement> elements = fitted(sets.apply(om.set()), key.length());
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        List<Statement.ObjectMap.Entry> entries = new ArrayList<>();
        if (elements.stream().anyMatch(x -> x.keyEnd() != null || (x.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0)) {
            return intervalObjectMap(type, key, elements);
        }
        // a hash set dumps in hash order; nft lists the elements sorted
        List<SetElement> sorted = new ArrayList<>(elements);
        sorted.sort((a, b) -> listingOrder(key).compare(a.key(), b.key()));
        for (SetElement x : sorted) {
            if (x.objectRef() == null) {
                return null;
            }
            entries.add(new Statement.ObjectMap.Entry(x.key(), x.objectRef()));
        }
        return new Statement.ObjectMap(type, key, entries, null);
    }

    /**
     * The order nft lists the keys of {@code field} in: by value, but flag values by their lowest flag (nft sorts
     * them as it prints them, {@code fin | ack} by its {@code fin}), values with the same lowest flag as dumped;
     * concatenations as {@link #concatOrder} says.
     */
    private static java.util.Comparator<Bytes> listingOrder(Field field) {
        Datatype type = field.datatype();
        if (field instanceof ConcatField concat) {
            return concatOrder(concat);
        }
        if (!type.isBitmask()) {
            return type.elementOrder();
        }
        return java.util.Comparator.comparing(b -> {
            byte[] raw = b.toArray();
            if (type.hostOrder()) {
                for (int i = 0, j = raw.length - 1; i < j; i++, j--) {
                    byte t = raw[i];
                    raw[i] = raw[j];
                    raw[j] = t;
                }
            }
            BigInteger v = new BigInteger(1, raw);
            return v.and(v.negate());
        });
    }

    /**
     * The order nft lists concatenated keys in: the parts' bytes without their register padding, read
     * together as one little-endian number (nft's sort imports the joined value in host byte order).
     */
    private static java.util.Comparator<Bytes> concatOrder(ConcatField concat) {
        return java.util.Comparator.comparing(b -> {
            List<Bytes> parts = concat.split(b);
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            for (Bytes part : parts) {
                joined.writeBytes(part.toArray());
            }
            byte[] raw = joined.toByteArray();
            for (int i = 0, j = raw.length - 1; i < j; i++, j--) {
                byte t = raw[i];
                raw[i] = raw[j];
                raw[j] = t;
            }
            return new BigInteger(1, raw);
        });
    }

    /**
     * An anonymous object map with ranges as keys: of a concatenation, each element its key and key end
     * in the kernel's order; else each start element's range runs to the next element.
     */
    private static Statement intervalObjectMap(ObjectType type, Field key, List<SetElement> elements) {
        List<Statement.ObjectMap.Entry> entries = new ArrayList<>();
        if (key instanceof ConcatField) {
            for (SetElement x : elements) {
                if (x.objectRef() == null) {
                    return null;
                }
                entries.add(new Statement.ObjectMap.Entry(concatItem(key, x), x.objectRef()));
            }
        } else if (!Linearizer.ordersHostBytes(key)) {
            for (Span span : spans(elements, key.length())) {
                if (span.start().objectRef() == null) {
                    return null;
                }
                entries.add(new Statement.ObjectMap.Entry(rangeItem(key, span.low(), span.high(), key.length()),
                        span.start().objectRef()));
            }
        }
        return entries.isEmpty() ? null : new Statement.ObjectMap(type, key, entries, null);
    }

    /** What a data map's data are: a meta or ct key, nat addresses, ports, queue numbers, interfaces. */
    private record MapData(Datatype datatype, int length, List<Datatype> parts, boolean ranges) {
        MapData(Datatype datatype, int length) {
            this(datatype, length, List.of(), false);
        }

        /**
         * Addresses, with a port each when the nat takes one from the register after the address, and
         * ranges of them when it takes the highs from the registers after the lows; {@code null} when
         * the registers follow no such layout.
         */
        static MapData natAddresses(Nat n) {
            Datatype address = n.family() == NfTables.NFPROTO_IPV6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
            int addressSlots = address.length() / 4;
            boolean port = n.protoMin() != null;
            if (port && n.protoMin() != ConcatField.registerAt(REG, addressSlots)) {
                return null;
            }
            // the kernel reports a lone register as its own upper end
            boolean ranges = n.addrMax() != null && !n.addrMax().equals(n.addrMin());
            int slots = addressSlots + (port ? 1 : 0);
            if (ranges && (n.addrMax() != ConcatField.registerAt(REG, slots)
                    || port && (n.protoMax() == null || n.protoMax() != ConcatField.registerAt(REG, slots + addressSlots)))) {
                return null;
            }
            if (!ranges && port && n.protoMax() != null && !n.protoMax().equals(n.protoMin())) {
                return null;
            }
            List<Datatype> parts = port ? List.of(address, Datatype.INET_SERVICE) : List.of(address);
            int length = (ranges ? 2 : 1) * MapLookupField.concatLength(parts);
            return new MapData(address, port || ranges ? length : address.length(), port ? parts : List.of(), ranges);
        }

        MapLookupField lookup(Field key, List<MapLookupField.Entry> entries, String named) {
            if (ranges) {
                return MapLookupField.ranges(key, parts.isEmpty() ? List.of(datatype) : parts, entries, named);
            }
            return parts.isEmpty() ? new MapLookupField(key, datatype, length, entries, named)
                    : MapLookupField.concatenated(key, parts, entries, named);
        }
    }

    /** IPv4 or IPv6 addresses, as long as the data of {@code l}'s map are. */
    private static MapData addressData(Lookup l, SetContents sets) {
        List<SetElement> elements = sets == null ? null : sets.apply(l.set());
        boolean v6 = elements != null && !elements.isEmpty() && elements.getFirst().data() instanceof Data.Value v
                && v.bytes().length() == 16;
        return v6 ? new MapData(Datatype.IPV6_ADDR, 16) : new MapData(Datatype.IPV4_ADDR, 4);
    }

    /** A dynset statement read from the loads of its key (and data) and the dynset, with how many expressions it took. */
    private record Dynsetted(Statement.DynsetStatement statement, int consumed) {
    }

    private static Dynsetted dynset(List<Expression> e, int at, String l3, String l4, TunnelLayers tunnels, SetContents sets) {
        nftlink.nftables.expr.Dynset update = null;
        for (int k = at; k < e.size() && update == null; k++) {
            if (e.get(k) instanceof nftlink.nftables.expr.Dynset d) {
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
        Concat found = concatAt(e, at, REG, l3, l4, tunnels, dataRegister, keyParts, keyLengths);
        ConcatField concat = found == null ? null : found.field();
        Field key = concat != null ? concat : dynsetSingleKey(e.get(at), l3, l4, tunnels, keyParts);
        int keyLoads = concat != null ? found.consumed() : 1;
        if (concat == null && at + 2 < e.size() && e.get(at + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == REG
                && mx.dreg() == REG && isZero(mx.xor())) {
            // a bit field's value: update @vlanidset { vlan id }
            Field bits = bitFieldOf(e.get(at), REG, mx.mask(), l3, l4, tunnels);
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
        if (next < e.size() && !(e.get(next) instanceof nftlink.nftables.expr.Dynset)) {
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
                Concat dataConcat = concatAt(e, next, dataRegister, l3, l4, tunnels, -1, null, null);
                data = dataConcat != null ? dataConcat.field() : fieldOf(e.get(next), dataRegister, l3, l4, null, tunnels);
                if (data == null) {
                    return null;
                }
                next += dataConcat != null ? dataConcat.consumed() : 1;
            }
        }
        if (next >= e.size() || !(e.get(next) instanceof nftlink.nftables.expr.Dynset d) || d.sregKey() != REG
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
        Long timeout = d.timeout() == null || d.timeout() == 0 ? null : d.timeout();
        return new Dynsetted(new Statement.DynsetStatement(SetOperation.of(d.op()).orElseThrow(), d.set(), key, data, timeout, stateful), next - at + 1);
    }

    /**
     * The single key of a dynamic set update: a field from the packet, or a constant of the set's key
     * type ({@code add @m { 10.2.3.4 timeout 2s : 0x2 }}); {@code null} when neither.
     */
    private static Field dynsetSingleKey(Expression x, String l3, String l4, TunnelLayers tunnels, List<Datatype> keyParts) {
        if (x instanceof Immediate imm && imm.dreg() == REG && imm.data() instanceof Data.Value v
                && keyParts != null && keyParts.size() == 1 && v.bytes().length() == keyParts.getFirst().length()) {
            return new ConstantField(keyParts, List.of(v.bytes()));
        }
        return fieldOf(x, REG, l3, l4, null, tunnels);
    }

    /**
     * A nat whose address, or a redirect whose port, comes from {@code source} in register 1 at
     * {@code at} (after a byte-order swap for numgen and hashes), or {@code null}.
     */
    private static Natted computedTarget(Field source, List<Expression> e, int at) {
        boolean number = source instanceof ExpressionField || source instanceof HashField;
        int j = at;
        if (number) {
            // nft 1.0.6 leaves the swap out
            if (j < e.size() && e.get(j) instanceof Byteorder b && b.op() == Byteorder.Op.HTON && b.sreg() == REG
                    && b.dreg() == REG && b.length() == 4 && b.size() == 4) {
                j++;
            }
        } else if (!(source instanceof MapLookupField)) {
            return null;
        }
        if (j >= e.size()) {
            return null;
        }
        int used = j - at + 1;
        try {
            // dup to ADDRESS-MAP device DEV: the device is loaded into the next register
            if (!number && e.get(j) instanceof Immediate imm && imm.dreg() == REG + 1 && imm.data() instanceof Data.Value v
                    && j + 1 < e.size() && e.get(j + 1) instanceof nftlink.nftables.expr.Dup d && d.sregAddr() != null
                    && d.sregAddr() == REG && d.sregDev() != null && d.sregDev() == REG + 1 && fit(v.bytes(), 4) != null) {
                return new Natted(new Statement.DupStatement(null, fit(v.bytes(), 4).asU32(), source, null), used + 1);
            }
            Statement s = switch (e.get(j)) {
                // nft 1.0.6 names the register as addr_max too
                case Nat n when n.addrMin() != null && n.addrMin() == REG && natFits(n, source) ->
                        new Statement.NatStatement(n.type() == NfTables.NFT_NAT_DNAT, null, null, null, null,
                                NatFlag.of(n.flags() == null ? 0 : n.flags()), source);
                case Redir r when !number && r.protoMin() != null && r.protoMin() == REG
                        && (r.protoMax() == null || r.protoMax() == REG) ->
                        new Statement.RedirectStatement(null, null, NatFlag.of(r.flags() == null ? 0 : r.flags()), source);
                case nftlink.nftables.expr.Dup d when !number && d.sregAddr() != null && d.sregAddr() == REG && d.sregDev() == null ->
                        new Statement.DupStatement(null, null, source, null);
                case nftlink.nftables.expr.Dup d when !number && d.sregDev() != null && d.sregDev() == REG && d.sregAddr() == null ->
                        new Statement.DupStatement(null, null, null, source);
                case nftlink.nftables.expr.Fwd f when !number && f.sregDev() != null && f.sregDev() == REG && f.sregAddr() == null ->
                        new Statement.FwdStatement(0, null, source);
                default -> null;
            };
            return s == null ? null : new Natted(s, used);
        } catch (IllegalArgumentException notExpressible) {
            return null;
        }
    }

    /** Whether the registers of {@code n} take what {@code source} gives: an address, or a map's addresses, ports, ranges. */
    private static boolean natFits(Nat n, Field source) {
        if (!(source instanceof MapLookupField m)) {
            // nft 1.0.6 names the register as addr_max too
            return (n.addrMax() == null || n.addrMax() == REG) && n.protoMin() == null;
        }
        MapData layout = MapData.natAddresses(n);
        return layout != null && layout.ranges() == m.dataRanges() && layout.parts().equals(m.dataParts())
                && layout.datatype() == m.datatype();
    }

    /** A NAT statement read from the immediates that load its registers and the nat, masq or redir after them. */
    private record Natted(Statement statement, int consumed) {
    }

    private static Natted nat(List<Expression> e, int at) {
        java.util.Map<Integer, Bytes> registers = new java.util.HashMap<>();
        int j = at;
        while (j < e.size() && e.get(j) instanceof Immediate imm && imm.data() instanceof Data.Value v) {
            registers.put(imm.dreg(), v.bytes());
            j++;
        }
        if (j >= e.size()) {
            return null;
        }
        int consumed = j - at + 1;
        return switch (e.get(j)) {
            case Nat n when n.flags() != null && (n.flags() & NfTables.NF_NAT_RANGE_NETMAP) != 0 -> null;
            case Nat n -> {
                Bytes addrMin = n.addrMin() == null ? null : registers.get(n.addrMin());
                Bytes addrMax = n.addrMax() == null ? addrMin : registers.get(n.addrMax());
                Integer portMin = port(registers, n.protoMin());
                Integer portMax = n.protoMax() == null ? portMin : port(registers, n.protoMax());
                if ((n.addrMin() != null && (addrMin == null || addrMax == null)) || (n.protoMin() != null && (portMin == null || portMax == null))
                        || (addrMin == null && portMin == null)
                        || registers.size() != (int) java.util.stream.Stream.of(n.addrMin(), n.addrMax(), n.protoMin(), n.protoMax())
                        .filter(java.util.Objects::nonNull).distinct().count()) {
                    yield null;
                }
                yield new Natted(new Statement.NatStatement(n.type() == NfTables.NFT_NAT_DNAT, addrMin, addrMax, portMin, portMax,
                        NatFlag.of(n.flags() == null ? 0 : n.flags())), consumed);
            }
            case Masq m when m.protoMin() != null -> {
                Integer min = port(registers, m.protoMin());
                Integer max = m.protoMax() == null ? min : port(registers, m.protoMax());
                yield min == null || max == null ? null
                        : new Natted(new Statement.MasqueradeStatement(min, max, NatFlag.of(m.flags() == null ? 0 : m.flags())), consumed);
            }
            case Redir r when r.protoMin() != null -> {
                Integer min = port(registers, r.protoMin());
                Integer max = r.protoMax() == null ? min : port(registers, r.protoMax());
                yield min == null || max == null ? null
                        : new Natted(new Statement.RedirectStatement(min, max, NatFlag.of(r.flags() == null ? 0 : r.flags())), consumed);
            }
            case nftlink.nftables.expr.Tproxy t -> {
                Bytes addr = t.addr() == null ? null : registers.get(t.addr());
                Integer p = port(registers, t.port());
                int used = (t.addr() == null ? 0 : 1) + (t.port() == null ? 0 : 1);
                boolean addrOk = t.addr() == null || addr != null && (addr.length() == 4 || addr.length() == 16);
                yield !addrOk || t.port() != null && p == null || used != registers.size() || used == 0 ? null
                        : new Natted(new Statement.TproxyStatement(t.family(), addr, p), consumed);
            }
            case nftlink.nftables.expr.Dup d -> {
                Bytes addr = d.sregAddr() == null ? null : registers.get(d.sregAddr());
                Bytes dev = d.sregDev() == null ? null : registers.get(d.sregDev());
                int used = (d.sregAddr() == null ? 0 : 1) + (d.sregDev() == null ? 0 : 1);
                yield d.sregAddr() != null && addr == null || d.sregDev() != null && (dev == null || dev.length() != 4)
                        || used != registers.size() || used == 0 ? null
                        : new Natted(new Statement.DupStatement(addr, dev == null ? null : dev.asU32()), consumed);
            }
            case nftlink.nftables.expr.Fwd f -> {
                Bytes dev = f.sregDev() == null ? null : registers.get(f.sregDev());
                Bytes addr = f.sregAddr() == null ? null : registers.get(f.sregAddr());
                int used = (f.sregDev() == null ? 0 : 1) + (f.sregAddr() == null ? 0 : 1);
                yield dev == null || dev.length() != 4 || f.sregAddr() != null && addr == null || used != registers.size() ? null
                        : new Natted(new Statement.FwdStatement(dev.asU32(), addr), consumed);
            }
            default -> null;
        };
    }

    private static Integer port(java.util.Map<Integer, Bytes> registers, Integer register) {
        if (register == null) {
            return null;
        }
        Bytes b = registers.get(register) == null ? null : fit(registers.get(register), 2);
        return b == null ? null : (int) b.asBigEndian();
    }

    /**
     * {@code value} as the {@code length} bytes a statement reads from its register: the value
     * itself, or the first bytes of a value padded with zeros to whole 32-bit words (libnftnl's
     * text gives immediates so, and the reader takes only its bytes); else {@code null}.
     */
    static Bytes fit(Bytes value, int length) {
        if (value.length() == length) {
            return value;
        }
        if (value.length() != ((length + 3) & ~3)) {
            return null;
        }
        for (int i = length; i < value.length(); i++) {
            if (value.get(i) != 0) {
                return null;
            }
        }
        return Bytes.of(Arrays.copyOf(value.toArray(), length));
    }

    /** A match read after a load, and how many expressions after the load it used. */
    /** An ordered comparison or range of a host-order field, after its {@code byteorder hton}. */
    private static Matched hostOrderComparison(Field field, List<Expression> e, int at, SetContents sets) {
        Expression next = e.get(at);
        if (next instanceof Cmp c && c.sreg() == REG && c.data().length() == field.length()) {
            if (c.op() == Cmp.Op.GTE && at + 1 < e.size() && e.get(at + 1) instanceof Cmp hi && hi.sreg() == REG
                    && hi.op() == Cmp.Op.LTE && hi.data().length() == c.data().length()) {
                return new Matched(new Match(field, Match.Op.EQ,
                        new Value.Range(c.data().reversed(), hi.data().reversed())), 3);
            }
            return new Matched(new Match(field, matchOp(c.op()), new Value.Single(c.data().reversed())), 2);
        }
        if (next instanceof Range r && r.sreg() == REG && r.from().length() == field.length()) {
            return new Matched(new Match(field, r.op() == Range.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                    new Value.Range(r.from().reversed(), r.to().reversed())), 2);
        }
        if (next instanceof Lookup l && l.sreg() == REG && l.dreg() < 0 && l.set().startsWith("__set") && sets != null) {
            List<SetElement> elements = sets.apply(l.set());
            Value.SetLiteral bigEndian = elements == null || elements.isEmpty() ? null : literal(field, elements);
            if (bigEndian != null) {
                return new Matched(new Match(field, l.inverted() ? Match.Op.NEQ : Match.Op.EQ,
                        Linearizer.reversedItems(bigEndian)), 2);
            }
        }
        return null;
    }

    private record Matched(Match match, int consumed) {
    }

    private static Field fieldOf(Expression x, String l3, String l4, Value icmpType, TunnelLayers tunnels) {
        return fieldOf(x, REG, l3, l4, icmpType, tunnels);
    }

    /** The field {@code x} loads into {@code register}, or {@code null}. */
    private static Field fieldOf(Expression x, int register, String l3, String l4, Value icmpType, TunnelLayers tunnels) {
        return switch (x) {
            case Inner in -> tunnels.field(in, register, null);
            case Meta.Load m when m.dreg() == register -> MetaField.of(m.key());
            case Ct.Load c when c.dreg() == register -> CtField.of(c.key(), c.direction());
            case Socket s when s.dreg() == register && s.key() == Socket.Key.CGROUPV2 && s.level() != null -> new SocketCgroupField(s.level());
            case Payload.Load p when p.dreg() == register -> payloadField(p, l3, l4, icmpType);
            case Exthdr.Load h when h.dreg() == register -> ExthdrField.of(h, null);
            case Expression other when register == REG -> ExpressionField.of(other);
            default -> null;
        };
    }

    /** The bit field {@code x} loads when {@code mask} keeps only its bits, or {@code null}. */
    private static Field bitFieldOf(Expression x, Bytes mask, String l3, String l4, TunnelLayers tunnels) {
        return bitFieldOf(x, REG, mask, l3, l4, tunnels);
    }

    /** The bit field {@code x} loads into {@code register} when {@code mask} keeps only its bits, or {@code null}. */
    private static Field bitFieldOf(Expression x, int register, Bytes mask, String l3, String l4, TunnelLayers tunnels) {
        return switch (x) {
            case Inner in -> tunnels.field(in, register, mask);
            case Payload.Load p when p.dreg() == register -> {
                String hint = p.base() == Payload.Base.TRANSPORT ? l4 : p.base() == Payload.Base.NETWORK ? l3 : "vlan";
                yield hint == null ? null : PayloadBitField.at(p, mask, hint);
            }
            case Exthdr.Load h when h.dreg() == register -> ExthdrField.of(h, mask);
            default -> null;
        };
    }

    /** {@code jhash KEY mod N}: the key's loads into register 2 at {@code at}, then the hash into register 1; or {@code null}. */
    private static HashField jhashAt(List<Expression> e, int at, String l3, String l4, TunnelLayers tunnels) {
        List<Field> fields = new ArrayList<>();
        int slot = 0;
        int i = at;
        while (i < e.size() && !(e.get(i) instanceof nftlink.nftables.expr.Hash)) {
            Field f = fieldOf(e.get(i), ConcatField.registerAt(HashField.KEY_REGISTER, slot), l3, l4, null, tunnels);
            if (f == null || f instanceof ExpressionField) {
                return null;
            }
            fields.add(f);
            slot += ((f.length() + 3) & ~3) / 4;
            i++;
        }
        if (fields.isEmpty() || i >= e.size() || !(e.get(i) instanceof nftlink.nftables.expr.Hash.Jenkins h)
                || h.sreg() != HashField.KEY_REGISTER || h.dreg() != REG) {
            return null;
        }
        try {
            HashField field = new HashField(fields.size() == 1 ? fields.getFirst() : new ConcatField(fields), h.modulus(),
                    h.seed(), h.offset());
            return field.keyLength() == h.length() ? field : null;
        } catch (IllegalArgumentException notExpressible) {
            return null;
        }
    }

    /** A concatenation and how many expressions its loads took. */
    private record Concat(ConcatField field, int consumed) {
    }

    /** A concatenation loaded from {@code at} on (bit fields as their values), or {@code null}. */
    private static Concat concatAt(List<Expression> e, int at, String l3, String l4, TunnelLayers tunnels) {
        return concatAt(e, at, l3, l4, tunnels, -1);
    }

    /** A concatenation loaded at {@code at}, ending before register {@code stop} ({@code -1}: no limit). */
    private static Concat concatAt(List<Expression> e, int at, String l3, String l4, TunnelLayers tunnels, int stop) {
        return concatAt(e, at, l3, l4, tunnels, stop, null);
    }

    /**
     * As {@link #concatAt(List, int, String, String, TunnelLayers, int)}; with {@code keyParts} (the datatypes of a set's
     * key), an immediate where a part is loaded is a constant of that part's type ({@code add @s { ip saddr . 10002 }}).
     */
    private static Concat concatAt(List<Expression> e, int at, String l3, String l4, TunnelLayers tunnels, int stop,
                                   List<Datatype> keyParts) {
        return concatAt(e, at, REG, l3, l4, tunnels, stop, keyParts, keyParts == null ? null : partLengths(keyParts, List.of()));
    }

    /**
     * The bytes of each of a key's parts: the datatype's, else (an integer of a {@code typeof} key) the
     * set's field length; 0 when neither says.
     */
    private static List<Integer> partLengths(List<Datatype> parts, List<Integer> fieldLengths) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int length = parts.get(i).length();
            out.add(length > 0 || i >= fieldLengths.size() ? length : fieldLengths.get(i));
        }
        return out;
    }

    /**
     * As {@link #concatAt(List, int, String, String, TunnelLayers, int, List)}, loaded from register {@code base} on,
     * constant parts as long as {@code keyLengths} says.
     */
    private static Concat concatAt(List<Expression> e, int at, int base, String l3, String l4, TunnelLayers tunnels, int stop,
                                   List<Datatype> keyParts, List<Integer> keyLengths) {
        List<Field> fields = new ArrayList<>();
        int slot = 0;
        int i = at;
        while (i < e.size()) {
            int register = ConcatField.registerAfter(base, slot);
            if (register == stop) {
                break;
            }
            Field f = null;
            int used = 1;
            if (keyParts != null && fields.size() < keyParts.size() && e.get(i) instanceof Immediate imm && imm.dreg() == register
                    && imm.data() instanceof Data.Value v && keyLengths.get(fields.size()) > 0
                    && v.bytes().length() >= keyLengths.get(fields.size())) {
                Datatype d = keyParts.get(fields.size());
                int length = keyLengths.get(fields.size());
                f = new ConstantField(List.of(d), List.of(length), List.of(Bytes.of(java.util.Arrays.copyOf(v.bytes().toArray(), length))));
            }
            if (f == null && i + 1 < e.size() && e.get(i + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == register
                    && mx.dreg() == register && isZero(mx.xor())) {
                Field bits = bitFieldOf(e.get(i), register, mx.mask(), l3, l4, tunnels);
                int down = bits == null ? 0 : BitValue.matchDown(bits, e, i + 2, register);
                if (bits != null && (down > 0 || BitValue.down(bits, register).isEmpty())) {
                    f = bits;
                    used = 2 + down;
                }
            }
            if (f == null) {
                f = fieldOf(e.get(i), register, l3, l4, null, tunnels);
                if (f instanceof PayloadField pf && ((Payload.Load) e.get(i)).length() != pf.length()) {
                    f = null;
                }
                if (f == null) {
                    f = rawConcatPart(e.get(i), register);
                }
                if (f == null) {
                    break;
                }
            }
            fields.add(f);
            slot += ((f.length() + 3) & ~3) / 4;
            i += used;
        }
        return fields.size() >= 2 ? new Concat(new ConcatField(fields), i - at) : null;
    }

    /**
     * A concatenation with constants looked up in a set, {@code ip saddr . 1.2.3.4 . 80 @s1}: the constants
     * read as the set's key parts; {@code null} when the loads at {@code at} are not that.
     */
    private static Concat concatWithConstants(List<Expression> e, int at, String l3, String l4, TunnelLayers tunnels,
                                              SetContents sets) {
        if (sets == null || e.get(at) instanceof Immediate || fieldOf(e.get(at), REG, l3, l4, null, tunnels) == null) {
            return null;
        }
        int k = at + 1;
        while (k < e.size() && !(e.get(k) instanceof Lookup)) {
            k++;
        }
        if (k >= e.size() || !(e.get(k) instanceof Lookup l) || l.sreg() != REG) {
            return null;
        }
        List<Datatype> keyParts = sets.keyType(l.set()) == 0 ? null : Datatype.parts(sets.keyType(l.set()));
        if (keyParts == null) {
            return null;
        }
        Concat found = concatAt(e, at, REG, l3, l4, tunnels, -1, keyParts, partLengths(keyParts, sets.keyLengths(l.set())));
        return found != null && at + found.consumed() == k
                && found.field().fields().stream().anyMatch(ConstantField.class::isInstance) ? found : null;
    }

    /** A load no header field describes, as part of a concatenation: raw bits, {@code ip saddr . @nh,32,32}; or {@code null}. */
    private static Field rawConcatPart(Expression x, int register) {
        if (x instanceof Payload.Load raw && raw.dreg() == register && raw.base() != Payload.Base.TUNNEL
                && raw.length() > 0 && raw.length() <= 16 && raw.offset() >= 0 && raw.offset() <= Integer.MAX_VALUE / 8 - 16) {
            return new RawPayloadField(raw.base(), raw.offset() * 8, raw.length() * 8);
        }
        return null;
    }

    private static boolean isHton(Expression x, Field field) {
        return x instanceof Byteorder b && b.op() == Byteorder.Op.HTON && b.sreg() == REG && b.dreg() == REG
                && b.size() == field.length();
    }

    /** A verdict map read from big-endian keys, its keys back in host order; {@code null} when one is no value or range. */
    private static Statement.VerdictMap hostOrderKeys(Statement.VerdictMap v) {
        List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
        for (Statement.VerdictMap.Entry x : v.entries()) {
            Value key = switch (x.key()) {
                case Value.Single single -> new Value.Single(single.bytes().reversed());
                case Value.Range r -> new Value.Range(r.low().reversed(), r.high().reversed());
                default -> null;
            };
            if (key == null) {
                return null;
            }
            entries.add(new Statement.VerdictMap.Entry(key, x.verdict(), x.statements()));
        }
        return new Statement.VerdictMap(v.field(), entries, v.named());
    }

    /** The verdict map a lookup into the verdict register reads, or {@code null}. */
    private static Statement verdictMap(Field field, Lookup l, SetContents sets) {
        if (!l.set().startsWith("__map")) {
            return new Statement.VerdictMap(field, List.of(), l.set());
        }
        List<SetElement> elements = sets == null ? null : fitted(sets.apply(l.set()), field.length());
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        if (field instanceof ConcatField && elements.stream().anyMatch(x -> x.keyEnd() != null)) {
            List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
            for (SetElement x : elements) {
                if (!(x.data() instanceof Data.OfVerdict v)) {
                    return null;
                }
                entries.add(new Statement.VerdictMap.Entry(concatItem(field, x), v.verdict(), stateful(x)));
            }
            return new Statement.VerdictMap(field, entries, null);
        }
        List<SetElement> sorted = new ArrayList<>(elements.stream().filter(x -> !isCatchAll(x)).toList());
        sorted.sort((a, b) -> listingOrder(field).compare(a.key(), b.key()));
        boolean interval = elements.stream().anyMatch(x -> (x.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0);
        List<Statement.VerdictMap.Entry> entries = new ArrayList<>();
        int length = field.length();
        List<Span> spans = interval ? spans(sorted, length)
                : sorted.stream().map(x -> new Span(x, BigInteger.ZERO, BigInteger.ZERO)).toList();
        for (Span span : spans) {
            SetElement x = span.start();
            if (!(x.data() instanceof Data.OfVerdict v) || x.key().length() != length) {
                return null;
            }
            Value key = interval ? rangeItem(field, span.low(), span.high(), length) : new Value.Single(x.key());
            entries.add(new Statement.VerdictMap.Entry(key, v.verdict(), stateful(x)));
        }
        for (SetElement x : elements) {
            // nft lists the catch-all last
            if (isCatchAll(x)) {
                if (interval || !(x.data() instanceof Data.OfVerdict v)) {
                    return null;
                }
                entries.add(new Statement.VerdictMap.Entry(new Value.CatchAll(), v.verdict(), stateful(x)));
            }
        }
        return new Statement.VerdictMap(field, entries, null);
    }

    private static boolean isCatchAll(SetElement x) {
        return (x.flags() & NfTables.NFT_SET_ELEM_CATCHALL) != 0;
    }

    private static PayloadField payloadField(Payload.Load p, String l3, String l4, Value icmpType) {
        // a header's protocol must be known from the family or an earlier match, as it is for nft
        String hint = p.base() == Payload.Base.TRANSPORT ? l4 : p.base() == Payload.Base.NETWORK ? l3 : "ether";
        if (hint == null) {
            return p.base() == Payload.Base.TRANSPORT ? transportPort(p) : null;
        }
        PayloadField first = null;
        for (PayloadField f : PayloadField.ALL) {
            if (f.base() == p.base() && f.offset() == p.offset() && p.length() <= f.length()
                    && (f.protocol().equals(hint) || hint.equals("ether") && f.protocol().equals("vlan"))
                    && (p.length() == f.length() || f.datatype() == Datatype.IPV4_ADDR || f.datatype() == Datatype.IPV6_ADDR)) {
                Value needs = f.icmpType();
                if (needs == null || icmpType != null && items(icmpType).stream().allMatch(items(needs)::contains)) {
                    return f;
                }
                if (first == null) {
                    first = f;
                }
            }
        }
        // a field of other icmp types than the rule matched: rather split a merged load
        return icmpType == null ? first : null;
    }

    /** The ports of a transport protocol the rule does not name: {@code th sport}, {@code th dport}. */
    private static PayloadField transportPort(Payload.Load p) {
        if ((p.offset() == 0 || p.offset() == 2) && p.length() == 2) {
            return Fields.payload("th", p.offset() == 0 ? "sport" : "dport").orElse(null);
        }
        return null;
    }

    private static List<Value> items(Value v) {
        return v instanceof Value.SetLiteral l ? l.items() : List.of(v);
    }

    /** The matches nft merged into one load and compare of consecutive header fields, or {@code null}. */
    private static List<Match> splitMerged(Payload.Load load, Bytes data, String l3, String l4) {
        String hint = load.base() == Payload.Base.TRANSPORT ? l4 : load.base() == Payload.Base.NETWORK ? l3 : "ether";
        if (hint == null) {
            return null;
        }
        List<Match> out = new ArrayList<>();
        int offset = load.offset();
        int end = load.offset() + load.length();
        while (offset < end) {
            PayloadField next = null;
            for (PayloadField f : PayloadField.ALL) {
                if (f.base() == load.base() && f.protocol().equals(hint) && f.offset() == offset && offset + f.length() <= end) {
                    next = f;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            int from = offset - load.offset();
            out.add(Match.eq(next, Bytes.of(Arrays.copyOfRange(data.toArray(), from, from + next.length()))));
            offset += next.length();
        }
        return out.size() >= 2 ? out : null;
    }

    private static int loadedLength(Expression x) {
        return switch (x) {
            case Payload.Load p -> p.length();
            case Inner in when in.expression() instanceof Payload.Load p -> p.length();
            default -> -1;
        };
    }

    /**
     * What the packets inside tunnels were matched as ({@code vxlan meta protocol ip},
     * {@code gre meta l4proto tcp}), so that their header fields can be named.
     */
    private record TunnelLayers(java.util.Map<InnerField.Tunnel, String> l3, java.util.Map<InnerField.Tunnel, String> l4) {

        static TunnelLayers of(List<Expression> e) {
            java.util.Map<InnerField.Tunnel, String> l3 = new java.util.EnumMap<>(InnerField.Tunnel.class);
            java.util.Map<InnerField.Tunnel, String> l4 = new java.util.EnumMap<>(InnerField.Tunnel.class);
            for (int i = 0; i + 1 < e.size(); i++) {
                if (!(e.get(i) instanceof Inner in) || InnerField.Tunnel.of(in) == null
                        || !(e.get(i + 1) instanceof Cmp c) || c.op() != Cmp.Op.EQ || c.sreg() != REG) {
                    continue;
                }
                InnerField.Tunnel tunnel = InnerField.Tunnel.of(in);
                switch (in.expression()) {
                    case Meta.Load m when m.key() == Meta.Key.L4PROTO && c.data().length() == 1 ->
                            l4.put(tunnel, PayloadField.TRANSPORT_PROTOCOLS.get(c.data().get(0)));
                    case Meta.Load m when m.key() == Meta.Key.PROTOCOL && c.data().length() == 2 ->
                            l3.put(tunnel, network(c.data().asBigEndian()));
                    case Payload.Load p when p.base() == Payload.Base.LINK && p.offset() == 12 && p.length() == 2 ->
                            l3.put(tunnel, network(c.data().asBigEndian()));
                    default -> {
                    }
                }
            }
            return new TunnelLayers(l3, l4);
        }

        private static String network(long ethertype) {
            return ethertype == 0x0800 ? "ip" : ethertype == 0x86dd ? "ip6" : ethertype == 0x0806 ? "arp" : null;
        }

        /** The field {@code inner} loads into {@code register} (masked with {@code mask} for a bit field), or {@code null}. */
        Field field(Inner inner, int register, Bytes mask) {
            InnerField.Tunnel tunnel = InnerField.Tunnel.of(inner);
            if (tunnel == null) {
                return null;
            }
            Field f = switch (inner.expression()) {
                case Meta.Load m when m.dreg() == register && mask == null
                        && (m.key() == Meta.Key.PROTOCOL || m.key() == Meta.Key.L4PROTO) -> MetaField.of(m.key());
                case Payload.Load p when p.dreg() == register && p.base() == Payload.Base.TUNNEL && mask == null ->
                        InnerField.HEADER_FIELDS.stream().filter(h -> h.protocol().equals(tunnel.text())
                                && h.offset() == p.offset() && h.length() == p.length()).findFirst().orElse(null);
                case Payload.Load p when p.dreg() == register && mask == null ->
                        payloadField(p, l3.get(tunnel), l4.get(tunnel), null);
                case Payload.Load p when p.dreg() == register -> {
                    String hint = p.base() == Payload.Base.TRANSPORT ? l4.get(tunnel)
                            : p.base() == Payload.Base.NETWORK ? l3.get(tunnel) : "vlan";
                    yield hint == null ? null : PayloadBitField.at(p, mask, hint);
                }
                default -> null;
            };
            if (f == null) {
                return null;
            }
            try {
                return f instanceof PayloadField p && p.base() == Payload.Base.TUNNEL ? InnerField.header(tunnel, p.name()).orElseThrow()
                        : new InnerField(tunnel, f);
            } catch (IllegalArgumentException notInThisTunnel) {
                return null;
            }
        }
    }

    private static Matched matchAfterLoad(Field field, int loaded, List<Expression> e, int at, SetContents sets) {
        Expression next = e.get(at);
        if (next instanceof Byteorder b && b.op() == Byteorder.Op.HTON && b.sreg() == REG && b.dreg() == REG
                && b.length() == field.length() && Linearizer.ordersHostBytes(field) && at + 1 < e.size()) {
            return hostOrderComparison(field, e, at + 1, sets);
        }
        boolean ctAddress = field.datatype() == Datatype.IPV4_ADDR || field.datatype() == Datatype.IPV6_ADDR;
        if (field instanceof CtField && ctAddress && next instanceof Cmp c && c.sreg() == REG && c.data().length() < field.length()) {
            loaded = c.data().length();
        }
        boolean shortened = loaded >= 0 && loaded < field.length();
        if (next instanceof Cmp c && c.sreg() == REG) {
            if (shortened) {
                if (c.op() != Cmp.Op.EQ && c.op() != Cmp.Op.NEQ || c.data().length() != loaded) {
                    return null;
                }
                Bytes address = Bytes.of(Arrays.copyOf(c.data().toArray(), field.length()));
                return new Matched(new Match(field, c.op() == Cmp.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                        new Value.Prefix(address, loaded * 8)), 1);
            }
            if (c.op() == Cmp.Op.GTE && at + 1 < e.size() && e.get(at + 1) instanceof Cmp hi && hi.sreg() == REG
                    && hi.op() == Cmp.Op.LTE && hi.data().length() == c.data().length()) {
                return new Matched(new Match(field, Match.Op.EQ, new Value.Range(c.data(), hi.data())), 2);
            }
            if (c.data().length() != field.length() && !(field.datatype() == Datatype.IFNAME && c.data().length() < 16)) {
                return null;
            }
            return new Matched(new Match(field, matchOp(c.op()), new Value.Single(c.data())), 1);
        }
        if (shortened) {
            return null;
        }
        if (next instanceof Range r && r.sreg() == REG && r.from().length() == field.length()) {
            return new Matched(new Match(field, r.op() == Range.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                    new Value.Range(r.from(), r.to())), 1);
        }
        if (next instanceof Bitwise.MaskXor b && b.sreg() == REG && b.dreg() == REG && isZero(b.xor())
                && at + 1 < e.size() && e.get(at + 1) instanceof Cmp c && c.sreg() == REG) {
            if (Linearizer.flagTest(field) && c.op() == Cmp.Op.NEQ && isZero(c.data())) {
                return new Matched(new Match(field, Match.Op.EQ, new Value.Single(b.mask())), 2);
            }
            int bits = prefixBits(b.mask());
            boolean addressType = field.datatype() == Datatype.IPV4_ADDR || field.datatype() == Datatype.IPV6_ADDR
                    || field.datatype() == Datatype.ETHER_ADDR;
            if (bits >= 0 && addressType && b.mask().length() == field.length() && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ)) {
                try {
                    return new Matched(new Match(field, c.op() == Cmp.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                            new Value.Prefix(c.data(), bits)), 2);
                } catch (IllegalArgumentException notAPrefix) {
                    // compared as a masked value below
                }
            }
        }
        if (next instanceof Bitwise.MaskXor b && b.sreg() == REG && b.dreg() == REG && !(field instanceof MaskedField)
                && !(field instanceof ConcatField) && b.mask().length() == field.length() && at + 1 < e.size()
                && e.get(at + 1) instanceof Cmp c && c.sreg() == REG && c.data().length() == field.length()) {
            MaskedField masked = new MaskedField(field, b.mask(), b.xor());
            if (isZero(b.xor()) || masked.isOr()) {
                return new Matched(new Match(masked, matchOp(c.op()), new Value.Single(c.data())), 2);
            }
            return null;
        }
        if (next instanceof Bitwise.MaskXor b && b.sreg() == REG && b.dreg() == REG && isZero(b.xor())
                && !(field instanceof MaskedField) && !(field instanceof ConcatField) && b.mask().length() == field.length()
                && at + 1 < e.size() && e.get(at + 1) instanceof Lookup l && l.sreg() == REG && l.dreg() < 0) {
            // tcp flags & (fin | syn | rst | ack) == { fin | ack, syn }: the masked value looked up
            Matched m = matchAfterLoad(new MaskedField(field, b.mask(), b.xor()), -1, e, at + 1, sets);
            return m == null ? null : new Matched(m.match(), m.consumed() + 1);
        }
        if (next instanceof Lookup l && l.sreg() == REG && l.dreg() < 0) {
            Match.Op op = l.inverted() ? Match.Op.NEQ : Match.Op.EQ;
            if (!l.set().startsWith("__set")) {
                return new Matched(new Match(field, op, new Value.SetReference(l.set())), 1);
            }
            List<SetElement> elements = sets == null ? null : sets.apply(l.set());
            if (elements == null || elements.isEmpty()) {
                return null;
            }
            Value.SetLiteral literal = literal(field, elements);
            return literal == null ? null : new Matched(new Match(field, op, literal), 1);
        }
        return null;
    }

    private static Match.Op matchOp(Cmp.Op op) {
        return switch (op) {
            case EQ -> Match.Op.EQ;
            case NEQ -> Match.Op.NEQ;
            case LT -> Match.Op.LT;
            case GT -> Match.Op.GT;
            case LTE -> Match.Op.LTE;
            case GTE -> Match.Op.GTE;
        };
    }

    private static boolean isZero(Bytes b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The prefix length of a mask of leading ones, or -1. */
    private static int prefixBits(Bytes mask) {
        int bits = 0;
        boolean zeros = false;
        for (int i = 0; i < mask.length(); i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (mask.get(i) >> bit & 1) == 1;
                if (one && zeros) {
                    return -1;
                }
                if (one) {
                    bits++;
                } else {
                    zeros = true;
                }
            }
        }
        return bits;
    }

    /**
     * The elements with keys of exactly {@code length} bytes: keys padded to whole
     * 32-bit words with zeros (as libnftnl's text gives them) are trimmed; any
     * other length means the elements do not fit the field ({@code null}).
     */
    static List<SetElement> fitted(List<SetElement> elements, int length) {
        if (elements == null) {
            return null;
        }
        List<SetElement> out = new ArrayList<>(elements.size());
        for (SetElement x : elements) {
            Bytes key = x.key();
            if ((x.flags() & NfTables.NFT_SET_ELEM_CATCHALL) != 0) {
                out.add(x);
                continue;
            }
            key = fit(key, length);
            if (key == null) {
                return null;
            }
            out.add(new SetElement(key, x.keyEnd(), x.data(), x.objectRef(), x.flags(), x.timeout(), x.expiration(),
                    x.userdata(), x.expressions()));
        }
        return out;
    }

    /** Reads an anonymous set's elements back into items, sorted as nft lists them. */
    static Value.SetLiteral literal(Field field, List<SetElement> listed) {
        int length = field.length();
        List<SetElement> elements = fitted(listed, length);
        if (elements == null) {
            return null;
        }
        boolean interval = elements.stream().anyMatch(x -> (x.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0);
        List<Value> items = new ArrayList<>();
        for (SetElement x : elements) {
            if (x.data() != null) {
                return null;
            }
        }
        List<List<Statement>> statements = new ArrayList<>();
        if (field instanceof ConcatField && elements.stream().anyMatch(x -> x.keyEnd() != null)) {
            // the kernel dumps ranges of concatenations in the order they were added, and nft lists them so
            elements.forEach(x -> {
                items.add(concatItem(field, x));
                statements.add(stateful(x));
            });
            return new Value.SetLiteral(items, statements);
        }
        if (!interval) {
            List<SetElement> sorted = new ArrayList<>(elements);
            sorted.sort(Comparator.comparing(SetElement::key, listingOrder(field)));
            sorted.forEach(x -> {
                items.add(new Value.Single(x.key()));
                statements.add(stateful(x));
            });
            return new Value.SetLiteral(items, statements);
        }
        for (Span span : spans(elements, length)) {
            items.add(rangeItem(field, span.low(), span.high(), length));
            statements.add(stateful(span.start()));
        }
        return items.isEmpty() ? null : new Value.SetLiteral(items, statements);
    }

    /** The stateful statements of an element's expressions ({@code counter}, ...); none for what is no such statement. */
    static List<Statement> stateful(SetElement x) {
        List<Statement> out = new ArrayList<>();
        for (Expression e : x.expressions()) {
            Statement s = StatefulStatements.statement(e);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * An element of a set of concatenations with ranges: one value, or the range from its key to its end;
     * host-order parts, which such sets hold as big-endian numbers, back in host order.
     */
    private static Value concatItem(Field field, SetElement x) {
        Value v = x.keyEnd() == null || x.keyEnd().equals(x.key()) ? new Value.Single(x.key()) : new Value.Range(x.key(), x.keyEnd());
        if (field instanceof ConcatField concat && Linearizer.hasHostOrderPart(concat)) {
            v = Linearizer.bigEndianParts(concat, new Value.SetLiteral(List.of(v))).items().getFirst();
        }
        return v;
    }

    /**
     * Interval elements by key; where an interval ends and the next starts at the same key, the
     * end marker first (nft 1.0.6 writes both for adjacent ranges of named sets).
     */
    private static final Comparator<SetElement> INTERVAL_ORDER = Comparator.<SetElement, BigInteger>comparing(
            x -> Linearizer.number(x.key())).thenComparing(x -> (x.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) == 0);

    static Value rangeItem(Field field, BigInteger low, BigInteger high, int length) {
        if (low.equals(high)) {
            return new Value.Single(Intervals.bytes(low, length));
        }
        boolean address = field.datatype() == Datatype.IPV4_ADDR || field.datatype() == Datatype.IPV6_ADDR;
        BigInteger size = high.subtract(low).add(BigInteger.ONE);
        if (address && size.bitCount() == 1 && low.mod(size).signum() == 0) {
            int hostBits = size.bitLength() - 1;
            return new Value.Prefix(Intervals.bytes(low, length), 8 * length - hostBits);
        }
        return new Value.Range(Intervals.bytes(low, length), Intervals.bytes(high, length));
    }

    /** {@link PayloadField#TRANSPORT_PROTOCOLS} inverted once (the first number in its order wins), for every listed rule. */
    private static final java.util.Map<String, Integer> TRANSPORT_PROTOCOL_NUMBERS = new java.util.HashMap<>();

    static {
        PayloadField.TRANSPORT_PROTOCOLS.forEach((number, name) -> TRANSPORT_PROTOCOL_NUMBERS.putIfAbsent(name, number));
    }

    /** Drops the protocol matches that a later match implies, as nft does when listing. */
    /**
     * The link-layer protocol matches ({@code meta nfproto}, {@code meta protocol}, {@code ether type}) nft 1.1.3 leaves
     * out before a match of a network-level meta or ct key with one value: in ip and ip6 tables the one of the table's
     * protocol; elsewhere ipv4 before {@code meta l4proto icmp} or {@code ct ip saddr}, ipv6 before
     * {@code meta l4proto ipv6-icmp} or {@code ct ip6 saddr} (its {@code ct_meta_may_dependency_kill}).
     */
    private static List<Match> networkKeyDependencies(Family family, Match m) {
        if (m.op() != Match.Op.EQ || !(m.value() instanceof Value.Single v)) {
            return List.of();
        }
        // which network protocol the key's value implies: IPv4, IPv6, or neither (null)
        Boolean ipv4;
        if (m.field().equals(MetaField.L4PROTO)) {
            int l4proto = v.bytes().get(0);
            ipv4 = l4proto == 1 ? Boolean.TRUE : l4proto == 58 ? Boolean.FALSE : null;
        } else if (m.field() instanceof CtField ct && (ct.key() == Ct.Key.SRC_IP || ct.key() == Ct.Key.DST_IP
                || ct.key() == Ct.Key.SRC_IP6 || ct.key() == Ct.Key.DST_IP6 || ct.key() == Ct.Key.SRC || ct.key() == Ct.Key.DST)) {
            ipv4 = ct.length() == 4 ? Boolean.TRUE : ct.length() == 16 ? Boolean.FALSE : null;
        } else if (m.field() instanceof CtField ct && ct.key() == Ct.Key.PROTOCOL) {
            ipv4 = null;
        } else {
            return List.of();
        }
        boolean[] kills = switch (family) {
            // in ip and ip6 tables the table's own protocol goes before any of these keys
            case IP -> new boolean[]{true, false};
            case IP6 -> new boolean[]{false, true};
            default -> ipv4 == null ? new boolean[]{false, false} : new boolean[]{ipv4, !ipv4};
        };
        List<Match> deps = new ArrayList<>();
        if (kills[0]) {
            deps.add(Match.eq(MetaField.NFPROTO, Bytes.u8(NfTables.NFPROTO_IPV4)));
            deps.add(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x0800)));
            deps.add(Match.eq(PayloadField.ETHER_TYPE, Bytes.u16Be(0x0800)));
        }
        if (kills[1]) {
            deps.add(Match.eq(MetaField.NFPROTO, Bytes.u8(NfTables.NFPROTO_IPV6)));
            deps.add(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x86dd)));
            deps.add(Match.eq(PayloadField.ETHER_TYPE, Bytes.u16Be(0x86dd)));
        }
        return deps;
    }

    private static List<Statement> foldDependencies(Family family, List<Statement> statements) {
        List<Statement> out = new ArrayList<>(statements);
        for (int i = out.size() - 1; i >= 0; i--) {
            List<Match> deps;
            if (out.get(i) instanceof Statement.RejectStatement r
                    && (r.kind() != RejectKind.TCP_RESET || family == Family.IP || family == Family.IP6)) {
                // nft shows the l4proto tcp a reset needs only in tables where it is not implied
                deps = Linearizer.rejectDependencies(family, r);
            } else {
                List<Field> fields = switch (out.get(i)) {
                    case Match m -> List.of(m.field());
                    case Statement.VerdictMap v -> List.of(v.field());
                    case Statement.PayloadSet ps -> List.of(ps.field());
                    case Statement.SetFromField sf when sf.mapsHeader() -> List.of(sf.source(), sf.target());
                    case Statement.SetFromField sf -> List.of(sf.source());
                    case Statement.DynsetStatement ds -> ds.data() == null ? List.of(ds.key()) : List.of(ds.key(), ds.data());
                    case Statement.NatStatement n when n.addressSource() != null -> List.of(n.addressSource());
                    case Statement.RedirectStatement r when r.portSource() != null -> List.of(r.portSource());
                    case Statement.QueueStatement q when q.source() != null -> List.of(q.source());
                    case Statement.ObjectMap om -> List.of(om.key());
                    default -> List.of();
                };
                if (fields.isEmpty()) {
                    continue;
                }
                try {
                    deps = new ArrayList<>();
                    for (Field f : fields) {
                        deps.addAll(f.dependencies(family));
                    }
                } catch (IllegalArgumentException notInThisFamily) {
                    continue;
                }
            }
            if (out.get(i) instanceof Match m) {
                deps = new ArrayList<>(deps);
                deps.addAll(networkKeyDependencies(family, m));
            }
            if (out.get(i) instanceof Match m && m.field() instanceof PayloadField pf && pf.base() == Payload.Base.TRANSPORT) {
                int number = TRANSPORT_PROTOCOL_NUMBERS.getOrDefault(pf.protocol(), -1);
                deps = new ArrayList<>(deps);
                if (family == Family.IP) {
                    deps.add(Match.eq(PayloadField.IP_PROTOCOL, Bytes.u8(number)));
                } else if (family == Family.IP6) {
                    deps.add(Match.eq(PayloadField.IP6_NEXTHDR, Bytes.u8(number)));
                }
            }
            if (family == Family.BRIDGE && out.get(i) instanceof Match em && em.field() instanceof PayloadField ef
                    && ef.protocol().equals("ether")) {
                // an explicit iiftype ether before an ether field is folded as in the other families
                deps = new ArrayList<>(deps);
                deps.add(Match.eq(MetaField.IIFTYPE, Bytes.of((byte) 1, (byte) 0)));
            }
            if ((family == Family.BRIDGE || family == Family.NETDEV) && deps.stream().anyMatch(d -> d.field().equals(MetaField.PROTOCOL))) {
                // older nft wrote the link-layer dependency as a payload match on the ether type
                deps = new ArrayList<>(deps);
                for (Match d : List.copyOf(deps)) {
                    if (d.field().equals(MetaField.PROTOCOL)) {
                        deps.add(new Match(PayloadField.ETHER_TYPE, Match.Op.EQ, d.value()));
                        for (int tag = 1; tag <= 3; tag++) {
                            deps.add(new Match(PayloadField.ofVlanTag(PayloadField.VLAN_TYPE, tag), Match.Op.EQ, d.value()));
                        }
                    }
                }
            }
            for (Match dep : deps) {
                if (!(dep.value() instanceof Value.Single)) {
                    // nft shows the set of icmp types an icmp id or sequence needs
                    continue;
                }
                for (int j = i - 1; j >= 0; j--) {
                    if (out.get(j).equals(dep)) {
                        out.remove(j);
                        i--;
                        break;
                    }
                    if (!(out.get(j) instanceof Match)) {
                        break;
                    }
                }
            }
        }
        return out;
    }
}
