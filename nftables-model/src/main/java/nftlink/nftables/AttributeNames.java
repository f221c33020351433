package nftlink.nftables;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.AttributePath;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Names of nf_tables attributes as {@code nf_tables.h} spells them, so errors can
 * say {@code NFTA_CHAIN_HOOK > NFTA_HOOK_PRIORITY} instead of numbers.
 */
final class AttributeNames implements AttributeNamer {

    private record Node(String name, Map<Integer, Node> children) {
        static Node leaf(String name) {
            return new Node(name, Map.of());
        }
    }

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
                    NfTablesUapi.NFTA_LIST_ELEM, new Node("NFTA_LIST_ELEM", Map.of(
                            NfTablesUapi.NFTA_EXPR_NAME, Node.leaf("NFTA_EXPR_NAME"),
                            NfTablesUapi.NFTA_EXPR_DATA, Node.leaf("NFTA_EXPR_DATA"))))),
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
                    NfTablesUapi.NFTA_SET_DESC_CONCAT, Node.leaf("NFTA_SET_DESC_CONCAT")))),
            Map.entry(NfTablesUapi.NFTA_SET_ID, Node.leaf("NFTA_SET_ID")),
            Map.entry(NfTablesUapi.NFTA_SET_TIMEOUT, Node.leaf("NFTA_SET_TIMEOUT")),
            Map.entry(NfTablesUapi.NFTA_SET_GC_INTERVAL, Node.leaf("NFTA_SET_GC_INTERVAL")),
            Map.entry(NfTablesUapi.NFTA_SET_USERDATA, Node.leaf("NFTA_SET_USERDATA")),
            Map.entry(NfTablesUapi.NFTA_SET_OBJ_TYPE, Node.leaf("NFTA_SET_OBJ_TYPE")),
            Map.entry(NfTablesUapi.NFTA_SET_HANDLE, Node.leaf("NFTA_SET_HANDLE")),
            Map.entry(NfTablesUapi.NFTA_SET_EXPR, Node.leaf("NFTA_SET_EXPR")),
            Map.entry(NfTablesUapi.NFTA_SET_EXPRESSIONS, Node.leaf("NFTA_SET_EXPRESSIONS"))));

    static final AttributeNames SET_ELEMENTS = new AttributeNames(Map.of(
            NfTablesUapi.NFTA_SET_ELEM_LIST_TABLE, Node.leaf("NFTA_SET_ELEM_LIST_TABLE"),
            NfTablesUapi.NFTA_SET_ELEM_LIST_SET, Node.leaf("NFTA_SET_ELEM_LIST_SET"),
            NfTablesUapi.NFTA_SET_ELEM_LIST_ELEMENTS, new Node("NFTA_SET_ELEM_LIST_ELEMENTS", Map.of(
                    NfTablesUapi.NFTA_LIST_ELEM, new Node("NFTA_LIST_ELEM", Map.ofEntries(
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_KEY, Node.leaf("NFTA_SET_ELEM_KEY")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_DATA, Node.leaf("NFTA_SET_ELEM_DATA")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_FLAGS, Node.leaf("NFTA_SET_ELEM_FLAGS")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_TIMEOUT, Node.leaf("NFTA_SET_ELEM_TIMEOUT")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_EXPIRATION, Node.leaf("NFTA_SET_ELEM_EXPIRATION")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_USERDATA, Node.leaf("NFTA_SET_ELEM_USERDATA")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_EXPR, Node.leaf("NFTA_SET_ELEM_EXPR")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_OBJREF, Node.leaf("NFTA_SET_ELEM_OBJREF")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_KEY_END, Node.leaf("NFTA_SET_ELEM_KEY_END")),
                            Map.entry(NfTablesUapi.NFTA_SET_ELEM_EXPRESSIONS, Node.leaf("NFTA_SET_ELEM_EXPRESSIONS")))))),
            NfTablesUapi.NFTA_SET_ELEM_LIST_SET_ID, Node.leaf("NFTA_SET_ELEM_LIST_SET_ID")));

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
                joiner.add(node.name().equals("NFTA_LIST_ELEM") ? "expression #" + (step.index() + 1) : node.name());
                level = node.children();
            }
        }
        return joiner.toString();
    }
}
