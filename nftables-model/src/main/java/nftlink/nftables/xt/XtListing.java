package nftlink.nftables.xt;

import nftlink.nftables.lang.Match;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.XtMatch;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.expr.XtTarget;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.List;
import java.util.Map;

/**
 * How nft 1.1.3 lists the xtables matches and targets of a rule: as text, libxtables'
 * translation of the extension (or {@code xt match "NAME"} when it has none, or the struct
 * is not one nftlink reads exactly); as JSON, always {@code {"xt": {"type": ..., "name": ...}}}.
 * The rule keeps the kernel expression and its bytes: this is only how it lists.
 */
public final class XtListing {
    /** The transport protocols nft tells an extension about, by the name their matches use. */
    private static final Map<String, Integer> PROTOCOLS = Map.of("tcp", 6, "udp", 17, "udplite", 136, "sctp", 132,
            "dccp", 33, "esp", 50, "ah", 51);

    private XtListing() {
    }

    /**
     * Whether {@code s} is an xtables match or target kept as its kernel expression.
     *
     * @param s the statement
     * @return whether it is an xtables extension
     */
    public static boolean isXt(Statement s) {
        return s instanceof Statement.KernelExpression k && (k.expression() instanceof XtMatch || k.expression() instanceof XtTarget);
    }

    /**
     * The text of statement {@code index} of {@code rule}, which {@link #isXt} accepts.
     *
     * @param rule the rule
     * @param index the statement's index
     * @return the text
     */
    public static String text(RuleSpec rule, int index) {
        Statement.KernelExpression k = (Statement.KernelExpression) rule.statements().get(index);
        return text(k.expression(), new XtContext(rule.family(), protocol(rule.statements().subList(0, index))));
    }

    /**
     * The text of the match or target {@code e} in {@code context}.
     *
     * @param e the {@code match} or {@code target} expression
     * @param context the rule's family and protocol
     * @return the text
     */
    public static String text(Expression e, XtContext context) {
        try {
            return XtExtensions.decode(e, context.family()).flatMap(info -> info.text(context))
                    .orElseGet(() -> fallback(e, context.family()));
        } catch (NetlinkDecodeException malformed) {
            return fallback(e, context.family());
        }
    }

    /**
     * {@code xt match|target|watcher "NAME"}: nft's text for an extension it does not translate.
     *
     * @param e the {@code match} or {@code target} expression
     * @param family the table's family
     * @return the text
     */
    public static String fallback(Expression e, Family family) {
        return "xt " + type(e, family) + " \"" + name(e) + "\"";
    }

    /**
     * nft's JSON for the match or target {@code e}: {@code {"xt": {"type": "match", "name": "NAME"}}}.
     *
     * @param e the {@code match} or {@code target} expression
     * @param family the table's family
     * @return the JSON
     */
    public static JsonValue json(Expression e, Family family) {
        return JsonValue.single("xt", JsonValue.object().put("type", type(e, family)).put("name", name(e)).build());
    }

    /**
     * The transport protocol nft's protocol context holds after {@code before}: the last matched
     * layer-4 protocol or transport header, when it is one nft tells extensions about; else 0.
     *
     * @param before the statements before the extension
     * @return the protocol number, or 0 when none
     */
    public static int protocol(List<Statement> before) {
        int protocol = 0;
        for (Statement s : before) {
            if (!(s instanceof Match m)) {
                continue;
            }
            if ((m.field().equals(MetaField.L4PROTO) || m.field().equals(PayloadField.IP_PROTOCOL)
                    || m.field().equals(PayloadField.IP6_NEXTHDR))
                    && m.op() == Match.Op.EQ && m.value() instanceof Value.Single v) {
                Bytes b = v.bytes();
                protocol = PROTOCOLS.containsValue(b.get(0)) ? b.get(0) : 0;
            } else if (m.field() instanceof PayloadField p && p.base() == Payload.Base.TRANSPORT) {
                protocol = PROTOCOLS.getOrDefault(p.protocol(), 0);
            }
        }
        return protocol;
    }

    private static String type(Expression e, Family family) {
        if (e instanceof XtTarget t) {
            boolean watcher = family == Family.BRIDGE && (t.target().equals("log") || t.target().equals("nflog"));
            return watcher ? "watcher" : "target";
        }
        return "match";
    }

    private static String name(Expression e) {
        return switch (e) {
            case XtMatch m -> m.match();
            case XtTarget t -> t.target();
            default -> throw new IllegalArgumentException("not an xtables match or target: " + e.name());
        };
    }
}
