package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.RawAttribute;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static nftlink.netlink.Netlink.NLA_HDRLEN;
import static nftlink.nftables.NfTablesUapi.NFTA_EXPR_DATA;
import static nftlink.nftables.NfTablesUapi.NFTA_EXPR_NAME;
import static nftlink.nftables.NfTablesUapi.NFTA_LIST_ELEM;

/**
 * Encoding and decoding of expression lists ({@code NFTA_RULE_EXPRESSIONS}), the
 * registry of expression codecs, and libnftnl's text form.
 *
 * <p>Decoding is lossless: an expression whose name is unknown, whose data does
 * not decode, or whose typed form would not re-encode to the very bytes received
 * becomes a {@link RawExpression} that does.
 */
public final class Expressions {

    private static final System.Logger LOG = System.getLogger(Expressions.class.getName());

    /**
     * One kind of expression, as the kernel's {@code struct nft_expr_type} names it: how to decode it from its {@code NFTA_EXPR_DATA}
     * attributes and parse it from libnftnl's text.
     *
     * @param name    the kernel name
     * @param decoder decodes the data attributes (an empty list when the kernel sent none); it may
     *                pass over attributes it does not model, since an expression that does not
     *                re-encode to the bytes received is kept raw
     * @param parser  parses the text after the name
     */
    public record ExpressionType(String name, Function<Attributes, Expression> decoder, Function<DebugReader, Expression> parser) {
    }

    private static final Map<String, ExpressionType> TYPES = index(
            // core
            Payload.TYPE, Meta.TYPE, Cmp.TYPE, Immediate.TYPE, Bitwise.TYPE, Lookup.TYPE, Counter.TYPE
            // loads into registers, and operations on them
            , Ct.TYPE, Socket.TYPE, Fib.TYPE, Rt.TYPE, Exthdr.TYPE, Numgen.TYPE, Hash.TYPE, Xfrm.TYPE,
            Osf.TYPE, Byteorder.TYPE, Range.TYPE
            // statements
            , Limit.TYPE, Quota.TYPE, Log.TYPE, Reject.TYPE, Nat.TYPE, Masq.TYPE, Redir.TYPE, Tproxy.TYPE,
            Dynset.TYPE, Objref.TYPE, Notrack.TYPE, Dup.TYPE, Fwd.TYPE, Connlimit.TYPE, Synproxy.TYPE,
            Queue.TYPE, Last.TYPE, XtMatch.TYPE, XtTarget.TYPE, Inner.TYPE
    );

    private Expressions() {
    }

    private static Map<String, ExpressionType> index(ExpressionType... types) {
        Map<String, ExpressionType> map = new LinkedHashMap<>();
        for (ExpressionType c : types) {
            if (map.put(c.name(), c) != null) {
                throw new IllegalStateException("two codecs for " + c.name());
            }
        }
        return Map.copyOf(map);
    }

    /**
     * The names of all expressions the library models.
     *
     * @return the expression names, as the kernel knows them
     */
    public static Set<String> knownNames() {
        return TYPES.keySet();
    }

    /**
     * Writes {@code expressions} as a list attribute of type {@code listType}, exactly as the kernel
     * dumps it.
     *
     * @param w the writer
     * @param listType the list attribute's type, such as {@code NFTA_RULE_EXPRESSIONS}
     * @param expressions the expressions, in order
     */
    public static void write(MessageWriter w, int listType, List<? extends Expression> expressions) {
        writeList(w, listType, expressions, true);
    }

    /**
     * Writes {@code expressions} as a list attribute of type {@code listType} for a
     * request: as {@link #write}, but each {@code NFTA_EXPR_NAME} without its
     * terminating NUL. The kernel finds an expression's type by comparing the name
     * with every registered type ({@code __nft_expr_type_get}, some sixty on Linux
     * 6.18), and {@code nla_strcmp} first strips trailing NULs at each comparison;
     * without one, committing rules takes about 2 % less kernel time (measured with
     * the batch of {@code BatchBenchmark}). The kernel accepts either form.
     *
     * @param w the writer
     * @param listType the list attribute's type, such as {@code NFTA_RULE_EXPRESSIONS}
     * @param expressions the expressions, in order
     */
    public static void writeRequest(MessageWriter w, int listType, List<? extends Expression> expressions) {
        writeList(w, listType, expressions, false);
    }

    private static void writeList(MessageWriter w, int listType, List<? extends Expression> expressions,
                                  boolean terminatedNames) {
        int list = w.beginNested(listType, false);
        for (Expression e : expressions) {
            int elem = w.beginNested(NFTA_LIST_ELEM, false);
            writeBody(w, e, terminatedNames);
            w.endNested(elem);
        }
        w.endNested(list);
    }

    /**
     * Writes one {@code NFTA_LIST_ELEM} holding {@code e}.
     *
     * @param w the writer
     * @param e the expression
     */
    public static void writeElement(MessageWriter w, Expression e) {
        int elem = w.beginNested(NFTA_LIST_ELEM, false);
        writeBody(w, e, true);
        w.endNested(elem);
    }

    /**
     * Writes {@code NFTA_EXPR_NAME} and {@code NFTA_EXPR_DATA} of {@code e} into the
     * current nest (a list element, or an attribute such as {@code NFTA_SET_EXPR}).
     *
     * @param w the writer
     * @param e the expression
     */
    public static void writeElementBody(MessageWriter w, Expression e) {
        writeBody(w, e, true);
    }

