package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code dynset}: adds, updates or deletes the element whose key is in a register
 * from the packet path ({@code add @s { ip saddr counter }}), with the mapped data
 * from another register for maps, an element timeout, and stateful expressions
 * attached to the new element.
 *
 * <p>One attached expression travels as {@code NFTA_DYNSET_EXPR}, several as the
 * list {@code NFTA_DYNSET_EXPRESSIONS}, as the kernel and libnftnl write them.
 *
 * @param op          {@code NFT_DYNSET_OP_ADD}, {@code NFT_DYNSET_OP_UPDATE} or {@code NFT_DYNSET_OP_DELETE}
 * @param sregKey     the register holding the key
 * @param sregData    the register holding the mapped data, or {@code null}
 * @param set         the set name
 * @param setId       the transaction-local ID of a set added in the same batch, or 0
 * @param timeout     the element timeout in milliseconds, or {@code null} when absent (the kernel
 *                    always lists one, 0 for none)
 * @param expressions stateful expressions for the element
 * @param flags       {@code NFT_DYNSET_F_*}, or {@code null} when absent (the kernel always lists them)
 */
public record Dynset(int op, int sregKey, Integer sregData, String set, int setId, Long timeout,
                     List<Expression> expressions, Integer flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("dynset", Dynset::decode, Dynset::parse);

    /** Checks the component: {@code set} not null; copies the expressions. */
    public Dynset {
        Objects.requireNonNull(set, "set");
        expressions = List.copyOf(expressions);
    }

    /**
     * The form in which a listed dynset can be added again. The kernel lists a timeout of 0
     * for "the set's default", but refuses any timeout attribute for a set without the timeout
     * flag: a zero timeout is left out, which means the same. And it takes a list of several
     * expressions only with {@code NFT_DYNSET_F_EXPR}, a flag it does not list: it is set.
     *
     * @return the expression without listing-only attributes
     */
    public Dynset asRequest() {
        Long requestTimeout = timeout != null && timeout == 0 ? null : timeout;
        Integer requestFlags = expressions.size() > 1 ? (flags == null ? 0 : flags) | NFT_DYNSET_F_EXPR : flags;
        return new Dynset(op, sregKey, sregData, set, setId, requestTimeout, expressions, requestFlags);
    }

    @Override
    public String name() {
        return "dynset";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_DYNSET_SREG_KEY, sregKey);
        if (sregData != null) {
            w.attrU32Be(NFTA_DYNSET_SREG_DATA, sregData);
        }
        w.attrU32Be(NFTA_DYNSET_OP, op);
        w.attrString(NFTA_DYNSET_SET_NAME, set);
        w.attrU32BeUnlessZero(NFTA_DYNSET_SET_ID, setId);
        if (timeout != null) {
            w.attrU64Be(NFTA_DYNSET_TIMEOUT, timeout);
        }
        if (expressions.size() == 1) {
            writeBody(w, NFTA_DYNSET_EXPR, expressions.getFirst());
        } else if (expressions.size() > 1) {
            int list = w.beginNested(NFTA_DYNSET_EXPRESSIONS, false);
            for (Expression e : expressions) {
                writeBody(w, NFTA_LIST_ELEM, e);
            }
            w.endNested(list);
        }
        if (flags != null) {
            w.attrU32Be(NFTA_DYNSET_FLAGS, flags);
        }
    }

    /** An expression's name and data inside an attribute of type {@code type}. */
    private static void writeBody(MessageWriter w, int type, Expression e) {
        int nest = w.beginNested(type, false);
        w.attrString(NFTA_EXPR_NAME, e.name());
        if (e instanceof RawExpression raw) {
            if (raw.data() != null) {
                raw.data().write(w);
            }
        } else if (e.hasData()) {
            int data = w.beginNested(NFTA_EXPR_DATA, false);
            e.writeData(w);
            w.endNested(data);
        }
        w.endNested(nest);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("dynset ").append(opText(op)).append(" reg_key ").append(Integer.toUnsignedString(sregKey))
                .append(" set ").append(set);
        if (sregData != null) {
            sb.append(" sreg_data ").append(Integer.toUnsignedString(sregData));
        }
        if (timeout != null) {
            sb.append(" timeout ").append(Long.toUnsignedString(timeout)).append("ms");
        }
        for (Expression e : expressions) {
            sb.append(" expr ").append(e.toDebugString());
        }
    }

    private static String opText(int op) {
        return switch (op) {
            case NFT_DYNSET_OP_ADD -> "add";
            case NFT_DYNSET_OP_UPDATE -> "update";
            case NFT_DYNSET_OP_DELETE -> "delete";
            default -> "unknown";
        };
    }

    private static Dynset decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_DYNSET_MAX);
        Attribute one = tb.get(NFTA_DYNSET_EXPR);
        Attribute list = tb.get(NFTA_DYNSET_EXPRESSIONS);
        List<Expression> expressions = list != null ? Expressions.decodeList(list)
                : one != null ? List.of(Expressions.decode(one)) : List.of();
        return new Dynset(tb.require(NFTA_DYNSET_OP).u32Be(), tb.require(NFTA_DYNSET_SREG_KEY).u32Be(),
                tb.u32Be(NFTA_DYNSET_SREG_DATA), tb.require(NFTA_DYNSET_SET_NAME).string(), tb.u32BeOr(NFTA_DYNSET_SET_ID, 0),
                tb.u64Be(NFTA_DYNSET_TIMEOUT), expressions, tb.u32Be(NFTA_DYNSET_FLAGS));
    }

    private static Dynset parse(DebugReader r) {
        String opText = r.next();
        int op = switch (opText) {
            case "add" -> NFT_DYNSET_OP_ADD;
            case "update" -> NFT_DYNSET_OP_UPDATE;
            case "delete" -> NFT_DYNSET_OP_DELETE;
            default -> throw r.error("unknown dynset op '" + opText + "'");
        };
        r.expect("reg_key");
        int sregKey = DebugText.u32(r);
        r.expect("set");
        String set = r.next();
        Integer sregData = DebugText.optionalNumber(r, "sreg_data");
        Long timeout = null;
        if (r.accept("timeout")) {
            String t = r.next();
            try {
                if (!t.endsWith("ms")) {
                    throw new NumberFormatException();
                }
                timeout = Long.parseUnsignedLong(t.substring(0, t.length() - 2));
            } catch (NumberFormatException e) {
                throw r.error("expected a timeout like 1000ms but found '" + t + "'");
            }
        }
        List<Expression> expressions = new ArrayList<>();
        while (r.accept("expr")) {
            List<Expression> nested = Expressions.parseDebug(r.bracketed());
            if (nested.size() != 1) {
                throw r.error("expected one nested expression");
            }
            expressions.add(nested.getFirst());
        }
        return new Dynset(op, sregKey, sregData, set, 0, timeout, expressions, null);
    }
}
