package nftlink.nftables;

import nftlink.netlink.internal.AttributeTree;

import static nftlink.netlink.internal.AttributeTree.enumerated;

/**
 * Names of nf_tables attributes as {@code nf_tables.h} spells them, one table per message kind,
 * so errors can say {@code NFTA_CHAIN_HOOK > NFTA_HOOK_PRIORITY} or {@code NFTA_SET_ELEM_LIST_ELEMENTS >
 * element #3 > NFTA_SET_ELEM_KEY} instead of numbers, for batch operations and listings alike.
 * Each enum is written in the header's order: its position is the attribute's type.
 */
final class AttributeNames {

    private static final AttributeTree LIST = enumerated("NFTA_LIST_", "UNSPEC ELEM");

    private static final AttributeTree EXPRESSION = enumerated("NFTA_EXPR_", "UNSPEC NAME DATA");

    private static final AttributeTree EXPRESSIONS = LIST.entries("NFTA_LIST_ELEM", "expression", EXPRESSION);

    private static final AttributeTree DEVICES = enumerated("NFTA_DEVICE_", "UNSPEC NAME");

    private static final AttributeTree DATA = enumerated("NFTA_DATA_", "UNSPEC VALUE VERDICT")
            .nest("NFTA_DATA_VERDICT", enumerated("NFTA_VERDICT_", "UNSPEC CODE CHAIN CHAIN_ID"));

    static final AttributeTree TABLE = enumerated("NFTA_TABLE_",
            "UNSPEC NAME FLAGS USE HANDLE PAD USERDATA OWNER");

    private static final AttributeTree HOOK = enumerated("NFTA_HOOK_", "UNSPEC HOOKNUM PRIORITY DEV DEVS")
            .nest("NFTA_HOOK_DEVS", DEVICES);

    static final AttributeTree CHAIN = enumerated("NFTA_CHAIN_",
            "UNSPEC TABLE HANDLE NAME HOOK POLICY USE TYPE COUNTERS PAD FLAGS ID USERDATA").nest("NFTA_CHAIN_HOOK", HOOK);

    static final AttributeTree RULE = enumerated("NFTA_RULE_",
            "UNSPEC TABLE CHAIN HANDLE EXPRESSIONS COMPAT POSITION USERDATA PAD ID POSITION_ID CHAIN_ID")
            .nest("NFTA_RULE_EXPRESSIONS", EXPRESSIONS);

    static final AttributeTree OBJECT = enumerated("NFTA_OBJ_",
            "UNSPEC TABLE NAME TYPE DATA USE HANDLE PAD USERDATA");

    private static final AttributeTree FLOWTABLE_HOOK = enumerated("NFTA_FLOWTABLE_HOOK_", "UNSPEC NUM PRIORITY DEVS")
            .nest("NFTA_FLOWTABLE_HOOK_DEVS", DEVICES);

    static final AttributeTree FLOWTABLE = enumerated("NFTA_FLOWTABLE_", "UNSPEC TABLE NAME HOOK USE HANDLE PAD FLAGS")
            .nest("NFTA_FLOWTABLE_HOOK", FLOWTABLE_HOOK);

    static final AttributeTree SET = enumerated("NFTA_SET_", """
            UNSPEC TABLE NAME FLAGS KEY_TYPE KEY_LEN DATA_TYPE DATA_LEN POLICY DESC ID TIMEOUT
            GC_INTERVAL USERDATA PAD OBJ_TYPE HANDLE EXPR EXPRESSIONS TYPE COUNT""")
            .nest("NFTA_SET_DESC", enumerated("NFTA_SET_DESC_", "UNSPEC SIZE CONCAT")
                    .nest("NFTA_SET_DESC_CONCAT", LIST.entries("NFTA_LIST_ELEM", "field",
                            enumerated("NFTA_SET_FIELD_", "UNSPEC LEN"))))
            .nest("NFTA_SET_EXPR", EXPRESSION)
            .nest("NFTA_SET_EXPRESSIONS", EXPRESSIONS);

    private static final AttributeTree ELEMENT = enumerated("NFTA_SET_ELEM_",
            "UNSPEC KEY DATA FLAGS TIMEOUT EXPIRATION USERDATA EXPR PAD OBJREF KEY_END EXPRESSIONS")
            .nest("NFTA_SET_ELEM_KEY", DATA)
            .nest("NFTA_SET_ELEM_KEY_END", DATA)
            .nest("NFTA_SET_ELEM_DATA", DATA)
            .nest("NFTA_SET_ELEM_EXPR", EXPRESSION)
            .nest("NFTA_SET_ELEM_EXPRESSIONS", EXPRESSIONS);

    static final AttributeTree SET_ELEMENTS = enumerated("NFTA_SET_ELEM_LIST_", "UNSPEC TABLE SET ELEMENTS SET_ID")
            .nest("NFTA_SET_ELEM_LIST_ELEMENTS", LIST.entries("NFTA_LIST_ELEM", "element", ELEMENT));

    private AttributeNames() {
    }
}
