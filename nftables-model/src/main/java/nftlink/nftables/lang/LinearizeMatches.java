package nftlink.nftables.lang;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Range;
import nftlink.nftables.lang.Linearizer.AnonymousSet;

/** Linearizes a match: its dependencies, the field's load and the compare, bit test, range or set lookup. */
final class LinearizeMatches {

    private static final int REG = NfTablesUapi.NFT_REG_1;

    private LinearizeMatches() {
    }

    /** Linearizes {@code m} after its dependencies: the field's load, then the test of its value. */
    static void match(LinearizeContext ctx, Match m) {
        int tags = LinearizeDependencies.vlanTags(ctx.established());
        if (tags > 1 && PayloadField.ofVlanTag(m.field(), tags) != m.field()) {
            // a field of an inner vlan tag
            m = new Match(PayloadField.ofVlanTag(m.field(), tags), m.op(), m.value());
        }
        inPlace(ctx, m);
    }

    /**
     * Linearizes {@code m}, whose field is where it is meant (a dependency: {@code vlan type} of the inner tag already
     * moved to it), after its dependencies.
     */
    static void inPlace(LinearizeContext ctx, Match m) {
        Set<Match> established = ctx.established();
        LinearizeDependencies.requireTunnelTransport(ctx, m.field());
        m = oneItemSet(m);
        int beforeDependencies = ctx.out().size();
        LinearizeDependencies.depend(ctx, m.field().text(), m.field().dependencies(ctx.spec().family()),
                LinearizeDependencies.networkHeaderOption(m.field()));
        boolean dependencyAdded = ctx.out().size() > beforeDependencies;
        if (m.op() == Match.Op.EQ && (m.value() instanceof Value.Single
                || m.field().equals(PayloadField.ICMP_TYPE) || m.field().equals(PayloadField.ICMPV6_TYPE))) {
            established.add(m);
        }
        Field field = m.field();
        List<Expression> out = ctx.out();
        switch (m.value()) {
            case Value.Single s -> single(ctx, m, s);
            case Value.Prefix p -> prefix(out, m, p);
            case Value.Range r when field instanceof ConcatField -> throw new IllegalArgumentException(
                    "unsupported: a range of " + field.text() + " outside a set (write it in braces: { ... })");
            case Value.Range r -> range(out, m, r);
            case Value.CatchAll c -> throw new IllegalArgumentException("* is a key of maps only");
            case Value.SetReference ref -> {
                // a named set holds a bit field's values: nft moves the bits down first
                out.addAll(BitValue.applies(field) ? BitValue.lookupLoads(field, REG, !dependencyAdded) : field.loads(REG));
                out.add(new Lookup(ref.name(), 0, REG, -1, m.op() == Match.Op.NEQ ? NfTablesUapi.NFT_LOOKUP_F_INV : null));
            }
            case Value.SetLiteral literal -> setLiteral(ctx, m, literal);
        }
    }

    /**
     * The match with a one-item set as its one item: nft compares with it instead of making the set; ct state
     * { new } tests the flag as ct state new does (nft makes other flags' one-item sets exact comparisons, == syn).
     */
    private static Match oneItemSet(Match m) {
        if (m.value() instanceof Value.SetLiteral literal && literal.items().size() == 1 && !(m.field() instanceof ConcatField)
                && (!flagTest(m.field()) || m.field().datatype() == Datatype.CT_STATE)
                && !(literal.items().getFirst() instanceof Value.CatchAll) && !literal.hasStatements()) {
            Value item = literal.items().getFirst();
            Bytes wildcard = m.field().datatype() == Datatype.IFNAME && item instanceof Value.Range r
                    ? SetElementListing.wildcard(r.low(), r.high()) : null;
            // an interface-name wildcard alone compares the name's first characters, iifname "eth*"
            return new Match(m.field(), m.op(), wildcard != null ? new Value.Single(wildcard) : item);
        }
        return m;
    }

    /** A match of one value: a flag test, a compare of a prefix load, a swapped ordered compare, or a compare. */
    private static void single(LinearizeContext ctx, Match m, Value.Single s) {
        Field field = m.field();
        List<Expression> out = ctx.out();
        if (flagTest(field) && m.op() == Match.Op.EQ) {
            out.addAll(field.loads(REG));
            out.add(new Bitwise.MaskXor(REG, REG, s.bytes(), Bytes.of(new byte[s.bytes().length()])));
            out.add(new Cmp(Cmp.Op.NEQ, REG, Bytes.of(new byte[s.bytes().length()])));
        } else if (ShiftedMask.applies(field) && (m.op() == Match.Op.EQ || m.op() == Match.Op.NEQ)) {
            // ip dscp & 0x3 == 0x1: nft moves the bits down before it masks them again
            out.addAll(ShiftedMask.linearize(m, s.bytes(), cmpOp(m.op())));
        } else if (s.bytes().length() < field.length() && partialLoad(field, s.bytes().length()) != null) {
            out.add(partialLoad(field, s.bytes().length()));
            out.add(new Cmp(cmpOp(m.op()), REG, s.bytes()));
        } else if (LinearizeByteOrder.ordersHostBytes(field) && m.op() != Match.Op.EQ && m.op() != Match.Op.NEQ
                && m.op() != Match.Op.EXACT) {
            out.addAll(field.loads(REG));
            out.add(LinearizeByteOrder.hton(field));
            out.add(new Cmp(cmpOp(m.op()), REG, s.bytes().reversed()));
        } else {
            out.addAll(field.loads(REG));
            Cmp cmp = new Cmp(cmpOp(m.op()), REG, s.bytes());
            out.add(cmp);
            if (field instanceof PayloadField pf && m.op() == Match.Op.EQ) {
                ctx.mergeable().put(cmp, pf.equals(PayloadField.ETHER_TYPE) || PayloadField.isVlanType(pf)
                        || pf.equals(PayloadField.IP_PROTOCOL) || pf.equals(PayloadField.IP6_NEXTHDR));
            } else if (field instanceof RawPayloadField raw && raw.bitOffset() % 8 == 0 && raw.bits() % 8 == 0
                    && m.op() == Match.Op.EQ) {
                // whole bytes of raw bits merge with their neighbours too (vlan type ip @ll,144,16 0x4500)
                ctx.mergeable().put(cmp, false);
            }
        }
    }

