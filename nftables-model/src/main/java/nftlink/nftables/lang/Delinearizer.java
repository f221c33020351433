package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bitwise;
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
    }

    private Delinearizer() {
    }

    /** Delinearizes {@code rule}; anonymous sets are looked up through {@code sets}. */
    public static RuleSpec delinearize(Rule rule, SetContents sets) {
        List<Expression> e = rule.expressions();
        List<Statement> out = new ArrayList<>();
        String l4 = null;
        String l3 = switch (rule.family()) {
            case IP -> "ip";
            case IP6 -> "ip6";
            default -> null;
        };
        int i = 0;
        while (i < e.size()) {
            Expression x = e.get(i);
            int consumed = 0;
            Statement s = null;
            Field field = fieldOf(x, l3, l4);
            if (field != null && i + 1 < e.size()) {
                int loaded = loadedLength(x);
                Matched m = matchAfterLoad(field, loaded, e, i + 1, sets);
                if (m != null) {
                    s = m.match();
                    consumed = 1 + m.consumed();
                    if (m.match().op() == Match.Op.EQ && m.match().value() instanceof Value.Single single) {
                        if (field.equals(MetaField.L4PROTO) || field.equals(PayloadField.IP_PROTOCOL) || field.equals(PayloadField.IP6_NEXTHDR)) {
                            l4 = switch (single.bytes().get(0)) {
                                case 6 -> "tcp";
                                case 17 -> "udp";
                                default -> l4;
                            };
                        } else if (field.equals(MetaField.NFPROTO)) {
                            l3 = single.bytes().get(0) == 2 ? "ip" : single.bytes().get(0) == 10 ? "ip6" : l3;
                        } else if (field.equals(MetaField.PROTOCOL)) {
                            long type = single.bytes().asBigEndian();
                            l3 = type == 0x0800 ? "ip" : type == 0x86dd ? "ip6" : l3;
                        }
                    }
                }
            }
            if (s == null && x instanceof Immediate imm && imm.dreg() == NfTables.NFT_REG_VERDICT
                    && imm.data() instanceof Data.OfVerdict v) {
                s = new Statement.VerdictStatement(v.verdict());
                consumed = 1;
            }
            if (s == null && x instanceof Immediate imm && imm.data() instanceof Data.Value v && i + 1 < e.size()
                    && e.get(i + 1) instanceof Meta.Set set && set.sreg() == imm.dreg() && MetaField.of(set.key()) != null
                    && v.bytes().length() == MetaField.of(set.key()).length()) {
                s = new Statement.MetaSet(MetaField.of(set.key()), v.bytes());
                consumed = 2;
            }
            if (s == null && x instanceof Counter c) {
                s = new Statement.CounterStatement(c.packets(), c.bytes());
                consumed = 1;
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

    /** A match read after a load, and how many expressions after the load it used. */
    private record Matched(Match match, int consumed) {
    }

    private static Field fieldOf(Expression x, String l3, String l4) {
        return switch (x) {
            case Meta.Load m when m.dreg() == REG -> MetaField.of(m.key());
            case Ct.Load c when c.dreg() == REG && c.direction() == null -> CtField.of(c.key());
            case Socket s when s.dreg() == REG && s.key() == Socket.Key.CGROUPV2 && s.level() != null -> new SocketCgroupField(s.level());
            case Payload.Load p when p.dreg() == REG -> payloadField(p, l3, l4);
            default -> null;
        };
    }

    private static PayloadField payloadField(Payload.Load p, String l3, String l4) {
        String hint = p.base() == Payload.Base.TRANSPORT ? l4 : p.base() == Payload.Base.NETWORK ? l3 : "ether";
        for (PayloadField f : PayloadField.ALL) {
            if (f.base() == p.base() && f.offset() == p.offset() && p.length() <= f.length()
                    && (hint == null || f.protocol().equals(hint))
                    && (p.length() == f.length() || f.datatype() == Datatype.IPV4_ADDR || f.datatype() == Datatype.IPV6_ADDR)) {
                return f;
            }
        }
        return null;
    }

    private static int loadedLength(Expression x) {
        return x instanceof Payload.Load p ? p.length() : -1;
    }

    private static Matched matchAfterLoad(Field field, int loaded, List<Expression> e, int at, SetContents sets) {
        Expression next = e.get(at);
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
            if (field instanceof CtField ct && ct.isBitmask() && c.op() == Cmp.Op.NEQ && isZero(c.data())) {
                return new Matched(new Match(field, Match.Op.EQ, new Value.Single(b.mask())), 2);
            }
            int bits = prefixBits(b.mask());
            if (bits >= 0 && b.mask().length() == field.length() && (c.op() == Cmp.Op.EQ || c.op() == Cmp.Op.NEQ)) {
                try {
                    return new Matched(new Match(field, c.op() == Cmp.Op.EQ ? Match.Op.EQ : Match.Op.NEQ,
                            new Value.Prefix(c.data(), bits)), 2);
                } catch (IllegalArgumentException notAPrefix) {
                    return null;
                }
            }
            return null;
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

    /** Reads an anonymous set's elements back into items, sorted as nft lists them. */
    static Value.SetLiteral literal(Field field, List<SetElement> elements) {
        int length = field.length();
        boolean interval = elements.stream().anyMatch(x -> (x.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0);
        List<Value> items = new ArrayList<>();
        for (SetElement x : elements) {
            if (x.key().length() != length || x.data() != null) {
                return null;
            }
        }
        if (!interval) {
            elements.stream().map(SetElement::key).sorted(field.datatype().elementOrder())
                    .forEach(k -> items.add(new Value.Single(k)));
            return new Value.SetLiteral(items);
        }
        List<SetElement> sorted = new ArrayList<>(elements);
        sorted.sort(Comparator.comparing(x -> Linearizer.number(x.key())));
        BigInteger max = BigInteger.ONE.shiftLeft(8 * length).subtract(BigInteger.ONE);
        for (int i = 0; i < sorted.size(); i++) {
            SetElement start = sorted.get(i);
            if ((start.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) != 0) {
                continue;
            }
            BigInteger low = Linearizer.number(start.key());
            BigInteger high = i + 1 < sorted.size() ? Linearizer.number(sorted.get(i + 1).key()).subtract(BigInteger.ONE) : max;
            items.add(rangeItem(field, low, high, length));
        }
        return items.isEmpty() ? null : new Value.SetLiteral(items);
    }

    private static Value rangeItem(Field field, BigInteger low, BigInteger high, int length) {
        if (low.equals(high)) {
            return new Value.Single(Linearizer.bytes(low, length));
        }
        boolean address = field.datatype() == Datatype.IPV4_ADDR || field.datatype() == Datatype.IPV6_ADDR;
        BigInteger size = high.subtract(low).add(BigInteger.ONE);
        if (address && size.bitCount() == 1 && low.mod(size).signum() == 0) {
            int hostBits = size.bitLength() - 1;
            return new Value.Prefix(Linearizer.bytes(low, length), 8 * length - hostBits);
        }
        return new Value.Range(Linearizer.bytes(low, length), Linearizer.bytes(high, length));
    }

    /** Drops the protocol matches that a later match implies, as nft does when listing. */
    private static List<Statement> foldDependencies(Family family, List<Statement> statements) {
        List<Statement> out = new ArrayList<>(statements);
        for (int i = out.size() - 1; i >= 0; i--) {
            if (!(out.get(i) instanceof Match m)) {
                continue;
            }
            List<Match> deps;
            try {
                deps = m.field().dependencies(family);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (Match dep : deps) {
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
