package nftlink.nftables.lang;

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
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Payload;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static nftlink.nftables.lang.DelinearizeDependencies.*;
import static nftlink.nftables.lang.DelinearizeFields.*;
import static nftlink.nftables.lang.DelinearizeMaps.*;
import static nftlink.nftables.lang.DelinearizeMatches.*;
import static nftlink.nftables.lang.DelinearizeNat.*;
import static nftlink.nftables.lang.DelinearizeStatements.*;

/**
 * Turns a listed kernel rule back into the rule language the way {@code nft list}
 * does: loads and comparisons become matches, protocol dependencies implied by a
 * later match are folded away, shortened loads and masks become prefixes, paired
 * comparisons become ranges, anonymous sets are read back into set literals.
 * Expressions it cannot express stay {@link Statement.KernelExpression}s.
 */
public final class Delinearizer {

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
     * {@code value} as the {@code length} bytes a statement reads from its register: the value
     * itself, or the first bytes of a value padded with zeros to whole 32-bit words (libnftnl's
     * text gives immediates so, and the reader takes only its bytes); else {@code null}.
     */
    static Bytes fit(Bytes value, int length) {
        return DelinearizeMatches.fit(value, length);
    }

    /** Reads an anonymous set's elements back into items, sorted as nft lists them. */
    static Value.SetLiteral literal(Field field, List<SetElement> listed) {
        return DelinearizeMatches.literal(field, listed);
    }

    /** The item of an interval from {@code low} to {@code high}: one value, an address prefix, or a range. */
    static Value rangeItem(Field field, BigInteger low, BigInteger high, int length) {
        return DelinearizeMatches.rangeItem(field, low, high, length);
    }
}