    /** A match of an address prefix: a shortened load, a compare of a ct address's first bytes, or a mask. */
    private static void prefix(List<Expression> out, Match m, Value.Prefix p) {
        Field field = m.field();
        if (p.bits() % 8 == 0 && p.bits() > 0 && partialLoad(field, p.bits() / 8) != null) {
            int bytes = p.bits() / 8;
            out.add(partialLoad(field, bytes));
            out.add(new Cmp(cmpOp(m.op()), REG, Bytes.of(Arrays.copyOf(p.address().toArray(), bytes))));
        } else if (p.bits() % 8 == 0 && p.bits() > 0 && field instanceof CtField) {
            // ct addresses are loaded whole and compared on their first bytes
            out.addAll(field.loads(REG));
            out.add(new Cmp(cmpOp(m.op()), REG, Bytes.of(Arrays.copyOf(p.address().toArray(), p.bits() / 8))));
        } else {
            out.addAll(field.loads(REG));
            out.add(new Bitwise.MaskXor(REG, REG, p.mask(), Bytes.of(new byte[p.address().length()])));
            out.add(new Cmp(cmpOp(m.op()), REG, p.address()));
        }
    }

    /** A match of a range: one range expression, on the swapped value of a host-order field. */
    private static void range(List<Expression> out, Match m, Value.Range r) {
        Field field = m.field();
        out.addAll(field.loads(REG));
        Bytes low = r.low();
        Bytes high = r.high();
        if (LinearizeByteOrder.ordersHostBytes(field)) {
            // the kernel compares bytes as big-endian numbers: swap host-order values first
            out.add(LinearizeByteOrder.hton(field));
            low = low.reversed();
            high = high.reversed();
        }
        // one range expression, as the conformance vectors (newer nft) have it; nft 1.0.6 sent
        // cmp gte + cmp lte for ==, which the delinearizer still reads
        out.add(new Range(m.op() == Match.Op.EQ ? Range.Op.EQ : Range.Op.NEQ, REG, low, high));
    }

    /** A match of an anonymous set: the set, the field's load and the lookup. */
    private static void setLiteral(LinearizeContext ctx, Match m, Value.SetLiteral literal) {
        Field field = m.field();
        List<Expression> out = ctx.out();
        boolean swap = literal.hasIntervals() && LinearizeByteOrder.ordersHostBytes(field);
        boolean swapParts = literal.hasIntervals() && field instanceof ConcatField c && LinearizeByteOrder.hasHostOrderPart(c);
        // nft moves a bit field's bits down before an interval set, whose keys are values (ip dscp { 0x08-0x0f })
        boolean shift = literal.hasIntervals() && BitValue.shiftsForIntervals(field);
        // intervals are ordered as big-endian numbers: host-order values are swapped first, as nft does
        AnonymousSet set = LinearizeSets.anonymousSet(ctx.spec(), ctx.ids(), field, swap ? LinearizeByteOrder.reversedItems(literal)
                : swapParts ? LinearizeByteOrder.bigEndianParts((ConcatField) field, literal)
                : shift ? BitValue.intervalKeys(field, literal) : literal);
        ctx.sets().add(set);
        out.addAll(swapParts ? LinearizeByteOrder.bigEndianLoads((ConcatField) field)
                : shift ? BitValue.intervalLoads(field, REG) : field.loads(REG));
        if (swap) {
            out.add(LinearizeByteOrder.hton(field));
        }
        out.add(new Lookup(set.set().name(), set.set().id(), REG, -1, m.op() == Match.Op.NEQ ? NfTablesUapi.NFT_LOOKUP_F_INV : null));
    }

    /** Whether {@code FIELD VALUE} tests for any of the value's bits, as nft does for ct state or tcp flags. */
    static boolean flagTest(Field field) {
        return !(field instanceof ConcatField) && !(field instanceof MaskedField) && field.datatype().isBitmask()
                && field.datatype() != Datatype.CT_EVENT;
    }

    /** The load of the first {@code bytes} bytes of a header field (a prefix), or {@code null} for other fields. */
    private static Expression partialLoad(Field field, int bytes) {
        return switch (field) {
            case PayloadField p -> p.load(REG, bytes);
            case InnerField in -> in.load(REG, bytes);
            default -> null;
        };
    }

    /** The compare operation of a match operation. */
    private static Cmp.Op cmpOp(Match.Op op) {
        return switch (op) {
            case EQ, EXACT -> Cmp.Op.EQ;
            case NEQ -> Cmp.Op.NEQ;
            case LT -> Cmp.Op.LT;
            case GT -> Cmp.Op.GT;
            case LTE -> Cmp.Op.LTE;
            case GTE -> Cmp.Op.GTE;
        };
    }
}