    private static void writeBody(MessageWriter w, Expression e, boolean terminatedName) {
        if (terminatedName) {
            w.attrString(NFTA_EXPR_NAME, e.name());
        } else {
            w.attrStringUnterminated(NFTA_EXPR_NAME, e.name());
        }
        writeData(w, e);
    }

    private static void writeData(MessageWriter w, Expression e) {
        if (e instanceof RawExpression raw) {
            if (raw.data() != null) {
                raw.data().write(w);
            }
        } else {
            int data = w.beginNested(NFTA_EXPR_DATA, false);
            e.writeData(w);
            // asking hasData() only of the few that wrote nothing saves a megamorphic call per expression
            if (w.position() == data + NLA_HDRLEN && !e.hasData()) {
                w.truncate(data);
            } else {
                w.endNested(data);
            }
        }
    }

    /**
     * Decodes a list attribute of expressions.
     *
     * @param list the list attribute
     * @return the expressions, in order
     */
    public static List<Expression> decodeList(Attribute list) {
        Attributes elems = list.nested();
        Expression[] out = new Expression[elems.size()];
        for (int i = 0; i < out.length; i++) {
            Attribute elem = elems.get(i);
            if (elem.type() != NFTA_LIST_ELEM) {
                throw new NetlinkDecodeException("expression list: unexpected attribute " + elem.type());
            }
            out[i] = decode(elem);
        }
        return List.of(out);
    }

    /**
     * Decodes one {@code NFTA_LIST_ELEM} (or another attribute holding an expression's name and data).
     *
     * @param element the attribute
     * @return the expression
     */
    public static Expression decode(Attribute element) {
        String name = null;
        Attribute data = null;
        for (Attribute a : element.nested()) {
            switch (a.type()) {
                case NFTA_EXPR_NAME -> name = a.string();
                case NFTA_EXPR_DATA -> data = a;
                default -> throw new NetlinkDecodeException("expression: unexpected attribute " + a.type());
            }
        }
        if (name == null) {
            throw new NetlinkDecodeException("expression without NFTA_EXPR_NAME");
        }
        ExpressionType codec = TYPES.get(name);
        if (codec == null) {
            return new RawExpression(name, data == null ? null : RawAttribute.of(data));
        }
        Expression typed;
        try {
            typed = codec.decoder().apply(data == null ? Attributes.empty() : data.nested());
        } catch (NetlinkDecodeException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "kept {0} expression raw: {1}", name, e.getMessage());
            return new RawExpression(name, data == null ? null : RawAttribute.of(data));
        }
        if (!reencodesTo(typed, data)) {
            LOG.log(System.Logger.Level.DEBUG, "kept {0} expression raw: its data holds more than the model", name);
            return new RawExpression(name, data == null ? null : RawAttribute.of(data));
        }
        return typed;
    }

    /** Reused per thread for the round-trip check, so decoding allocates no buffers. */
    private static final ThreadLocal<MessageWriter> SCRATCH = ThreadLocal.withInitial(() -> new MessageWriter(512));

    /** Whether {@code typed} writes exactly the received data attribute (or none when there was none). */
    private static boolean reencodesTo(Expression typed, Attribute data) {
        if ((data != null) != typed.hasData()) {
            return false;
        }
        MessageWriter w = SCRATCH.get().reset();
        typed.writeData(w);
        if (data == null) {
            return w.position() == 0;
        }
        return w.position() == data.length() && MemorySegment.mismatch(
                w.written(), 0, w.position(), data.segment(), data.valueOffset(), data.valueOffset() + data.length()) == -1;
    }

    /**
     * libnftnl's text for a list of expressions: one {@code   [ ... ]} line each.
     *
     * @param expressions the expressions
     * @return the text
     */
    public static String debug(List<? extends Expression> expressions) {
        StringBuilder sb = new StringBuilder();
        for (Expression e : expressions) {
            sb.append("  ").append(e.toDebugString()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Parses libnftnl's text (lines of {@code [ ... ]}; other lines are ignored) into
     * expressions, tracking register contents across the lines.
     *
     * @param text libnftnl's text
     * @return the expressions, in order
     * @throws DebugSyntaxException for text this library cannot read
     */
    public static List<Expression> parseDebug(String text) {
        Map<Integer, Integer> registers = new HashMap<>();
        List<Expression> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("[") || !l.endsWith("]")) {
                continue;
            }
            out.add(parseLine(l, registers));
        }
        return out;
    }

    /** One bracketed expression line, tracking register contents in {@code registers}. */
    static Expression parseLine(String line, Map<Integer, Integer> registers) {
        DebugReader reader = new DebugReader(line, registers);
        String name = reader.next();
        ExpressionType codec = TYPES.get(name);
        if (codec == null) {
            throw reader.error("unknown expression '" + name + "'");
        }
        Expression e = codec.parser().apply(reader);
        reader.end();
        return e;
    }

    /** Fails for an attribute an expression does not model. */
    static NetlinkDecodeException unexpected(String expression, Attribute a) {
        return new NetlinkDecodeException(expression + ": unexpected attribute " + a.type());
    }

    /** Fails for a missing attribute. */
    static NetlinkDecodeException missing(String expression, String attribute) {
        return new NetlinkDecodeException(expression + ": missing " + attribute);
    }
}
