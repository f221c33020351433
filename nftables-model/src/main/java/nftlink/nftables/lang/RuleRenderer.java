package nftlink.nftables.lang;

import nftlink.nftables.expr.Bytes;

import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.LongFunction;

/**
 * Prints rules in nft syntax, the way {@code nft list ruleset} prints them
 * (implicit {@code ==}, {@code counter packets N bytes M}, marks in hex, ...).
 *
 * @param cgroupPaths maps a cgroup ID to its path for {@code socket cgroupv2} matches,
 *                    returning {@code null} when unknown (the ID is printed then)
 */
public record RuleRenderer(LongFunction<String> cgroupPaths) {

    /** Prints cgroup IDs as numbers. */
    public static final RuleRenderer DEFAULT = new RuleRenderer(id -> null);

    public RuleRenderer {
        Objects.requireNonNull(cgroupPaths, "cgroupPaths");
    }

    /** The rule's statements and comment, as one line. */
    public String render(RuleSpec rule) {
        StringJoiner line = new StringJoiner(" ");
        for (Statement s : rule.statements()) {
            line.add(render(s));
        }
        if (rule.comment() != null) {
            line.add("comment \"" + rule.comment() + "\"");
        }
        return line.toString();
    }

    /** One statement. */
    public String render(Statement s) {
        return switch (s) {
            case Match m -> {
                String op = m.op() == Match.Op.EQ ? "" : m.op().text() + " ";
                yield m.field().text() + " " + op + value(m.field(), m.value());
            }
            case Statement.VerdictStatement v -> v.verdict().toString();
            case Statement.CounterStatement c -> "counter packets " + Long.toUnsignedString(c.packets())
                    + " bytes " + Long.toUnsignedString(c.bytes());
            case Statement.MetaSet ms -> ms.field().text() + " set " + ms.field().datatype().print(ms.value());
            case Statement.KernelExpression k -> k.expression().toDebugString();
        };
    }

    /** A value of {@code field} as nft prints it. */
    public String renderValue(Field field, Value v) {
        return value(field, v);
    }

    private String value(Field field, Value v) {
        return switch (v) {
            case Value.Single s -> single(field, s.bytes());
            case Value.Prefix p -> field.datatype().print(p.address()) + "/" + p.bits();
            case Value.Range r -> single(field, r.low()) + "-" + single(field, r.high());
            case Value.SetReference ref -> "@" + ref.name();
            case Value.SetLiteral l -> {
                StringJoiner j = new StringJoiner(", ", "{ ", " }");
                for (Value item : l.items()) {
                    j.add(value(field, item));
                }
                yield j.toString();
            }
        };
    }

    private String single(Field field, Bytes b) {
        if (field instanceof CtField ct && ct.isBitmask()) {
            return CtState.render(b.asU32());
        }
        if (field instanceof SocketCgroupField) {
            long id = 0;
            for (int i = 7; i >= 0; i--) {
                id = id << 8 | b.get(i);
            }
            String path = cgroupPaths.apply(id);
            return path != null ? "\"" + path + "\"" : Long.toUnsignedString(id);
        }
        return field.datatype().print(b);
    }
}
