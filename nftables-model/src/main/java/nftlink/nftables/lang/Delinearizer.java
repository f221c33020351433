package nftlink.nftables.lang;

import nftlink.nftables.expr.Objref;
import nftlink.nftables.expr.Queue;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Payload;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
        /**
         * The {@code NFT_OBJECT_*} type of the objects an object map holds; 0 when unknown.
         *
         * @param set the map's name
         * @return the object type, or 0
         */
        default int objectType(String set) {
            return 0;
        }

        /**
         * The {@code NFT_DATA_*}/datatype ID of a map's data (parts 6 bits each when concatenated); 0
         * when unknown.
         *
         * @param set the map's name
         * @return the data type ID, or 0
         */
        default int dataType(String set) {
            return 0;
        }

        /**
         * The datatype ID of a set's key (parts 6 bits each when concatenated); 0 when unknown.
         *
         * @param set the set's name
         * @return the key type ID, or 0
         */
        default int keyType(String set) {
            return 0;
        }

        /**
         * The bytes of each part of a set's concatenated key ({@code NFTA_SET_DESC_CONCAT}); empty
         * when unknown.
         *
         * @param set the set's name
         * @return the lengths in bytes; empty when unknown
         */
        default List<Integer> keyLengths(String set) {
            return List.of();
        }
    }

    private Delinearizer() {
    }

    /**
     * Delinearizes {@code rule}; anonymous sets are looked up through {@code sets}.
     *
     * @param rule the rule as the kernel lists it
     * @param sets the anonymous sets' contents
     * @return the rule in the rule language
     */
    public static RuleSpec delinearize(Rule rule, SetContents sets) {
        DelinearizeContext context = new DelinearizeContext(rule, sets);
        List<Statement> out = new ArrayList<>();
        int i = 0;
        while (i < context.expressions().size()) {
            Step step = statementAt(context, i, out);
            out.add(step.statement());
            i += step.consumed();
        }
        return new RuleSpec(rule.family(), rule.table(), rule.chain(), DelinearizeDependencies.foldDependencies(rule.family(), out),
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

    /** A statement read at one position of the rule, and how many expressions it took. */
    private record Step(Statement statement, int consumed) {
    }

    /** The loads of a field at one position: the field, and how many expressions load it. */
    private record Load(Field field, int count) {
    }

    /**
     * The statement the expressions at {@code i} make, tried family by family in nft's order of preference; a
     * {@link Statement.KernelExpression} when none reads them. Leading matches a merged load splits into go to {@code out}.
     */
    private static Step statementAt(DelinearizeContext c, int i, List<Statement> out) {
        Step s = concatenation(c, i);
        if (s != null) {
            return s;
        }
        Load initial = loadAt(c, i);
        s = initial == null ? null : objectMapOf(c, i, initial);
        if (s != null) {
            return s;
        }
        Load load = initial;
        s = load == null ? null : afterLoad(c, i, load);
        if (s == null) {
            s = payload(c, i, load == null, out);
        }
        if (s == null) {
            s = immediate(c, i);
        }
        if (s == null && load != null) {
            s = keySet(c, i, load);
        }
        if (s == null && c.updatesSet()) {
            Dynsetted dynset = dynset(c.expressions(), i, c.l3(), c.l4(), c.link(), c.tunnels(), c.sets());
            s = dynset == null ? null : new Step(dynset.statement(), dynset.consumed());
        }
        if (s == null) {
            Statement action = action(c.expressions().get(i), c.family(), c.l3());
            s = action == null ? null : new Step(action, 1);
        }
        return s != null ? s : new Step(new Statement.KernelExpression(c.expressions().get(i)), 1);
    }

    /** A concatenation loaded at {@code i} and looked up in a verdict, object, data map or set; or {@code null}. */
    private static Step concatenation(DelinearizeContext c, int i) {
        List<Expression> e = c.expressions();
        SetContents sets = c.sets();
        Concat found = concatAt(e, i, c.l3(), c.l4(), c.link(), c.tunnels());
        if (found == null) {
            found = concatWithConstants(e, i, c.l3(), c.l4(), c.link(), c.tunnels(), sets);
        }
        if (found == null) {
            return null;
        }
        int loads = found.consumed();
        ConcatField concat = i + loads >= e.size() ? found.field() : switch (e.get(i + loads)) {
            case Lookup l -> typedBySetKey(found.field(), l.set(), sets);
            case Objref.Mapped om -> typedBySetKey(found.field(), om.set(), sets);
            default -> found.field();
        };
        if (i + loads < e.size() && e.get(i + loads) instanceof Objref.Mapped om && om.sreg() == REG) {
            // ct helper set ip protocol . th dport map { ... }
            Statement s = objectMap(concat, om, sets);
            return s == null ? null : new Step(s, loads + 1);
        }
        return i + loads < e.size() && e.get(i + loads) instanceof Lookup l && l.sreg() == REG ? lookup(c, i, concat, loads, l) : null;
    }

    /**
     * {@code key} (loaded by the {@code loads} expressions at {@code i}) looked up by {@code l} in a verdict map, a set or
     * a data map whose value a statement takes; or {@code null}.
     */
    private static Step lookup(DelinearizeContext c, int i, Field key, int loads, Lookup l) {
        List<Expression> e = c.expressions();
        SetContents sets = c.sets();
        Statement s = null;
        int consumed = 0;
        if (l.dreg() == NfTablesUapi.NFT_REG_VERDICT) {
            s = verdictMap(key, l, sets);
        } else if (l.dreg() < 0) {
            Matched m = matchAfterLoad(key, -1, e, i + loads, sets);
            s = m == null ? null : m.match();
        } else if (l.dreg() == REG && i + loads + 1 < e.size()) {
            // meta|ct KEY set CONCAT map ...
            MapLookupField map = dataMap(key, l, e.get(i + loads + 1), sets, false);
            Field target = setTarget(e.get(i + loads + 1), c);
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
        return s == null ? null : new Step(s, consumed > 0 ? consumed : loads + 1);
    }

    /** The meta or ct key or the header field {@code x} sets from register 1, or {@code null}. */
    private static Field setTarget(Expression x, DelinearizeContext c) {
        return switch (x) {
            case Meta.Set ms when ms.sreg() == REG -> MetaField.of(ms.key());
            case Ct.Set cs when cs.sreg() == REG -> CtField.of(cs.key(), cs.direction());
            case Payload.Write w when w.sreg() == REG -> writtenField(w, c.l3(), c.l4(), c.icmpType());
            default -> null;
        };
    }

    /** The field loaded at {@code i}: a field, a hash, or a bit field (moved down to its value); or {@code null}. */
    private static Load loadAt(DelinearizeContext c, int i) {
        List<Expression> e = c.expressions();
        Expression x = e.get(i);
        Field field = c.fieldOf(x);
        int loadCount = 1;
        if (field == null) {
            HashField hash = jhashAt(e, i, c.l3(), c.l4(), c.link(), c.tunnels());
            if (hash != null) {
                field = hash;
                loadCount = (hash.key() instanceof ConcatField concat ? concat.fields().size() : 1) + 1;
            }
        }
        if (i + 2 < e.size() && e.get(i + 1) instanceof Bitwise.MaskXor mx && mx.sreg() == REG
                && mx.dreg() == REG && isZero(mx.xor())) {
            Field bits = bitFieldOf(x, mx.mask(), c.l3(), c.l4(), c.link(), c.tunnels());
            if (bits != null) {
                field = bits;
                loadCount = 2;
            }
        }
        if (field instanceof PayloadField p && loadCount == 1 && loadedLength(x) >= 0 && loadedLength(x) < p.length()
                && p.datatype() != Datatype.IPV4_ADDR && p.datatype() != Datatype.IPV6_ADDR && p.datatype() != Datatype.ETHER_ADDR
                && !(i + 1 < e.size() && e.get(i + 1) instanceof Cmp)) {
            // the first bytes of a number are its prefix only when compared as they are (tcp dport 0/8), else raw bits
            field = null;
        }
        if (field != null && loadCount == 2 && BitValue.applies(field)) {
            // a bit field's value, looked up in a named set or map
            int down = BitValue.matchDown(field, e, i + 2, REG);
            if (down > 0 && i + 2 + down < e.size() && e.get(i + 2 + down) instanceof Lookup l && !l.set().startsWith("__")) {
                loadCount += down;
            }
        }
        return field == null ? null : new Load(field, loadCount);
    }

    /** The object map {@code load}'s field is looked up in, or {@code null}. */
    private static Step objectMapOf(DelinearizeContext c, int i, Load load) {
        List<Expression> e = c.expressions();
        if (i + load.count() < e.size() && e.get(i + load.count()) instanceof Objref.Mapped om
                && om.sreg() == REG) {
            Statement s = objectMap(load.field(), om, c.sets());
            return s == null ? null : new Step(s, load.count() + 1);
        }
        return null;
    }

    /** A verdict map, computed-key lookup or match read after {@code load}; a match informs the context; or {@code null}. */
    private static Step afterLoad(DelinearizeContext c, int i, Load load) {
        List<Expression> e = c.expressions();
        Field field = load.field();
        int loadCount = load.count();
        if (i + loadCount < e.size() && e.get(i + loadCount) instanceof Lookup l && l.sreg() == REG
                && l.dreg() == NfTablesUapi.NFT_REG_VERDICT) {
            Statement s = verdictMap(field, l, c.sets());
            if (s != null) {
                return new Step(s, loadCount + 1);
            }
        }
        if (BitValue.shiftsForIntervals(field) && i + loadCount + 1 < e.size()
                && e.get(i + loadCount).equals(BitValue.intervalLoads(field, REG).getLast())
                && e.get(i + loadCount + 1) instanceof Lookup l && l.sreg() == REG && l.dreg() == NfTablesUapi.NFT_REG_VERDICT
                && l.set().startsWith("__map")) {
            // a bit field moved down to its value before an anonymous interval verdict map
            Statement s = verdictMap(field, l, c.sets()) instanceof Statement.VerdictMap v ? DelinearizeMaps.inPlace(v) : null;
            if (s != null) {
                return new Step(s, loadCount + 2);
            }
        }
        Keyed computed = computedKeyLookup(field, e, i + loadCount, c.sets());
        if (computed != null) {
            return new Step(computed.statement(), computed.next() - i);
        }
        if (i + loadCount + 1 < e.size() && isHton(e.get(i + loadCount), field)
                && e.get(i + loadCount + 1) instanceof Lookup l && l.sreg() == REG && l.dreg() == NfTablesUapi.NFT_REG_VERDICT
                && l.set().startsWith("__map") && Linearizer.ordersHostBytes(field)) {
            // an anonymous interval map of host-order keys, held as big-endian numbers
            Statement s = verdictMap(field, l, c.sets()) instanceof Statement.VerdictMap v ? hostOrderKeys(v) : null;
            if (s != null) {
                return new Step(s, loadCount + 2);
            }
        }
        if (i + loadCount < e.size()) {
            int loaded = loadCount == 1 ? loadedLength(e.get(i)) : -1;
            Matched m = matchAfterLoad(field, loaded, e, i + loadCount, c.sets());
            if (m != null) {
                c.learn(field, m.match());
                return new Step(m.match(), loadCount + m.consumed());
            }
        }
        return null;
    }

    /**
     * A payload write, a merged load of consecutive header fields (its leading matches go to {@code out}), or (when
     * {@code fieldless}: no field describes the load) a match of raw payload bits; or {@code null}.
     */
    private static Step payload(DelinearizeContext c, int i, boolean fieldless, List<Statement> out) {
        List<Expression> e = c.expressions();
        Expression x = e.get(i);
        Match shifted = ShiftedMask.oneByte(x) ? ShiftedMask.delinearize(e, i, maskedBits(c, i), DelinearizeFields::fieldAt) : null;
        if (shifted != null) {
            return new Step(shifted, 5);
        }
        if (x instanceof Immediate || x instanceof Payload.Load) {
            PayloadWrite.Read write = PayloadWrite.delinearize(e, i, c);
            if (write != null) {
                return new Step(write.statement(), write.consumed());
            }
        }
        if (fieldless && x instanceof Payload.Load load && load.dreg() == REG && i + 1 < e.size()
                && e.get(i + 1) instanceof Cmp cmp && cmp.sreg() == REG && (cmp.op() == Cmp.Op.EQ || cmp.op() == Cmp.Op.NEQ)
                && cmp.data().length() == load.length()) {
            Match.Op op = cmp.op() == Cmp.Op.EQ ? Match.Op.EQ : Match.Op.NEQ;
            List<Match> split = splitMerged(load, cmp.data(), op, c.l3(), c.l4(), c.link());
            if (split != null) {
                // ether saddr X and ether type ip6 in one load: what follows is ip6, as after either alone
                split.forEach(m -> c.learn(m.field(), m));
                out.addAll(split.subList(0, split.size() - 1));
                return new Step(split.getLast(), 2);
            }
        }
        if (fieldless && x instanceof Payload.Load raw && raw.dreg() == REG && i + 1 < e.size()
                && raw.base() != Payload.Base.TUNNEL && raw.length() <= 16 && raw.length() > 0
                && raw.offset() >= 0 && raw.offset() <= Integer.MAX_VALUE / 8 - 16) {
            // a load no header field describes lists as raw bits, as nft lists it
            Step bits = rawBits(e, i, raw);
            if (bits != null) {
                return bits;
            }
            RawPayloadField rf = new RawPayloadField(raw.base(), raw.offset() * 8, raw.length() * 8);
            if (e.get(i + 1) instanceof Lookup l && l.sreg() == REG && l.dreg() >= 0) {
                // a map keyed by raw bits: nft prints its keys in the map's key type (vlan id 5 @ll,0,48 vmap { 00:11:22:33:44:55 : accept })
                Field typed = typedBySetKey(rf, l.set(), c.sets());
                Step mapped = lookup(c, i, typed, 1, l);
                if (mapped != null) {
                    return mapped;
                }
            }
            Matched m = matchAfterLoad(rf, -1, e, i + 1, c.sets());
            if (m != null) {
                return new Step(m.match(), 1 + m.consumed());
            }
        }
        return null;
    }

    /**
     * Raw bits inside the loaded bytes, compared after the mask that keeps them ({@code @ih,1,2 0x2}, as nft lists
     * it), when the load and mask are the ones those bits need; or {@code null}. nft 1.1.3 lists the link-layer
     * header's bits masked ({@code @ll,0,8 & 0x80 == 0x80}).
     */
    private static Step rawBits(List<Expression> e, int i, Payload.Load raw) {
        if (raw.base() == Payload.Base.LINK || i + 2 >= e.size() || !(e.get(i + 1) instanceof Bitwise.MaskXor b) || b.sreg() != REG || b.dreg() != REG
                || !DelinearizeFields.isZero(b.xor()) || !(e.get(i + 2) instanceof Cmp c) || c.sreg() != REG
                || (c.op() != Cmp.Op.EQ && c.op() != Cmp.Op.NEQ) || c.data().length() != raw.length()) {
            return null;
        }
        BigInteger mask = new BigInteger(1, b.mask().toArray());
        int width = raw.length() * 8;
        int low = mask.getLowestSetBit();
        if (low < 0 || mask.bitLength() - low != mask.bitCount() || mask.bitLength() == width) {
            // not one run of bits, or bits from the load's first: nft lists the mask (@nh,8,8 & 0xe0 == 0x40)
            return null;
        }
        RawPayloadField rf = new RawPayloadField(raw.base(), raw.offset() * 8 + width - mask.bitLength(), mask.bitCount());
        if (!rf.loads(REG).equals(List.of(raw, b))) {
            return null;
        }
        Match.Op op = c.op() == Cmp.Op.EQ ? Match.Op.EQ : Match.Op.NEQ;
        return new Step(new Match(rf, op, new Value.Single(c.data())), 3);
    }

    /**
     * The bits a one-byte load at {@code i} and the mask after it read: the rule's bit field there, else raw bits as
     * nft trims them (not from the byte's first bit); or {@code null}.
     */
    private static Field maskedBits(DelinearizeContext c, int i) {
        List<Expression> e = c.expressions();
        if (i + 1 >= e.size() || !(e.get(i) instanceof Payload.Load load) || !(e.get(i + 1) instanceof Bitwise.MaskXor mx)
                || mx.sreg() != REG || mx.dreg() != REG || !isZero(mx.xor()) || mx.mask().length() != 1) {
            return null;
        }
        Field bits = bitFieldOf(load, mx.mask(), c.l3(), c.l4(), c.link(), c.tunnels());
        if (bits != null) {
            return bits;
        }
        int mask = mx.mask().get(0) & 0xff;
        int low = Integer.numberOfTrailingZeros(mask);
        int width = Integer.bitCount(mask);
        int length = 32 - Integer.numberOfLeadingZeros(mask);
        return mask == 0 || length - low != width || length == 8 ? null
                : new RawPayloadField(load.base(), load.offset() * 8 + 8 - length, width);
    }

    /** A verdict, a meta or ct key set to a constant, a counter, or a statement its registers' immediates load; or {@code null}. */
    private static Step immediate(DelinearizeContext c, int i) {
        List<Expression> e = c.expressions();
        Expression x = e.get(i);
        if (x instanceof Immediate imm && imm.dreg() == NfTablesUapi.NFT_REG_VERDICT && imm.data() instanceof NftData.OfVerdict v) {
            return new Step(new Statement.VerdictStatement(v.verdict()), 1);
        }
        if (x instanceof Immediate imm && imm.data() instanceof NftData.Value v && i + 1 < e.size()
                && e.get(i + 1) instanceof Meta.Set set && set.sreg() == imm.dreg() && MetaField.of(set.key()) != null
                && fit(v.bytes(), MetaField.of(set.key()).length()) != null) {
            return new Step(new Statement.MetaSet(MetaField.of(set.key()), fit(v.bytes(), MetaField.of(set.key()).length())), 2);
        }
        if (x instanceof Immediate imm && imm.data() instanceof NftData.Value v && i + 1 < e.size()
                && e.get(i + 1) instanceof Ct.Set set && set.sreg() == imm.dreg()) {
            CtField f = CtField.of(set.key(), set.direction());
            if (f != null && fit(v.bytes(), f.length()) != null) {
                return new Step(new Statement.CtSet(f, fit(v.bytes(), f.length())), 2);
            }
        }
        if (x instanceof Counter counter) {
            return new Step(new Statement.CounterStatement(counter.packets(), counter.bytes()), 1);
        }
        if (x instanceof Immediate imm && imm.data() instanceof NftData.Value) {
            Natted nat = nat(e, i);
            if (nat != null) {
                return new Step(nat.statement(), nat.consumed());
            }
        }
        return null;
    }

    /** A value from the packet at {@code at} and where reading it stopped. */
    private record Source(Field field, int at) {
    }

    /**
     * The value a key set takes from the packet: {@code load}'s field, computed, looked up in a data map, masked
     * and combined with values from a second register.
     */
    private static Source keySource(DelinearizeContext c, int i, Load load) {
        List<Expression> e = c.expressions();
        Field field = load.field();
        int at = i + load.count();
        Field source = field;
        if (BitValue.shiftsForIntervals(field) && at + 2 < e.size() && e.get(at).equals(BitValue.intervalLoads(field, REG).getLast())
                && e.get(at + 1) instanceof Lookup l && l.sreg() == REG && l.dreg() == REG && l.set().startsWith("__map")) {
            // a bit field moved down to its value before an anonymous interval map (ip dscp map { 0x08-0x0f : 1 })
            MapLookupField map = dataMap(field, l, e.get(at + 2), c.sets(), false);
            MapLookupField inPlace = map == null ? null : DelinearizeMaps.inPlace(map);
            if (inPlace != null) {
                return new Source(inPlace, at + 2);
            }
        }
        BinopField.Read computed = BinopField.read(field, e, at);
        if (computed != null) {
            source = computed.field();
            at = computed.next();
        }
        // a map keyed by the field with constants applied: meta length & 0xff map { ... }
        boolean maskedKey = computed == null && at + 1 < e.size() && e.get(at) instanceof Bitwise.MaskXor mk
                && mk.sreg() == REG && mk.dreg() == REG && mk.mask().length() == field.length()
                && !(field instanceof ConcatField) && e.get(at + 1) instanceof Lookup;
        Field key = maskedKey ? new MaskedField(field, ((Bitwise.MaskXor) e.get(at)).mask(), ((Bitwise.MaskXor) e.get(at)).xor())
                : field;
        int keyed = maskedKey ? at + 1 : at;
        // an interval map of host-order keys: nft swaps the key to big endian first
        boolean swapped = keyed + 1 < e.size() && e.get(keyed) instanceof Byteorder b && b.op() == Byteorder.Op.HTON
                && b.sreg() == REG && b.dreg() == REG && b.length() == field.length()
                && Linearizer.ordersHostBytes(field) && e.get(keyed + 1) instanceof Lookup;
        int lookupAt = swapped ? keyed + 1 : keyed;
        if (lookupAt < e.size() && e.get(lookupAt) instanceof Lookup l && l.sreg() == REG && l.dreg() == REG
                && lookupAt + 1 < e.size()) {
            MapLookupField map = dataMap(key, l, e.get(lookupAt + 1), c.sets(), swapped);
            if (map != null) {
                source = map;
                at = lookupAt + 1;
            }
        }
        if (at < e.size() && e.get(at) instanceof Bitwise.MaskXor mx && mx.sreg() == REG && mx.dreg() == REG
                && mx.mask().length() == field.length() && !(field instanceof ConcatField)) {
            // (a mask and xor that are no single operation list as nft splits them: ct mark & 0x1ff | 0x100)
            source = new MaskedField(field, mx.mask(), mx.xor());
            at++;
        }
        // values combined from two registers: ct mark & 0xffff0000 | meta mark & 0x0000ffff
        Combined combined = combinedAt(source, e, at, c.l3(), c.l4(), c.link(), c.tunnels());
        return combined != null ? new Source(combined.field(), combined.next()) : new Source(source, at);
    }

    /**
     * A mark set from a field narrower than it with constants applied after nft's turn to a host-order number
     * ({@code meta mark set tcp dport & 0xff}, {@code ip ttl & 0xf}): the swap (where nft swaps), the 32-bit mask and
     * xor, the set; or {@code null}.
     */
    private static Step maskedAfterSwap(List<Expression> e, int i, int at, Field source) {
        int swap = at < e.size() && e.get(at) instanceof Byteorder b && b.op() == Byteorder.Op.NTOH && b.sreg() == REG
                && b.dreg() == REG && b.length() == source.length() ? 1 : 0;
        if (at + swap + 1 >= e.size() || !(e.get(at + swap) instanceof Bitwise.MaskXor mx) || mx.sreg() != REG
                || mx.dreg() != REG || mx.mask().length() != 4 || source.length() >= 4) {
            return null;
        }
        Field target = switch (e.get(at + swap + 1)) {
            case Meta.Set ms when ms.sreg() == REG -> MetaField.of(ms.key());
            case Ct.Set cs when cs.sreg() == REG -> CtField.of(cs.key(), cs.direction());
            default -> null;
        };
        MaskedField m = new MaskedField(source, fieldBytes(source, mx.mask().asU32()), fieldBytes(source, mx.xor().asU32()));
        if (target == null || !LinearizeStatements.masksAfterSwap(target, m)
                || LinearizeStatements.swapsBeforeMask(m) != (swap == 1) || !LinearizeStatements.hostOrderMask(m).equals(mx)) {
            return null;
        }
        return new Step(new Statement.SetFromField(target, m), at + swap + 2 - i);
    }

    /** The low bytes of the number {@code value} as a constant of {@code field}: little-endian for a host-order field. */
    private static Bytes fieldBytes(Field field, int value) {
        Bytes bigEndian = bigEndian(value, field.length());
        if (!field.datatype().hostOrder()) {
            return bigEndian;
        }
        byte[] b = bigEndian.toArray();
        byte[] reversed = new byte[b.length];
        for (int k = 0; k < b.length; k++) {
            reversed[k] = b[b.length - 1 - k];
        }
        return Bytes.of(reversed);
    }

    /**
     * The value a meta or ct key is set from as nft lists it: a bit field that ends a byte ({@code ip hdrlength},
     * {@code vlan id}) is the masked header bytes to nft, {@code @nh,0,8 & 0xf}; other values as they are.
     */
    private static Field listedSource(Field target, Field source) {
        if (target instanceof PayloadField || !(source instanceof PayloadBitField p)
                || p.bitOffset() + p.bits() != (p.offset() + p.length()) * 8) {
            return source;
        }
        long bits = (1L << p.bits()) - 1;
        return MaskedField.and(new RawPayloadField(p.base(), p.offset() * 8, p.length() * 8), bigEndian((int) bits, p.length()));
    }

    /** The low {@code length} bytes of {@code value}, most significant first. */
    private static Bytes bigEndian(int value, int length) {
        byte[] b = new byte[length];
        for (int k = 0; k < length; k++) {
            b[k] = (byte) (value >>> (8 * (length - 1 - k)));
        }
        return Bytes.of(b);
    }

    /**
     * Whether the byteorder at {@code at} is the swap nft puts before a set from {@code source}: to host order before a
     * meta or ct key, to network order before a header write.
     */
    private static boolean swapBeforeSet(List<Expression> e, int at, Field source) {
        if (at + 1 >= e.size() || !(e.get(at) instanceof Byteorder b) || b.sreg() != REG || b.dreg() != REG
                || b.length() != source.length()) {
            return false;
        }
        Expression next = e.get(at + 1);
        return b.op() == Byteorder.Op.NTOH ? next instanceof Meta.Set || next instanceof Ct.Set : next instanceof Payload.Write;
    }

    /**
     * A key set from the packet: the load (and its mask), then an option write, nat, queue, meta set or ct set from
     * the register; or {@code null}.
     */
    private static Step keySet(DelinearizeContext c, int i, Load load) {
        List<Expression> e = c.expressions();
        Source read = keySource(c, i, load);
        Field source = read.field();
        int at = read.at();
        Statement option = optionWrite(source, e, at);
        if (option != null) {
            return new Step(option, at - i + (source.datatype().hostOrder() ? 2 : 1));
        }
        Step masked = maskedAfterSwap(e, i, at, source);
        if (masked != null) {
            return masked;
        }
        int swap = swapBeforeSet(e, at, source) ? 1 : 0;
        at += swap;
        Field target = at >= e.size() ? null : switch (e.get(at)) {
            case Meta.Set ms when ms.sreg() == REG -> MetaField.of(ms.key());
            case Ct.Set cs when cs.sreg() == REG -> CtField.of(cs.key(), cs.direction());
            // a header field written from a value: ip daddr set iifname map @m, ip saddr set ip daddr
            case Payload.Write w when w.sreg() == REG -> writtenField(w, c.l3(), c.l4(), c.icmpType());
            default -> null;
        };
        Natted computedTarget = computedTarget(source, e, at);
        if (computedTarget != null) {
            return new Step(computedTarget.statement(), at + computedTarget.consumed() - i);
        }
        if (at < e.size() && e.get(at) instanceof Queue.FromRegister q && q.sreg() == REG
                && (source instanceof ExpressionField || source instanceof MapLookupField || source instanceof HashField)) {
            var flags = DelinearizeStatements.queueFlags(q.flags());
            if (flags.isPresent()) {
                return new Step(new Statement.QueueStatement(0, 0, flags.get(), source), at - i + 1);
            }
        }
        boolean swapped = target != null && (LinearizeStatements.swapsToMark(target, source)
                || LinearizeStatements.swapsToHeader(target, source));
        if (target != null && swap == (swapped ? 1 : 0) && StatementArgument.mismatch(target, source) == null) {
            return new Step(new Statement.SetFromField(target, listedSource(target, source)), at - i + 1);
        }
        return null;
    }
}
