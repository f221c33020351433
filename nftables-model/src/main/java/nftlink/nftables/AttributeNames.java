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
            NfTables.NFTA_TABLE_NAME, Node.leaf("NFTA_TABLE_NAME"),
            NfTables.NFTA_TABLE_FLAGS, Node.leaf("NFTA_TABLE_FLAGS"),
            NfTables.NFTA_TABLE_HANDLE, Node.leaf("NFTA_TABLE_HANDLE"),
            NfTables.NFTA_TABLE_USERDATA, Node.leaf("NFTA_TABLE_USERDATA"),
            NfTables.NFTA_TABLE_OWNER, Node.leaf("NFTA_TABLE_OWNER")));

    static final AttributeNames CHAIN = new AttributeNames(Map.of(
            NfTables.NFTA_CHAIN_TABLE, Node.leaf("NFTA_CHAIN_TABLE"),
            NfTables.NFTA_CHAIN_HANDLE, Node.leaf("NFTA_CHAIN_HANDLE"),
            NfTables.NFTA_CHAIN_NAME, Node.leaf("NFTA_CHAIN_NAME"),
            NfTables.NFTA_CHAIN_HOOK, new Node("NFTA_CHAIN_HOOK", Map.of(
                    NfTables.NFTA_HOOK_HOOKNUM, Node.leaf("NFTA_HOOK_HOOKNUM"),
                    NfTables.NFTA_HOOK_PRIORITY, Node.leaf("NFTA_HOOK_PRIORITY"),
                    NfTables.NFTA_HOOK_DEV, Node.leaf("NFTA_HOOK_DEV"),
                    NfTables.NFTA_HOOK_DEVS, new Node("NFTA_HOOK_DEVS", Map.of(
                            NfTables.NFTA_DEVICE_NAME, Node.leaf("NFTA_DEVICE_NAME"))))),
            NfTables.NFTA_CHAIN_POLICY, Node.leaf("NFTA_CHAIN_POLICY"),
            NfTables.NFTA_CHAIN_TYPE, Node.leaf("NFTA_CHAIN_TYPE"),
            NfTables.NFTA_CHAIN_FLAGS, Node.leaf("NFTA_CHAIN_FLAGS"),
            NfTables.NFTA_CHAIN_USERDATA, Node.leaf("NFTA_CHAIN_USERDATA")));

    static final AttributeNames RULE = new AttributeNames(Map.of(
            NfTables.NFTA_RULE_TABLE, Node.leaf("NFTA_RULE_TABLE"),
            NfTables.NFTA_RULE_CHAIN, Node.leaf("NFTA_RULE_CHAIN"),
            NfTables.NFTA_RULE_HANDLE, Node.leaf("NFTA_RULE_HANDLE"),
            NfTables.NFTA_RULE_EXPRESSIONS, new Node("NFTA_RULE_EXPRESSIONS", Map.of(
                    NfTables.NFTA_LIST_ELEM, new Node("NFTA_LIST_ELEM", Map.of(
                            NfTables.NFTA_EXPR_NAME, Node.leaf("NFTA_EXPR_NAME"),
                            NfTables.NFTA_EXPR_DATA, Node.leaf("NFTA_EXPR_DATA"))))),
            NfTables.NFTA_RULE_POSITION, Node.leaf("NFTA_RULE_POSITION"),
            NfTables.NFTA_RULE_USERDATA, Node.leaf("NFTA_RULE_USERDATA"),
            NfTables.NFTA_RULE_ID, Node.leaf("NFTA_RULE_ID")));

    static final AttributeNames OBJECT = new AttributeNames(Map.of(
            NfTables.NFTA_OBJ_TABLE, Node.leaf("NFTA_OBJ_TABLE"),
            NfTables.NFTA_OBJ_NAME, Node.leaf("NFTA_OBJ_NAME"),
            NfTables.NFTA_OBJ_TYPE, Node.leaf("NFTA_OBJ_TYPE"),
            NfTables.NFTA_OBJ_DATA, Node.leaf("NFTA_OBJ_DATA"),
            NfTables.NFTA_OBJ_HANDLE, Node.leaf("NFTA_OBJ_HANDLE"),
            NfTables.NFTA_OBJ_USERDATA, Node.leaf("NFTA_OBJ_USERDATA")));

    static final AttributeNames FLOWTABLE = new AttributeNames(Map.of(
            NfTables.NFTA_FLOWTABLE_TABLE, Node.leaf("NFTA_FLOWTABLE_TABLE"),
            NfTables.NFTA_FLOWTABLE_NAME, Node.leaf("NFTA_FLOWTABLE_NAME"),
            NfTables.NFTA_FLOWTABLE_HOOK, new Node("NFTA_FLOWTABLE_HOOK", Map.of(
                    NfTables.NFTA_FLOWTABLE_HOOK_NUM, Node.leaf("NFTA_FLOWTABLE_HOOK_NUM"),
                    NfTables.NFTA_FLOWTABLE_HOOK_PRIORITY, Node.leaf("NFTA_FLOWTABLE_HOOK_PRIORITY"),
                    NfTables.NFTA_FLOWTABLE_HOOK_DEVS, new Node("NFTA_FLOWTABLE_HOOK_DEVS", Map.of(
                            NfTables.NFTA_DEVICE_NAME, Node.leaf("NFTA_DEVICE_NAME"))))),
            NfTables.NFTA_FLOWTABLE_HANDLE, Node.leaf("NFTA_FLOWTABLE_HANDLE"),
            NfTables.NFTA_FLOWTABLE_FLAGS, Node.leaf("NFTA_FLOWTABLE_FLAGS")));

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
