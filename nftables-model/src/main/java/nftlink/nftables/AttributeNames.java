package nftlink.nftables;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.AttributePath;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Names of nf_tables attributes as {@code nf_tables.h} spells them, so errors can
 * say {@code NFTA_CHAIN_HOOK > NFTA_HOOK_PRIORITY} or {@code NFTA_SET_ELEM_LIST_ELEMENTS >
 * element #3 > NFTA_SET_ELEM_KEY} instead of numbers, for batch operations and listings alike.
 */
final class AttributeNames implements AttributeNamer {

    /**
     * One attribute: its header name and what it contains; a list entry ({@code NFTA_LIST_ELEM})
     * is shown as {@code numbered} with its position, e.g. {@code expression #2}.
     */
    private record Node(String name, String numbered, Map<Integer, Node> children) {
        Node(String name, Map<Integer, Node> children) {
            this(name, null, children);
        }

        static Node leaf(String name) {
            return new Node(name, Map.of());
        }

        static Node entry(String numbered, Map<Integer, Node> children) {
            return new Node("NFTA_LIST_ELEM", numbered, children);
        }

        String shown(int index) {
            return numbered == null ? name : numbered + " #" + (index + 1);
        }
    }

    private static final Map<Integer, Node> EXPRESSION = Map.of(
            NfTablesUapi.NFTA_EXPR_NAME, Node.leaf("NFTA_EXPR_NAME"),
            NfTablesUapi.NFTA_EXPR_DATA, Node.leaf("NFTA_EXPR_DATA"));

    private static final Map<Integer, Node> DATA = Map.of(
            NfTablesUapi.NFTA_DATA_VALUE, Node.leaf("NFTA_DATA_VALUE"),
            NfTablesUapi.NFTA_DATA_VERDICT, new Node("NFTA_DATA_VERDICT", Map.of(
                    NfTablesUapi.NFTA_VERDICT_CODE, Node.leaf("NFTA_VERDICT_CODE"),
                    NfTablesUapi.NFTA_VERDICT_CHAIN, Node.leaf("NFTA_VERDICT_CHAIN"),
                    NfTablesUapi.NFTA_VERDICT_CHAIN_ID, Node.leaf("NFTA_VERDICT_CHAIN_ID"))));

    static final AttributeNames TABLE = new AttributeNames(Map.of(
            NfTablesUapi.NFTA_TABLE_NAME, Node.leaf("NFTA_TABLE_NAME"),
            NfTablesUapi.NFTA_TABLE_FLAGS, Node.leaf("NFTA_TABLE_FLAGS"),
            NfTablesUapi.NFTA_TABLE_HANDLE, Node.leaf("NFTA_TABLE_HANDLE"),
            NfTablesUapi.NFTA_TABLE_USERDATA, Node.leaf("NFTA_TABLE_USERDATA"),
            NfTablesUapi.NFTA_TABLE_OWNER, Node.leaf("NFTA_TABLE_OWNER")));

    static final AttributeNames CHAIN = new AttributeNames(Map.of(
            NfTablesUapi.NFTA_CHAIN_TABLE, Node.leaf("NFTA_CHAIN_TABLE"),
            NfTablesUapi.NFTA_CHAIN_HANDLE, Node.leaf("NFTA_CHAIN_HANDLE"),
            NfTablesUapi.NFTA_CHAIN_NAME, Node.leaf("NFTA_CHAIN_NAME"),
            NfTablesUapi.NFTA_CHAIN_HOOK, new Node("NFTA_CHAIN_HOOK", Map.of(
                    NfTablesUapi.NFTA_HOOK_HOOKNUM, Node.leaf("NFTA_HOOK_HOOKNUM"),
                    NfTablesUapi.NFTA_HOOK_PRIORITY, Node.leaf("NFTA_HOOK_PRIORITY"),
                    NfTablesUapi.NFTA_HOOK_DEV, Node.leaf("NFTA_HOOK_DEV"),
                    NfTablesUapi.NFTA_HOOK_DEVS, new Node("NFTA_HOOK_DEVS", Map.of(
                            NfTablesUapi.NFTA_DEVICE_NAME, Node.leaf("NFTA_DEVICE_NAME"))))),
            NfTablesUapi.NFTA_CHAIN_POLICY, Node.leaf("NFTA_CHAIN_POLICY"),
            NfTablesUapi.NFTA_CHAIN_TYPE, Node.leaf("NFTA_CHAIN_TYPE"),
            NfTablesUapi.NFTA_CHAIN_FLAGS, Node.leaf("NFTA_CHAIN_FLAGS"),
            NfTablesUapi.NFTA_CHAIN_USERDATA, Node.leaf("NFTA_CHAIN_USERDATA")));

    static final AttributeNames RULE = new AttributeNames(Map.of(
            NfTablesUapi.NFTA_RULE_TABLE, Node.leaf("NFTA_RULE_TABLE"),
            NfTablesUapi.NFTA_RULE_CHAIN, Node.leaf("NFTA_RULE_CHAIN"),
            NfTablesUapi.NFTA_RULE_HANDLE, Node.leaf("NFTA_RULE_HANDLE"),
            NfTablesUapi.NFTA_RULE_EXPRESSIONS, new Node("NFTA_RULE_EXPRESSIONS", Map.of(
                    NfTablesUapi.NFTA_LIST_ELEM, Node.entry("expression", EXPRESSION))),
            NfTablesUapi.NFTA_RULE_POSITION, Node.leaf("NFTA_RULE_POSITION"),
            NfTablesUapi.NFTA_RULE_USERDATA, Node.leaf("NFTA_RULE_USERDATA"),
            NfTablesUapi.NFTA_RULE_ID, Node.leaf("NFTA_RULE_ID")));

    static final AttributeNames OBJECT = new AttributeNames(Map.of(
            NfTablesUapi.NFTA_OBJ_TABLE, Node.leaf("NFTA_OBJ_TABLE"),
            NfTablesUapi.NFTA_OBJ_NAME, Node.leaf("NFTA_OBJ_NAME"),
            NfTablesUapi.NFTA_OBJ_TYPE, Node.leaf("NFTA_OBJ_TYPE"),
            NfTablesUapi.NFTA_OBJ_DATA, Node.leaf("NFTA_OBJ_DATA"),
            NfTablesUapi.NFTA_OBJ_HANDLE, Node.leaf("NFTA_OBJ_HANDLE"),
            NfTablesUapi.NFTA_OBJ_USERDATA, Node.leaf("NFTA_OBJ_USERDATA")));

    static final AttributeNames FLOWTABLE = new AttributeNames(Map.of(
            NfTablesUapi.NFTA_FLOWTABLE_TABLE, Node.leaf("NFTA_FLOWTABLE_TABLE"),
            NfTablesUapi.NFTA_FLOWTABLE_NAME, Node.leaf("NFTA_FLOWTABLE_NAME"),
            NfTablesUapi.NFTA_FLOWTABLE_HOOK, new Node("NFTA_FLOWTABLE_HOOK", Map.of(
                    NfTablesUapi.NFTA_FLOWTABLE_HOOK_NUM, Node.leaf("NFTA_FLOWTABLE_HOOK_NUM"),
                    NfTablesUapi.NFTA_FLOWTABLE_HOOK_PRIORITY, Node.leaf("NFTA_FLOWTABLE_HOOK_PRIORITY"),
                    NfTablesUapi.NFTA_FLOWTABLE_HOOK_DEVS, new Node("NFTA_FLOWTABLE_HOOK_DEVS", Map.of(
                            NfTablesUapi.NFTA_DEVICE_NAME, Node.leaf("NFTA_DEVICE_NAME"))))),
            NfTablesUapi.NFTA_FLOWTABLE_HANDLE, Node.leaf("NFTA_FLOWTABLE_HANDLE"),
            NfTablesUapi.NFTA_FLOWTABLE_FLAGS, Node.leaf("NFTA_FLOWTABLE_FLAGS")));

    static final AttributeNames SET = new AttributeNames(Map.ofEntries(
            Map.entry(NfTablesUapi.NFTA_SET_TABLE, Node.leaf("NFTA_SET_TABLE")),
            Map.entry(NfTablesUapi.NFTA_SET_NAME, Node.leaf("NFTA_SET_NAME")),
            Map.entry(NfTablesUapi.NFTA_SET_FLAGS, Node.leaf("NFTA_SET_FLAGS")),
            Map.entry(NfTablesUapi.NFTA_SET_KEY_TYPE, Node.leaf("NFTA_SET_KEY_TYPE")),
            Map.entry(NfTablesUapi.NFTA_SET_KEY_LEN, Node.leaf("NFTA_SET_KEY_LEN")),
            Map.entry(NfTablesUapi.NFTA_SET_DATA_TYPE, Node.leaf("NFTA_SET_DATA_TYPE")),
            Map.entry(NfTablesUapi.NFTA_SET_DATA_LEN, Node.leaf("NFTA_SET_DATA_LEN")),
            Map.entry(NfTablesUapi.NFTA_SET_POLICY, Node.leaf("NFTA_SET_POLICY")),
            Map.entry(NfTablesUapi.NFTA_SET_DESC, new Node("NFTA_SET_DESC", Map.of(
                    NfTablesUapi.NFTA_SET_DESC_SIZE, Node.leaf("NFTA_SET_DESC_SIZE"),
                    NfTablesUapi.NFTA_SET_DESC_CONCAT, new Node("NFTA_SET_DESC_CONCAT", Map.of(
                            NfTablesUapi.NFTA_LIST_ELEM, Node.entry("field", Map.of(
                                    NfTablesUapi.NFTA_SET_FIELD_LEN, Node.leaf("NFTA_SET_FIELD_LEN")))))))),
            Map.entry(NfTablesUapi.NFTA_SET_ID, Node.leaf("NFTA_SET_ID")),
            Map.entry(NfTablesUapi.NFTA_SET_TIMEOUT, Node.leaf("NFTA_SET_TIMEOUT")),
            Map.entry(NfTablesUapi.NFTA_SET_GC_INTERVAL, Node.leaf("NFTA_SET_GC_INTERVAL")),
            Map.entry(NfTablesUapi.NFTA_SET_USERDATA, Node.leaf("NFTA_SET_USERDATA")),
            Map.entry(NfTablesUapi.NFTA_SET_OBJ_TYPE, Node.leaf("NFTA_SET_OBJ_TYPE")),
            Map.entry(NfTablesUapi.NFTA_SET_HANDLE, Node.leaf("NFTA_SET_HANDLE")),
            Map.entry(NfTablesUapi.NFTA_SET_EXPR, new Node("NFTA_SET_EXPR", EXPRESSION)),
            Map.entry(NfTablesUapi.NFTA_SET_EXPRESSIONS, new Node("NFTA_SET_EXPRESSIONS", Map.of(
                    NfTablesUapi.NFTA_LIST_ELEM, Node.entry("expression", EXPRESSION))))));

    static final AttributeNames SET_ELEMENTS = new AttributeNames(Map.of(
            NfTablesUapi.NFTA_SET_ELEM_LIST_TABLE, Node.leaf("NFTA_SET_ELEM_LIST_TABLE"),
            NfTablesUapi.NFTA_SET_ELEM_LIST_SET, Node.leaf("NFTA_SET_ELEM_LIST_SET"),
            NfTablesUapi.NFTA_SET_ELEM_LIST_SET_ID, Node.leaf("NFTA_SET_ELEM_LIST_SET_ID"),
            NfTablesUapi.NFTA_SET_ELEM_LIST_ELEMENTS, new Node("NFTA_SET_ELEM_LIST_ELEMENTS", Map.of(
                    NfTablesUapi.NFTA_LIST_ELEM, Node.entry("element", Map.ofEntries(
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_KEY, new Node("NFTA_SET_ELEM_KEY", DATA)),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_KEY_END, new Node("NFTA_SET_ELEM_KEY_END", DATA)),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_DATA, new Node("NFTA_SET_ELEM_DATA", DATA)),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_FLAGS, Node.leaf("NFTA_SET_ELEM_FLAGS")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_TIMEOUT, Node.leaf("NFTA_SET_ELEM_TIMEOUT")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_EXPIRATION, Node.leaf("NFTA_SET_ELEM_EXPIRATION")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_USERDATA, Node.leaf("NFTA_SET_ELEM_USERDATA")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_EXPR, new Node("NFTA_SET_ELEM_EXPR", EXPRESSION)),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_OBJREF, Node.leaf("NFTA_SET_ELEM_OBJREF")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_EXPRESSIONS, new Node("NFTA_SET_ELEM_EXPRESSIONS", Map.of(
                                    NfTablesUapi.NFTA_LIST_ELEM, Node.entry("expression", EXPRESSION))))))))));

    private final Map<Integer, Node> top;

    private AttributeNames(Map<Integer, Node> top) {
        this.top = top;
    }

    @Override
    public String name(AttributePath path) {
        StringJoiner joiner = new StringJoiner(" > ");
        Map<Integer, Node> level = top;
        for (AttributePath.Step step : path.steps()) {
            Node node = level.get(step.type());
            if (node == null) {
                joiner.add("attribute type " + step.type());
                level = Map.of();
            } else {
                joiner.add(node.shown(step.index()));
                level = node.children();
            }
        }
        return joiner.toString();
    }
}
