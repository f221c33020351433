package nftlink.nftables;

/**
 * Constants of {@code <linux/netfilter/nf_tables.h>}, {@code <linux/netfilter.h>}
 * and the nftables parts of {@code <linux/netfilter/nfnetlink.h>}, with the
 * headers' names.
 */
public final class NfTablesUapi {
    private NfTablesUapi() {
    }

    // enum nf_tables_msg_types
    /** Create a new table (enum nft_table_attributes). */
    public static final int NFT_MSG_NEWTABLE = 0;
    /** Get a table (enum nft_table_attributes). */
    public static final int NFT_MSG_GETTABLE = 1;
    /** Delete a table (enum nft_table_attributes). */
    public static final int NFT_MSG_DELTABLE = 2;
    /** Create a new chain (enum nft_chain_attributes). */
    public static final int NFT_MSG_NEWCHAIN = 3;
    /** Get a chain (enum nft_chain_attributes). */
    public static final int NFT_MSG_GETCHAIN = 4;
    /** Delete a chain (enum nft_chain_attributes). */
    public static final int NFT_MSG_DELCHAIN = 5;
    /** Create a new rule (enum nft_rule_attributes). */
    public static final int NFT_MSG_NEWRULE = 6;
    /** Get a rule (enum nft_rule_attributes). */
    public static final int NFT_MSG_GETRULE = 7;
    /** Delete a rule (enum nft_rule_attributes). */
    public static final int NFT_MSG_DELRULE = 8;
    /** Create a new set (enum nft_set_attributes). */
    public static final int NFT_MSG_NEWSET = 9;
    /** Get a set (enum nft_set_attributes). */
    public static final int NFT_MSG_GETSET = 10;
    /** Delete a set (enum nft_set_attributes). */
    public static final int NFT_MSG_DELSET = 11;
    /** Create a new set element (enum nft_set_elem_attributes). */
    public static final int NFT_MSG_NEWSETELEM = 12;
    /** Get a set element (enum nft_set_elem_attributes). */
    public static final int NFT_MSG_GETSETELEM = 13;
    /** Delete a set element (enum nft_set_elem_attributes). */
    public static final int NFT_MSG_DELSETELEM = 14;
    /** Announce a new generation, only for events (enum nft_gen_attributes). */
    public static final int NFT_MSG_NEWGEN = 15;
    /** Get the rule-set generation (enum nft_gen_attributes). */
    public static final int NFT_MSG_GETGEN = 16;
    /** Trace event (enum nft_trace_attributes). */
    public static final int NFT_MSG_TRACE = 17;
    /** Create a stateful object (enum nft_obj_attributes). */
    public static final int NFT_MSG_NEWOBJ = 18;
    /** Get a stateful object (enum nft_obj_attributes). */
    public static final int NFT_MSG_GETOBJ = 19;
    /** Delete a stateful object (enum nft_obj_attributes). */
    public static final int NFT_MSG_DELOBJ = 20;
    /** Get and reset a stateful object (enum nft_obj_attributes). */
    public static final int NFT_MSG_GETOBJ_RESET = 21;
    /** Add new flow table (enum nft_flowtable_attributes). */
    public static final int NFT_MSG_NEWFLOWTABLE = 22;
    /** Get flow table (enum nft_flowtable_attributes). */
    public static final int NFT_MSG_GETFLOWTABLE = 23;
    /** Delete flow table (enum nft_flowtable_attributes). */
    public static final int NFT_MSG_DELFLOWTABLE = 24;
    /** Get rules and reset their stateful expressions (counters, quotas). */
    public static final int NFT_MSG_GETRULE_RESET = 25;
    /** Delete a table, no error if it does not exist. */
    public static final int NFT_MSG_DESTROYTABLE = 26;
    /** Delete a chain, no error if it does not exist. */
    public static final int NFT_MSG_DESTROYCHAIN = 27;
    /** Delete a rule, no error if it does not exist. */
    public static final int NFT_MSG_DESTROYRULE = 28;
    /** Delete a set, no error if it does not exist. */
    public static final int NFT_MSG_DESTROYSET = 29;
    /** Delete set elements, no error if they do not exist. */
    public static final int NFT_MSG_DESTROYSETELEM = 30;
    /** Delete a stateful object, no error if it does not exist. */
    public static final int NFT_MSG_DESTROYOBJ = 31;
    /** Delete a flow table, no error if it does not exist. */
    public static final int NFT_MSG_DESTROYFLOWTABLE = 32;
    /** Get set elements and reset their stateful expressions. */
    public static final int NFT_MSG_GETSETELEM_RESET = 33;

    // enum nft_table_attributes
    /** Name of the table (NLA_STRING). */
    public static final int NFTA_TABLE_NAME = 1;
    /** Bitmask of enum nft_table_flags (NLA_U32). */
    public static final int NFTA_TABLE_FLAGS = 2;
    /** Number of chains in this table (NLA_U32). */
    public static final int NFTA_TABLE_USE = 3;
    /** Table handle (NLA_U64). */
    public static final int NFTA_TABLE_HANDLE = 4;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_TABLE_PAD = 5;
    /** User data (NLA_BINARY). */
    public static final int NFTA_TABLE_USERDATA = 6;
    /** Owner of this table through netlink portID (NLA_U32). */
    public static final int NFTA_TABLE_OWNER = 7;

    // enum nft_table_flags
    /** This table is not active. */
    public static final int NFT_TABLE_F_DORMANT = 0x1;
    /** Table is owned by the netlink socket that created it and goes away when that socket closes. */
    public static final int NFT_TABLE_F_OWNER = 0x2;
    /** Owned table stays after its owner's socket closes. */
    public static final int NFT_TABLE_F_PERSIST = 0x4;

    // enum nft_chain_attributes
    /** Name of the table containing the chain (NLA_STRING). */
    public static final int NFTA_CHAIN_TABLE = 1;
    /** Numeric handle of the chain (NLA_U64). */
    public static final int NFTA_CHAIN_HANDLE = 2;
    /** Name of the chain (NLA_STRING). */
    public static final int NFTA_CHAIN_NAME = 3;
    /** Hook specification for basechains (NLA_NESTED: nft_hook_attributes). */
    public static final int NFTA_CHAIN_HOOK = 4;
    /** Numeric policy of the chain (NLA_U32). */
    public static final int NFTA_CHAIN_POLICY = 5;
    /** Number of references to this chain (NLA_U32). */
    public static final int NFTA_CHAIN_USE = 6;
    /** Type name of the string (NLA_NUL_STRING). */
    public static final int NFTA_CHAIN_TYPE = 7;
    /** Counter specification of the chain (NLA_NESTED: nft_counter_attributes). */
    public static final int NFTA_CHAIN_COUNTERS = 8;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_CHAIN_PAD = 9;
    /** Chain flags. */
    public static final int NFTA_CHAIN_FLAGS = 10;
    /** Uniquely identifies a chain in a transaction (NLA_U32). */
    public static final int NFTA_CHAIN_ID = 11;
    /** User data (NLA_BINARY). */
    public static final int NFTA_CHAIN_USERDATA = 12;

    // enum nft_chain_flags
    /** Base chain: attached to a netfilter hook. */
    public static final int NFT_CHAIN_BASE = 0x1;
    /** Base chain offloaded to hardware. */
    public static final int NFT_CHAIN_HW_OFFLOAD = 0x2;
    /** Anonymous chain bound to a rule (jump/goto to an inline chain). */
    public static final int NFT_CHAIN_BINDING = 0x4;

    // enum nft_rule_attributes
    /** Name of the table containing the rule (NLA_STRING). */
    public static final int NFTA_RULE_TABLE = 1;
    /** Name of the chain containing the rule (NLA_STRING). */
    public static final int NFTA_RULE_CHAIN = 2;
    /** Numeric handle of the rule (NLA_U64). */
    public static final int NFTA_RULE_HANDLE = 3;
    /** List of expressions (NLA_NESTED: nft_expr_attributes). */
    public static final int NFTA_RULE_EXPRESSIONS = 4;
    /** Compatibility specifications of the rule (NLA_NESTED: nft_rule_compat_attributes). */
    public static final int NFTA_RULE_COMPAT = 5;
    /** Numeric handle of the previous rule (NLA_U64). */
    public static final int NFTA_RULE_POSITION = 6;
    /** User data (NLA_BINARY, NFT_USERDATA_MAXLEN). */
    public static final int NFTA_RULE_USERDATA = 7;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_RULE_PAD = 8;
    /** Uniquely identifies a rule in a transaction (NLA_U32). */
    public static final int NFTA_RULE_ID = 9;
    /** Transaction unique identifier of the previous rule (NLA_U32). */
    public static final int NFTA_RULE_POSITION_ID = 10;
    /** Transaction ID of the chain the rule goes to, for a chain created in the same batch (NLA_U32). */
    public static final int NFTA_RULE_CHAIN_ID = 11;

    // enum nft_hook_attributes
    /** Netfilter hook number (NLA_U32). */
    public static final int NFTA_HOOK_HOOKNUM = 1;
    /** Netfilter hook priority (NLA_U32). */
    public static final int NFTA_HOOK_PRIORITY = 2;
    /** Netdevice name (NLA_STRING). */
    public static final int NFTA_HOOK_DEV = 3;
    /** List of netdevices (NLA_NESTED). */
    public static final int NFTA_HOOK_DEVS = 4;

    // enum nft_devices_attributes
    /** Name of this device (NLA_STRING). */
    public static final int NFTA_DEVICE_NAME = 1;

    // enum nft_gen_attributes
    /** Ruleset generation ID (NLA_U32). */
    public static final int NFTA_GEN_ID = 1;
    /** PID of the process that made the last change (NLA_U32). */
    public static final int NFTA_GEN_PROC_PID = 2;
    /** Name of the process that made the last change (NLA_STRING). */
    public static final int NFTA_GEN_PROC_NAME = 3;

    // <linux/netfilter.h>: verdicts used as chain policies
    /** Verdict drop. */
    public static final int NF_DROP = 0;
    /** Verdict accept. */
    public static final int NF_ACCEPT = 1;

    // <linux/netfilter.h>: enum nf_inet_hooks (also bridge hook numbers)
    /** Hook prerouting: every incoming packet, before the routing decision. */
    public static final int NF_INET_PRE_ROUTING = 0;
    /** Hook input: packets delivered to the local host. */
    public static final int NF_INET_LOCAL_IN = 1;
    /** Hook forward: packets routed through the host. */
    public static final int NF_INET_FORWARD = 2;
    /** Hook output: packets sent by local processes. */
    public static final int NF_INET_LOCAL_OUT = 3;
    /** Hook postrouting: every outgoing packet, after the routing decision. */
    public static final int NF_INET_POST_ROUTING = 4;
    /** Hook ingress of the inet family: every packet entering a device, before prerouting. */
    public static final int NF_INET_INGRESS = 5;
    // <linux/netfilter_arp.h>
    /** ARP hook input. */
    public static final int NF_ARP_IN = 0;
    /** ARP hook output. */
    public static final int NF_ARP_OUT = 1;
    /** ARP hook forward (bridge). */
    public static final int NF_ARP_FORWARD = 2;
    // enum nf_dev_hooks
    /** Netdev hook ingress: packets entering the device. */
    public static final int NF_NETDEV_INGRESS = 0;
    /** Netdev hook egress: packets leaving the device. */
    public static final int NF_NETDEV_EGRESS = 1;

    // <linux/netfilter.h>: NFPROTO_*
    /** Unspecified family. */
    public static final int NFPROTO_UNSPEC = 0;
    /** Family inet: IPv4 and IPv6 together. */
    public static final int NFPROTO_INET = 1;
    /** Family ip (IPv4). */
    public static final int NFPROTO_IPV4 = 2;
    /** Family arp. */
    public static final int NFPROTO_ARP = 3;
    /** Family netdev (per-device ingress/egress). */
    public static final int NFPROTO_NETDEV = 5;
    /** Family bridge. */
    public static final int NFPROTO_BRIDGE = 7;
    /** Family ip6 (IPv6). */
    public static final int NFPROTO_IPV6 = 10;

    /** libnftnl's userdata type for set comments ({@code NFTNL_UDATA_SET_COMMENT}). */
    public static final int NFTNL_UDATA_SET_COMMENT = 7;

    /** libnftnl's set userdata type saying the data are ranges ({@code NFTNL_UDATA_SET_DATA_INTERVAL}). */
    public static final int NFTNL_UDATA_SET_DATA_INTERVAL = 6;

    /** libnftnl's userdata type for the flags of a set element ({@code NFTNL_UDATA_SET_ELEM_FLAGS}). */
    public static final int NFTNL_UDATA_SET_ELEM_FLAGS = 1;

    /** An interval element whose range runs to the end of the key space ({@code NFTNL_SET_ELEM_F_INTERVAL_OPEN}). */
    public static final int NFTNL_SET_ELEM_F_INTERVAL_OPEN = 0x1;

    /** libnftnl's userdata type for table and chain comments ({@code NFTNL_UDATA_TABLE_COMMENT}, {@code NFTNL_UDATA_CHAIN_COMMENT}). */
    public static final int NFTNL_UDATA_COMMENT = 0;

    /** Longest table, chain, set or object name the kernel accepts ({@code NFT_NAME_MAXLEN} - 1). */
    public static final int NFT_NAME_MAXLEN = 256;

    // ==== sets and elements ====

    // enum nft_set_flags
    /** Name allocation, automatic cleanup on unlink. */
    public static final int NFT_SET_ANONYMOUS = 0x1;
    /** Set contents may not change while bound. */
    public static final int NFT_SET_CONSTANT = 0x2;
    /** Set contains intervals. */
    public static final int NFT_SET_INTERVAL = 0x4;
    /** Set is used as a dictionary. */
    public static final int NFT_SET_MAP = 0x8;
    /** Set uses timeouts. */
    public static final int NFT_SET_TIMEOUT = 0x10;
    /** Set can be updated from the evaluation path. */
    public static final int NFT_SET_EVAL = 0x20;
    /** Set contains stateful objects. */
    public static final int NFT_SET_OBJECT = 0x40;
    /** Set contains a concatenation. */
    public static final int NFT_SET_CONCAT = 0x80;
    /** Set contains expressions. */
    public static final int NFT_SET_EXPR = 0x100;

    // enum nft_set_policies
    /** Prefer high performance over low memory use. */
    public static final int NFT_SET_POL_PERFORMANCE = 0;
    /** Prefer low memory use over high performance. */
    public static final int NFT_SET_POL_MEMORY = 1;

    // enum nft_set_desc_attributes, nft_set_field_attributes
    /** Number of elements in set (NLA_U32). */
    public static final int NFTA_SET_DESC_SIZE = 1;
    /** Description of field concatenation (NLA_NESTED). */
    public static final int NFTA_SET_DESC_CONCAT = 2;
    /** Length of single field, in bits (NLA_U32). */
    public static final int NFTA_SET_FIELD_LEN = 1;

    // enum nft_set_attributes
    /** Table name (NLA_STRING). */
    public static final int NFTA_SET_TABLE = 1;
    /** Set name (NLA_STRING). */
    public static final int NFTA_SET_NAME = 2;
    /** Bitmask of enum nft_set_flags (NLA_U32). */
    public static final int NFTA_SET_FLAGS = 3;
    /** Key data type, informational purpose only (NLA_U32). */
    public static final int NFTA_SET_KEY_TYPE = 4;
    /** Key data length (NLA_U32). */
    public static final int NFTA_SET_KEY_LEN = 5;
    /** Mapping data type (NLA_U32). */
    public static final int NFTA_SET_DATA_TYPE = 6;
    /** Mapping data length (NLA_U32). */
    public static final int NFTA_SET_DATA_LEN = 7;
    /** Selection policy (NLA_U32). */
    public static final int NFTA_SET_POLICY = 8;
    /** Set description (NLA_NESTED). */
    public static final int NFTA_SET_DESC = 9;
    /** Uniquely identifies a set in a transaction (NLA_U32). */
    public static final int NFTA_SET_ID = 10;
    /** Default timeout value (NLA_U64). */
    public static final int NFTA_SET_TIMEOUT = 11;
    /** Garbage collection interval (NLA_U32). */
    public static final int NFTA_SET_GC_INTERVAL = 12;
    /** User data (NLA_BINARY). */
    public static final int NFTA_SET_USERDATA = 13;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_SET_PAD = 14;
    /** Stateful object type (NLA_U32: NFT_OBJECT_*). */
    public static final int NFTA_SET_OBJ_TYPE = 15;
    /** Set handle (NLA_U64). */
    public static final int NFTA_SET_HANDLE = 16;
    /** Set expression (NLA_NESTED: nft_expr_attributes). */
    public static final int NFTA_SET_EXPR = 17;
    /** List of expressions (NLA_NESTED: nft_list_attributes). */
    public static final int NFTA_SET_EXPRESSIONS = 18;
    /** Reported by the kernel only: the set backend's name. */
    public static final int NFTA_SET_TYPE = 19;
    /** Reported by the kernel only: the number of elements. */
    public static final int NFTA_SET_COUNT = 20;

    // enum nft_set_elem_flags
    /** Element ends the previous interval. */
    public static final int NFT_SET_ELEM_INTERVAL_END = 0x1;
    /** Special catch-all element. */
    public static final int NFT_SET_ELEM_CATCHALL = 0x2;

    // enum nft_set_elem_attributes
    /** Key value (NLA_NESTED: nft_data). */
    public static final int NFTA_SET_ELEM_KEY = 1;
    /** Data value of mapping (NLA_NESTED: nft_data_attributes). */
    public static final int NFTA_SET_ELEM_DATA = 2;
    /** Bitmask of nft_set_elem_flags (NLA_U32). */
    public static final int NFTA_SET_ELEM_FLAGS = 3;
    /** Timeout value (NLA_U64). */
    public static final int NFTA_SET_ELEM_TIMEOUT = 4;
    /** Expiration time (NLA_U64). */
    public static final int NFTA_SET_ELEM_EXPIRATION = 5;
    /** User data (NLA_BINARY). */
    public static final int NFTA_SET_ELEM_USERDATA = 6;
    /** Expression (NLA_NESTED: nft_expr_attributes). */
    public static final int NFTA_SET_ELEM_EXPR = 7;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_SET_ELEM_PAD = 8;
    /** Stateful object reference (NLA_STRING). */
    public static final int NFTA_SET_ELEM_OBJREF = 9;
    /** Closing key value (NLA_NESTED: nft_data). */
    public static final int NFTA_SET_ELEM_KEY_END = 10;
    /** List of expressions (NLA_NESTED: nft_list_attributes). */
    public static final int NFTA_SET_ELEM_EXPRESSIONS = 11;

    // enum nft_set_elem_list_attributes
    /** Table of the set to be changed (NLA_STRING). */
    public static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    /** Name of the set to be changed (NLA_STRING). */
    public static final int NFTA_SET_ELEM_LIST_SET = 2;
    /** List of set elements (NLA_NESTED: nft_set_elem_attributes). */
    public static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    /** Uniquely identifies a set in a transaction (NLA_U32). */
    public static final int NFTA_SET_ELEM_LIST_SET_ID = 4;

    // ==== objects and flowtables ====

    // enum nft_object_attributes
    /** Name of the table containing the expression (NLA_STRING). */
    public static final int NFTA_OBJ_TABLE = 1;
    /** Name of this expression type (NLA_STRING). */
    public static final int NFTA_OBJ_NAME = 2;
    /** Stateful object type (NLA_U32). */
    public static final int NFTA_OBJ_TYPE = 3;
    /** Stateful object data (NLA_NESTED). */
    public static final int NFTA_OBJ_DATA = 4;
    /** Number of references to this expression (NLA_U32). */
    public static final int NFTA_OBJ_USE = 5;
    /** Object handle (NLA_U64). */
    public static final int NFTA_OBJ_HANDLE = 6;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_OBJ_PAD = 7;
    /** User data (NLA_BINARY). */
    public static final int NFTA_OBJ_USERDATA = 8;

    /** libnftnl's userdata type for object comments ({@code NFTNL_UDATA_OBJ_COMMENT}). */
    public static final int NFTNL_UDATA_OBJ_COMMENT = 0;

    // enum nft_ct_helper_attributes
    /** Conntrack helper name, such as "ftp" (NLA_STRING). */
    public static final int NFTA_CT_HELPER_NAME = 1;
    /** Layer 3 protocol the helper applies to (NLA_U16, network byte order). */
    public static final int NFTA_CT_HELPER_L3PROTO = 2;
    /** Layer 4 protocol the helper applies to (NLA_U8). */
    public static final int NFTA_CT_HELPER_L4PROTO = 3;
    /** The highest type of {@code enum nft_ct_helper_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_CT_HELPER_MAX = 3;

    // enum nft_ct_timeout_timeout_attributes
    /** Layer 3 protocol of the timeout policy (NLA_U16, network byte order). */
    public static final int NFTA_CT_TIMEOUT_L3PROTO = 1;
    /** Layer 4 protocol of the timeout policy (NLA_U8). */
    public static final int NFTA_CT_TIMEOUT_L4PROTO = 2;
    /** Nested per-state timeouts in seconds (NLA_NESTED). */
    public static final int NFTA_CT_TIMEOUT_DATA = 3;
    /** The highest type of {@code enum nft_ct_timeout_timeout_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_CT_TIMEOUT_MAX = 3;

    // enum nft_ct_expectation_attributes
    /** Layer 3 protocol of the expectation (NLA_U16, network byte order). */
    public static final int NFTA_CT_EXPECT_L3PROTO = 1;
    /** Layer 4 protocol of the expectation (NLA_U8). */
    public static final int NFTA_CT_EXPECT_L4PROTO = 2;
    /** Destination port the expectation waits for (NLA_U16, network byte order). */
    public static final int NFTA_CT_EXPECT_DPORT = 3;
    /** Expectation timeout in milliseconds (NLA_U32). */
    public static final int NFTA_CT_EXPECT_TIMEOUT = 4;
    /** Maximum number of expectations (NLA_U8). */
    public static final int NFTA_CT_EXPECT_SIZE = 5;
    /** The highest type of {@code enum nft_ct_expectation_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_CT_EXPECT_MAX = 5;

    // enum nft_secmark_attributes
    /** Security context (NLA_STRING). */
    public static final int NFTA_SECMARK_CTX = 1;
    /** The highest type of {@code enum nft_secmark_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_SECMARK_MAX = 1;

    // enum nft_flowtable_flags
    /** Flowtable hardware offload is enabled. */
    public static final int NFT_FLOWTABLE_HW_OFFLOAD = 0x1;
    /** Enable flow counters. */
    public static final int NFT_FLOWTABLE_COUNTER = 0x2;

    // enum nft_flowtable_attributes
    /** Name of the table containing the expression (NLA_STRING). */
    public static final int NFTA_FLOWTABLE_TABLE = 1;
    /** Name of this flow table (NLA_STRING). */
    public static final int NFTA_FLOWTABLE_NAME = 2;
    /** Netfilter hook configuration (NLA_NESTED). */
    public static final int NFTA_FLOWTABLE_HOOK = 3;
    /** Number of references to this flow table (NLA_U32). */
    public static final int NFTA_FLOWTABLE_USE = 4;
    /** Object handle (NLA_U64). */
    public static final int NFTA_FLOWTABLE_HANDLE = 5;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_FLOWTABLE_PAD = 6;
    /** Flags (NLA_U32). */
    public static final int NFTA_FLOWTABLE_FLAGS = 7;

    // enum nft_flowtable_hook_attributes
    /** Netfilter hook number (NLA_U32). */
    public static final int NFTA_FLOWTABLE_HOOK_NUM = 1;
    /** Netfilter hook priority (NLA_U32). */
    public static final int NFTA_FLOWTABLE_HOOK_PRIORITY = 2;
    /** Input devices this flow table is bound to (NLA_NESTED). */
    public static final int NFTA_FLOWTABLE_HOOK_DEVS = 3;

    // ==== rules and expressions ====

    // enum nft_list_attributes
    /** List element (NLA_NESTED). */
    public static final int NFTA_LIST_ELEM = 1;

    // enum nft_expr_attributes
    /** Name of the expression type (NLA_STRING). */
    public static final int NFTA_EXPR_NAME = 1;
    /** Type specific data (NLA_NESTED). */
    public static final int NFTA_EXPR_DATA = 2;

    // enum nft_data_attributes
    /** Generic data (NLA_BINARY). */
    public static final int NFTA_DATA_VALUE = 1;
    /** Nf_tables verdict (NLA_NESTED: nft_verdict_attributes). */
    public static final int NFTA_DATA_VERDICT = 2;

    // enum nft_verdict_attributes
    /** Nf_tables verdict (NLA_U32: enum nft_verdicts). */
    public static final int NFTA_VERDICT_CODE = 1;
    /** Jump target chain name (NLA_STRING). */
    public static final int NFTA_VERDICT_CHAIN = 2;
    /** Jump target chain ID (NLA_U32). */
    public static final int NFTA_VERDICT_CHAIN_ID = 3;

    // enum nft_verdicts and <linux/netfilter.h> verdicts
    /** Continue evaluation of the current rule. */
    public static final int NFT_CONTINUE = -1;
    /** Terminate evaluation of the current rule. */
    public static final int NFT_BREAK = -2;
    /** Push the current chain on the jump stack and jump to a chain. */
    public static final int NFT_JUMP = -3;
    /** Jump to a chain without pushing the current chain on the jump stack. */
    public static final int NFT_GOTO = -4;
    /** Return to the topmost chain on the jump stack. */
    public static final int NFT_RETURN = -5;
    /** Verdict stolen: the hook took the packet over. */
    public static final int NF_STOLEN = 2;
    /** Verdict queue to user space (upper 16 bits carry the queue number). */
    public static final int NF_QUEUE = 3;
    /** Verdict repeat: call the hook again. */
    public static final int NF_REPEAT = 4;
    /** Deprecated, for userspace nf_queue compatibility. */
    public static final int NF_STOP = 5;

    // enum nft_registers
    /** Verdict register. */
    public static final int NFT_REG_VERDICT = 0;
    /** First 128-bit data register. */
    public static final int NFT_REG_1 = 1;
    /** Fourth (last) 128-bit data register. */
    public static final int NFT_REG_4 = 4;
    /** First 32-bit data register (aliases the low word of NFT_REG_1). */
    public static final int NFT_REG32_00 = 8;
    /** Last 32-bit data register. */
    public static final int NFT_REG32_15 = 23;

    // enum nft_payload_bases
    /** Link layer header. */
    public static final int NFT_PAYLOAD_LL_HEADER = 0;
    /** Network header. */
    public static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
    /** Transport header. */
    public static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;
    /** Inner header / payload. */
    public static final int NFT_PAYLOAD_INNER_HEADER = 3;
    /** Payload base: tunnel header (inner matching). */
    public static final int NFT_PAYLOAD_TUN_HEADER = 4;
    // enum nft_inner_type (nft numbers gre and gretap NFT_INNER_GENEVE + 1 and + 2)
    /** Inner tunnel type unspecified. */
    public static final int NFT_INNER_UNSPEC = 0;
    /** Inner tunnel type VXLAN. */
    public static final int NFT_INNER_VXLAN = 1;
    /** Inner tunnel type Geneve. */
    public static final int NFT_INNER_GENEVE = 2;
    // enum nft_inner_flags
    /** Inner flag: the tunnel header size is given. */
    public static final int NFT_INNER_HDRSIZE = 1;
    /** Inner flag: parse the inner link-layer header. */
    public static final int NFT_INNER_LL = 2;
    /** Inner flag: parse the inner network header. */
    public static final int NFT_INNER_NH = 4;
    /** Inner flag: parse the inner transport header. */
    public static final int NFT_INNER_TH = 8;
    // enum nft_inner_attributes
    /** Tunnel header number, 0 for the outermost (NLA_U32). */
    public static final int NFTA_INNER_NUM = 1;
    /** Tunnel type, one of NFT_INNER_* types (NLA_U32). */
    public static final int NFTA_INNER_TYPE = 2;
    /** Inner headers to parse, NFT_INNER_* flags (NLA_U32). */
    public static final int NFTA_INNER_FLAGS = 3;
    /** Size of the tunnel header in bytes (NLA_U32). */
    public static final int NFTA_INNER_HDRSIZE = 4;
    /** The payload or meta expression evaluated on the inner packet (NLA_NESTED). */
    public static final int NFTA_INNER_EXPR = 5;
    /** The highest type of {@code enum nft_inner_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_INNER_MAX = 5;
    // enum nft_payload_csum_types
    /** No checksumming. */
    public static final int NFT_PAYLOAD_CSUM_NONE = 0;
    /** Internet checksum (RFC 791). */
    public static final int NFT_PAYLOAD_CSUM_INET = 1;
    /** CRC-32c, for use in SCTP header (RFC 3309). */
    public static final int NFT_PAYLOAD_CSUM_SCTP = 2;
    // enum nft_payload_csum_flags
    /** Payload checksum flag: the layer 4 checksum covers the pseudo-header. */
    public static final int NFT_PAYLOAD_L4CSUM_PSEUDOHDR = 1;
    // enum nft_payload_attributes
    /** Destination register to load data into (NLA_U32: nft_registers). */
    public static final int NFTA_PAYLOAD_DREG = 1;
    /** Payload base (NLA_U32: nft_payload_bases). */
    public static final int NFTA_PAYLOAD_BASE = 2;
    /** Payload offset relative to base (NLA_U32). */
    public static final int NFTA_PAYLOAD_OFFSET = 3;
    /** Payload length (NLA_U32). */
    public static final int NFTA_PAYLOAD_LEN = 4;
    /** Source register to load data from (NLA_U32: nft_registers). */
    public static final int NFTA_PAYLOAD_SREG = 5;
    /** Checksum type (NLA_U32). */
    public static final int NFTA_PAYLOAD_CSUM_TYPE = 6;
    /** Checksum offset relative to base (NLA_U32). */
    public static final int NFTA_PAYLOAD_CSUM_OFFSET = 7;
    /** Checksum flags (NLA_U32). */
    public static final int NFTA_PAYLOAD_CSUM_FLAGS = 8;
    /** The highest type of {@code enum nft_payload_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_PAYLOAD_MAX = 8;

    // enum nft_meta_attributes
    /** Destination register (NLA_U32). */
    public static final int NFTA_META_DREG = 1;
    /** Meta data item to load (NLA_U32: nft_meta_keys). */
    public static final int NFTA_META_KEY = 2;
    /** Source register (NLA_U32). */
    public static final int NFTA_META_SREG = 3;
    /** The highest type of {@code enum nft_meta_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_META_MAX = 3;

    // enum nft_cmp_ops
    /** Equal. */
    public static final int NFT_CMP_EQ = 0;
    /** Not equal. */
    public static final int NFT_CMP_NEQ = 1;
    /** Less than. */
    public static final int NFT_CMP_LT = 2;
    /** Less than or equal to. */
    public static final int NFT_CMP_LTE = 3;
    /** Greater than. */
    public static final int NFT_CMP_GT = 4;
    /** Greater than or equal to. */
    public static final int NFT_CMP_GTE = 5;
    // enum nft_cmp_attributes
    /** Source register of data to compare (NLA_U32: nft_registers). */
    public static final int NFTA_CMP_SREG = 1;
    /** Cmp operation (NLA_U32: nft_cmp_ops). */
    public static final int NFTA_CMP_OP = 2;
    /** Data to compare against (NLA_NESTED: nft_data_attributes). */
    public static final int NFTA_CMP_DATA = 3;
    /** The highest type of {@code enum nft_cmp_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_CMP_MAX = 3;

    // enum nft_immediate_attributes
    /** Destination register to load data into (NLA_U32). */
    public static final int NFTA_IMMEDIATE_DREG = 1;
    /** Data to load (NLA_NESTED: nft_data_attributes). */
    public static final int NFTA_IMMEDIATE_DATA = 2;
    /** The highest type of {@code enum nft_immediate_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_IMMEDIATE_MAX = 2;

    // enum nft_bitwise_ops
    /** Mask-and-xor operation used to implement NOT, AND, OR and XOR boolean operations. */
    public static final int NFT_BITWISE_MASK_XOR = 0;
    /** Left-shift operation. */
    public static final int NFT_BITWISE_LSHIFT = 1;
    /** Right-shift operation. */
    public static final int NFT_BITWISE_RSHIFT = 2;
    /** Bitwise operation and (boolean mask-and-xor form). */
    public static final int NFT_BITWISE_AND = 3;
    /** Bitwise operation or with a second register. */
    public static final int NFT_BITWISE_OR = 4;
    /** Bitwise operation xor with a second register. */
    public static final int NFT_BITWISE_XOR = 5;
    // enum nft_bitwise_attributes
    /** Source register (NLA_U32: nft_registers). */
    public static final int NFTA_BITWISE_SREG = 1;
    /** Destination register (NLA_U32: nft_registers). */
    public static final int NFTA_BITWISE_DREG = 2;
    /** Length of operands (NLA_U32). */
    public static final int NFTA_BITWISE_LEN = 3;
    /** Mask value (NLA_NESTED: nft_data_attributes). */
    public static final int NFTA_BITWISE_MASK = 4;
    /** Xor value (NLA_NESTED: nft_data_attributes). */
    public static final int NFTA_BITWISE_XOR = 5;
    /** Type of operation (NLA_U32: nft_bitwise_ops). */
    public static final int NFTA_BITWISE_OP = 6;
    /** Argument for non-boolean operations (NLA_NESTED: nft_data_attributes). */
    public static final int NFTA_BITWISE_DATA = 7;
    /** Second source register for and/or/xor of two registers (NLA_U32: nft_registers). */
    public static final int NFTA_BITWISE_SREG2 = 8;
    /** The highest type of {@code enum nft_bitwise_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_BITWISE_MAX = 8;

    // enum nft_lookup_attributes
    /** Name of the set where to look for (NLA_STRING). */
    public static final int NFTA_LOOKUP_SET = 1;
    /** Source register of the data to look for (NLA_U32: nft_registers). */
    public static final int NFTA_LOOKUP_SREG = 2;
    /** Destination register (NLA_U32: nft_registers). */
    public static final int NFTA_LOOKUP_DREG = 3;
    /** Uniquely identifies a set in a transaction (NLA_U32). */
    public static final int NFTA_LOOKUP_SET_ID = 4;
    /** Flags (NLA_U32: enum nft_lookup_flags). */
    public static final int NFTA_LOOKUP_FLAGS = 5;
    /** The highest type of {@code enum nft_lookup_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_LOOKUP_MAX = 5;
    // enum nft_lookup_flags
    /** Lookup flag: invert the result (match when the key is not in the set). */
    public static final int NFT_LOOKUP_F_INV = 1;

    // enum nft_counter_attributes
    /** Number of bytes (NLA_U64). */
    public static final int NFTA_COUNTER_BYTES = 1;
    /** Number of packets (NLA_U64). */
    public static final int NFTA_COUNTER_PACKETS = 2;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_COUNTER_PAD = 3;
    /** The highest type of {@code enum nft_counter_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_COUNTER_MAX = 3;

    // ==== expressions that load into registers, and operations on them (ct, socket, fib, rt, exthdr, numgen, hash, xfrm, osf, byteorder, range) ====

    // enum nft_ct_keys
    /** Conntrack state (bitmask of enum ip_conntrack_info). */
    public static final int NFT_CT_STATE = 0;
    /** Conntrack direction (enum ip_conntrack_dir). */
    public static final int NFT_CT_DIRECTION = 1;
    /** Conntrack status (bitmask of enum ip_conntrack_status). */
    public static final int NFT_CT_STATUS = 2;
    /** Conntrack mark value. */
    public static final int NFT_CT_MARK = 3;
    /** Conntrack secmark value. */
    public static final int NFT_CT_SECMARK = 4;
    /** Relative conntrack expiration time in ms. */
    public static final int NFT_CT_EXPIRATION = 5;
    /** Connection tracking helper assigned to conntrack. */
    public static final int NFT_CT_HELPER = 6;
    /** Conntrack layer 3 protocol. */
    public static final int NFT_CT_L3PROTOCOL = 7;
    /** Conntrack layer 3 protocol source (IPv4/IPv6 address, deprecated). */
    public static final int NFT_CT_SRC = 8;
    /** Conntrack layer 3 protocol destination (IPv4/IPv6 address, deprecated). */
    public static final int NFT_CT_DST = 9;
    /** Conntrack layer 4 protocol. */
    public static final int NFT_CT_PROTOCOL = 10;
    /** Conntrack layer 4 protocol source. */
    public static final int NFT_CT_PROTO_SRC = 11;
    /** Conntrack layer 4 protocol destination. */
    public static final int NFT_CT_PROTO_DST = 12;
    /** Conntrack labels. */
    public static final int NFT_CT_LABELS = 13;
    /** Conntrack packets. */
    public static final int NFT_CT_PKTS = 14;
    /** Conntrack bytes. */
    public static final int NFT_CT_BYTES = 15;
    /** Conntrack average bytes per packet. */
    public static final int NFT_CT_AVGPKT = 16;
    /** Conntrack zone. */
    public static final int NFT_CT_ZONE = 17;
    /** Ctnetlink events to be generated for this conntrack. */
    public static final int NFT_CT_EVENTMASK = 18;
    /** Conntrack layer 3 protocol source (IPv4 address). */
    public static final int NFT_CT_SRC_IP = 19;
    /** Conntrack layer 3 protocol destination (IPv4 address). */
    public static final int NFT_CT_DST_IP = 20;
    /** Conntrack layer 3 protocol source (IPv6 address). */
    public static final int NFT_CT_SRC_IP6 = 21;
    /** Conntrack layer 3 protocol destination (IPv6 address). */
    public static final int NFT_CT_DST_IP6 = 22;
    /** Conntrack id. */
    public static final int NFT_CT_ID = 23;
    // enum nft_ct_attributes
    /** Destination register (NLA_U32). */
    public static final int NFTA_CT_DREG = 1;
    /** Conntrack data item to load (NLA_U32: nft_ct_keys). */
    public static final int NFTA_CT_KEY = 2;
    /** Direction in case of directional keys (NLA_U8). */
    public static final int NFTA_CT_DIRECTION = 3;
    /** Source register (NLA_U32). */
    public static final int NFTA_CT_SREG = 4;
    /** The highest type of {@code enum nft_ct_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_CT_MAX = 4;
    // enum ip_conntrack_dir (<linux/netfilter/nf_conntrack_tuple_common.h>)
    /** Conntrack direction original (from the connection's initiator). */
    public static final int IP_CT_DIR_ORIGINAL = 0;
    /** Conntrack direction reply. */
    public static final int IP_CT_DIR_REPLY = 1;

    // enum nft_socket_keys
    /** Socket key transparent: the socket has IP_TRANSPARENT set. */
    public static final int NFT_SOCKET_TRANSPARENT = 0;
    /** Socket key mark: the socket's SO_MARK. */
    public static final int NFT_SOCKET_MARK = 1;
    /** Socket key wildcard: the socket is bound to a wildcard address. */
    public static final int NFT_SOCKET_WILDCARD = 2;
    /** Socket key cgroupv2: the cgroup v2 ID of the socket's cgroup at the given level. */
    public static final int NFT_SOCKET_CGROUPV2 = 3;
    // enum nft_socket_attributes
    /** Socket key to match. */
    public static final int NFTA_SOCKET_KEY = 1;
    /** Destination register. */
    public static final int NFTA_SOCKET_DREG = 2;
    /** Cgroups2 ancestor level (only for cgroupsv2). */
    public static final int NFTA_SOCKET_LEVEL = 3;
    /** The highest type of {@code enum nft_socket_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_SOCKET_MAX = 3;

    // enum nft_fib_result
    /** Fib result oif: output interface index. */
    public static final int NFT_FIB_RESULT_OIF = 1;
    /** Fib result oifname: output interface name. */
    public static final int NFT_FIB_RESULT_OIFNAME = 2;
    /** Fib result type: route address type (RTN_*). */
    public static final int NFT_FIB_RESULT_ADDRTYPE = 3;
    // enum nft_fib_flags
    /** Look up src. */
    public static final int NFTA_FIB_F_SADDR = 1 << 0;
    /** Look up dst. */
    public static final int NFTA_FIB_F_DADDR = 1 << 1;
    /** Use skb-&gt;mark. */
    public static final int NFTA_FIB_F_MARK = 1 << 2;
    /** Restrict to iif. */
    public static final int NFTA_FIB_F_IIF = 1 << 3;
    /** Restrict to oif. */
    public static final int NFTA_FIB_F_OIF = 1 << 4;
    /** Check existence only. */
    public static final int NFTA_FIB_F_PRESENT = 1 << 5;
    // enum nft_fib_attributes
    /** Destination register (NLA_U32). */
    public static final int NFTA_FIB_DREG = 1;
    /** What to return, one of NFT_FIB_RESULT_* (NLA_U32). */
    public static final int NFTA_FIB_RESULT = 2;
    /** Lookup key and options, NFTA_FIB_F_* flags (NLA_U32). */
    public static final int NFTA_FIB_FLAGS = 3;
    /** The highest type of {@code enum nft_fib_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_FIB_MAX = 3;

    // enum nft_rt_keys
    /** Realm value of packet's route (skb-&gt;dst-&gt;tclassid). */
    public static final int NFT_RT_CLASSID = 0;
    /** Routing nexthop for IPv4. */
    public static final int NFT_RT_NEXTHOP4 = 1;
    /** Routing nexthop for IPv6. */
    public static final int NFT_RT_NEXTHOP6 = 2;
    /** Fetch current path tcp mss. */
    public static final int NFT_RT_TCPMSS = 3;
    /** Boolean, skb-&gt;dst-&gt;xfrm != NULL. */
    public static final int NFT_RT_XFRM = 4;
    // enum nft_rt_attributes
    /** Destination register (NLA_U32). */
    public static final int NFTA_RT_DREG = 1;
    /** Routing data item to load (NLA_U32: nft_rt_keys). */
    public static final int NFTA_RT_KEY = 2;
    /** The highest type of {@code enum nft_rt_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_RT_MAX = 2;

    // enum nft_exthdr_flags
    /** Exthdr flag: only test whether the header or option is present. */
    public static final int NFT_EXTHDR_F_PRESENT = 1 << 0;
    // enum nft_exthdr_op
    /** Match against ipv6 extension headers. */
    public static final int NFT_EXTHDR_OP_IPV6 = 0;
    /** Exthdr operation: TCP options. */
    public static final int NFT_EXTHDR_OP_TCPOPT = 1;
    /** Match against ipv4 options. */
    public static final int NFT_EXTHDR_OP_IPV4 = 2;
    /** Match against sctp chunks. */
    public static final int NFT_EXTHDR_OP_SCTP = 3;
    /** Match against dccp otions. */
    public static final int NFT_EXTHDR_OP_DCCP = 4;
    // enum nft_exthdr_attributes
    /** Destination register (NLA_U32: nft_registers). */
    public static final int NFTA_EXTHDR_DREG = 1;
    /** Extension header type (NLA_U8). */
    public static final int NFTA_EXTHDR_TYPE = 2;
    /** Extension header offset (NLA_U32). */
    public static final int NFTA_EXTHDR_OFFSET = 3;
    /** Extension header length (NLA_U32). */
    public static final int NFTA_EXTHDR_LEN = 4;
    /** Extension header flags (NLA_U32). */
    public static final int NFTA_EXTHDR_FLAGS = 5;
    /** Option match type (NLA_U32). */
    public static final int NFTA_EXTHDR_OP = 6;
    /** Option match type (NLA_U32). */
    public static final int NFTA_EXTHDR_SREG = 7;
    /** The highest type of {@code enum nft_exthdr_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_EXTHDR_MAX = 7;

    // enum nft_ng_types
    /** Numgen type inc: counts up modulo the given number. */
    public static final int NFT_NG_INCREMENTAL = 0;
    /** Numgen type random. */
    public static final int NFT_NG_RANDOM = 1;
    // enum nft_ng_attributes
    /** Destination register (NLA_U32). */
    public static final int NFTA_NG_DREG = 1;
    /** Maximum counter value (NLA_U32). */
    public static final int NFTA_NG_MODULUS = 2;
    /** Operation type (NLA_U32). */
    public static final int NFTA_NG_TYPE = 3;
    /** Offset to be added to the counter (NLA_U32). */
    public static final int NFTA_NG_OFFSET = 4;
    /** The highest type of {@code enum nft_ng_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_NG_MAX = 6;

    // enum nft_hash_types
    /** Jenkins Hash. */
    public static final int NFT_HASH_JENKINS = 0;
    /** Symmetric Hash. */
    public static final int NFT_HASH_SYM = 1;
    // enum nft_hash_attributes
    /** Source register (NLA_U32). */
    public static final int NFTA_HASH_SREG = 1;
    /** Destination register (NLA_U32). */
    public static final int NFTA_HASH_DREG = 2;
    /** Source data length (NLA_U32). */
    public static final int NFTA_HASH_LEN = 3;
    /** Modulus value (NLA_U32). */
    public static final int NFTA_HASH_MODULUS = 4;
    /** Seed value (NLA_U32). */
    public static final int NFTA_HASH_SEED = 5;
    /** Add this offset value to hash result (NLA_U32). */
    public static final int NFTA_HASH_OFFSET = 6;
    /** Hash operation (NLA_U32: nft_hash_types). */
    public static final int NFTA_HASH_TYPE = 7;
    /** The highest type of {@code enum nft_hash_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_HASH_MAX = 9;

    // enum nft_xfrm_keys
    /** IPsec key daddr (IPv4). */
    public static final int NFT_XFRM_KEY_DADDR_IP4 = 1;
    /** IPsec key daddr (IPv6). */
    public static final int NFT_XFRM_KEY_DADDR_IP6 = 2;
    /** IPsec key saddr (IPv4). */
    public static final int NFT_XFRM_KEY_SADDR_IP4 = 3;
    /** IPsec key saddr (IPv6). */
    public static final int NFT_XFRM_KEY_SADDR_IP6 = 4;
    /** IPsec key reqid. */
    public static final int NFT_XFRM_KEY_REQID = 5;
    /** IPsec key spi. */
    public static final int NFT_XFRM_KEY_SPI = 6;
    // enum nft_xfrm_attributes
    /** Destination register (NLA_U32). */
    public static final int NFTA_XFRM_DREG = 1;
    /** Which value to load, one of NFT_XFRM_KEY_* (NLA_U32). */
    public static final int NFTA_XFRM_KEY = 2;
    /** Direction, XFRM_POLICY_IN or XFRM_POLICY_OUT (NLA_U8). */
    public static final int NFTA_XFRM_DIR = 3;
    /** Index in the security path, 0 for the outermost (NLA_U32). */
    public static final int NFTA_XFRM_SPNUM = 4;
    /** The highest type of {@code enum nft_xfrm_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_XFRM_MAX = 4;
    // <linux/xfrm.h> XFRM_POLICY_IN, XFRM_POLICY_OUT
    /** IPsec direction in. */
    public static final int XFRM_POLICY_IN = 0;
    /** IPsec direction out. */
    public static final int XFRM_POLICY_OUT = 1;

    // enum nft_osf_flags
    /** Osf flag: match the operating system version too. */
    public static final int NFT_OSF_F_VERSION = 1 << 0;
    // enum nft_osf_attributes
    /** Destination register (NLA_U32: nft_registers). */
    public static final int NFTA_OSF_DREG = 1;
    /** Value of the TTL osf option (NLA_U8). */
    public static final int NFTA_OSF_TTL = 2;
    /** Flags (NLA_U32). */
    public static final int NFTA_OSF_FLAGS = 3;
    /** The highest type of {@code enum nft_osf_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_OSF_MAX = 3;
    /** Bytes an osf load fills ({@code NFT_OSF_MAXGENRELEN}). */
    public static final int NFT_OSF_MAXGENRELEN = 16;

    // enum nft_byteorder_ops
    /** Network to host operator. */
    public static final int NFT_BYTEORDER_NTOH = 0;
    /** Host to network operator. */
    public static final int NFT_BYTEORDER_HTON = 1;
    // enum nft_byteorder_attributes
    /** Source register (NLA_U32: nft_registers). */
    public static final int NFTA_BYTEORDER_SREG = 1;
    /** Destination register (NLA_U32: nft_registers). */
    public static final int NFTA_BYTEORDER_DREG = 2;
    /** Operator (NLA_U32: enum nft_byteorder_ops). */
    public static final int NFTA_BYTEORDER_OP = 3;
    /** Length of the data (NLA_U32). */
    public static final int NFTA_BYTEORDER_LEN = 4;
    /** Data size in bytes (NLA_U32: 2 or 4). */
    public static final int NFTA_BYTEORDER_SIZE = 5;
    /** The highest type of {@code enum nft_byteorder_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_BYTEORDER_MAX = 5;

    // enum nft_range_ops
    /** Equal. */
    public static final int NFT_RANGE_EQ = 0;
    /** Not equal. */
    public static final int NFT_RANGE_NEQ = 1;
    // enum nft_range_attributes
    /** Source register of data to compare (NLA_U32: nft_registers). */
    public static final int NFTA_RANGE_SREG = 1;
    /** Cmp operation (NLA_U32: nft_cmp_ops). */
    public static final int NFTA_RANGE_OP = 2;
    /** Data range from (NLA_NESTED: nft_data_attributes). */
    public static final int NFTA_RANGE_FROM_DATA = 3;
    /** Data range to (NLA_NESTED: nft_data_attributes). */
    public static final int NFTA_RANGE_TO_DATA = 4;
    /** The highest type of {@code enum nft_range_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_RANGE_MAX = 4;

    // ==== statement expressions (limit, quota, log, reject, nat, masq, redir, tproxy, dynset, objref, notrack, dup, fwd, connlimit, synproxy, queue, last, match/target) ====

    // enum nft_limit_type
    /** Limit type: packets per time unit. */
    public static final int NFT_LIMIT_PKTS = 0;
    /** Limit type: bytes per time unit. */
    public static final int NFT_LIMIT_PKT_BYTES = 1;
    // enum nft_limit_flags
    /** Limit flag: invert (match when over the limit). */
    public static final int NFT_LIMIT_F_INV = 1;
    // enum nft_limit_attributes
    /** Refill rate (NLA_U64). */
    public static final int NFTA_LIMIT_RATE = 1;
    /** Refill unit (NLA_U64). */
    public static final int NFTA_LIMIT_UNIT = 2;
    /** Burst (NLA_U32). */
    public static final int NFTA_LIMIT_BURST = 3;
    /** Type of limit (NLA_U32: enum nft_limit_type). */
    public static final int NFTA_LIMIT_TYPE = 4;
    /** Flags (NLA_U32: enum nft_limit_flags). */
    public static final int NFTA_LIMIT_FLAGS = 5;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_LIMIT_PAD = 6;
    /** The highest type of {@code enum nft_limit_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_LIMIT_MAX = 6;

    // enum nft_quota_flags
    /** Quota flag: invert (match when over the quota). */
    public static final int NFT_QUOTA_F_INV = 1;
    /** Quota flag: the quota is used up. */
    public static final int NFT_QUOTA_F_DEPLETED = 2;
    // enum nft_quota_attributes
    /** Quota in bytes (NLA_U16). */
    public static final int NFTA_QUOTA_BYTES = 1;
    /** Flags (NLA_U32). */
    public static final int NFTA_QUOTA_FLAGS = 2;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_QUOTA_PAD = 3;
    /** Quota already consumed in bytes (NLA_U64). */
    public static final int NFTA_QUOTA_CONSUMED = 4;
    /** The highest type of {@code enum nft_quota_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_QUOTA_MAX = 4;

    // enum nft_log_attributes
    /** Netlink group to send messages to (NLA_U32). */
    public static final int NFTA_LOG_GROUP = 1;
    /** Prefix to prepend to log messages (NLA_STRING). */
    public static final int NFTA_LOG_PREFIX = 2;
    /** Length of payload to include in netlink message (NLA_U32). */
    public static final int NFTA_LOG_SNAPLEN = 3;
    /** Queue threshold (NLA_U32). */
    public static final int NFTA_LOG_QTHRESHOLD = 4;
    /** Log level (NLA_U32). */
    public static final int NFTA_LOG_LEVEL = 5;
    /** Logging flags (NLA_U32). */
    public static final int NFTA_LOG_FLAGS = 6;
    /** The highest type of {@code enum nft_log_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_LOG_MAX = 6;
    // enum nft_log_level
    /** System is unusable. */
    public static final int NFT_LOGLEVEL_EMERG = 0;
    /** Warning conditions. */
    public static final int NFT_LOGLEVEL_WARNING = 4;
    /** Debug-level messages. */
    public static final int NFT_LOGLEVEL_DEBUG = 7;
    /** Enabling audit logging. */
    public static final int NFT_LOGLEVEL_AUDIT = 8;
    // <linux/netfilter/nf_log.h>
    /** Log TCP sequence numbers. */
    public static final int NF_LOG_TCPSEQ = 0x01;
    /** Log TCP options. */
    public static final int NF_LOG_TCPOPT = 0x02;
    /** Log IP options. */
    public static final int NF_LOG_IPOPT = 0x04;
    /** Log UID owning local socket. */
    public static final int NF_LOG_UID = 0x08;
    /** Unsupported, don't reuse. */
    public static final int NF_LOG_NFLOG = 0x10;
    /** Decode MAC header. */
    public static final int NF_LOG_MACDECODE = 0x20;
    /** Mask of the log flags (all NF_LOG_* flags). */
    public static final int NF_LOG_MASK = 0x2f;

    // enum nft_reject_types
    /** Reject using ICMP unreachable. */
    public static final int NFT_REJECT_ICMP_UNREACH = 0;
    /** Reject using TCP RST. */
    public static final int NFT_REJECT_TCP_RST = 1;
    /** Abstracted ICMP unreachable for bridge and inet. */
    public static final int NFT_REJECT_ICMPX_UNREACH = 2;
    // enum nft_reject_inet_code
    /** No route to host / network unreachable. */
    public static final int NFT_REJECT_ICMPX_NO_ROUTE = 0;
    /** Port unreachable. */
    public static final int NFT_REJECT_ICMPX_PORT_UNREACH = 1;
    /** Host unreachable. */
    public static final int NFT_REJECT_ICMPX_HOST_UNREACH = 2;
    /** Administratively prohibited. */
    public static final int NFT_REJECT_ICMPX_ADMIN_PROHIBITED = 3;
    // enum nft_reject_attributes
    /** Packet type to use (NLA_U32: nft_reject_types). */
    public static final int NFTA_REJECT_TYPE = 1;
    /** ICMP code to use (NLA_U8). */
    public static final int NFTA_REJECT_ICMP_CODE = 2;
    /** The highest type of {@code enum nft_reject_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_REJECT_MAX = 2;

    // enum nft_nat_types
    /** Source NAT. */
    public static final int NFT_NAT_SNAT = 0;
    /** Destination NAT. */
    public static final int NFT_NAT_DNAT = 1;
    // enum nft_nat_attributes
    /** NAT type (NLA_U32: nft_nat_types). */
    public static final int NFTA_NAT_TYPE = 1;
    /** NAT family (NLA_U32). */
    public static final int NFTA_NAT_FAMILY = 2;
    /** Source register of address range start (NLA_U32: nft_registers). */
    public static final int NFTA_NAT_REG_ADDR_MIN = 3;
    /** Source register of address range end (NLA_U32: nft_registers). */
    public static final int NFTA_NAT_REG_ADDR_MAX = 4;
    /** Source register of proto range start (NLA_U32: nft_registers). */
    public static final int NFTA_NAT_REG_PROTO_MIN = 5;
    /** Source register of proto range end (NLA_U32: nft_registers). */
    public static final int NFTA_NAT_REG_PROTO_MAX = 6;
    /** NAT flags (see NF_NAT_RANGE_* in linux/netfilter/nf_nat.h) (NLA_U32). */
    public static final int NFTA_NAT_FLAGS = 7;
    /** The highest type of {@code enum nft_nat_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_NAT_MAX = 7;
    // <linux/netfilter/nf_nat.h>
    /** NAT range flag: the range carries addresses. */
    public static final int NF_NAT_RANGE_MAP_IPS = 0x01;
    /** NAT range flag: the range carries ports. */
    public static final int NF_NAT_RANGE_PROTO_SPECIFIED = 0x02;
    /** NAT range flag random: randomize the source port. */
    public static final int NF_NAT_RANGE_PROTO_RANDOM = 0x04;
    /** NAT range flag persistent: same address for a client each connection. */
    public static final int NF_NAT_RANGE_PERSISTENT = 0x08;
    /** NAT range flag fully-random: fully randomize the port. */
    public static final int NF_NAT_RANGE_PROTO_RANDOM_FULLY = 0x10;
    /** NAT range flag: the ports are shifted by an offset. */
    public static final int NF_NAT_RANGE_PROTO_OFFSET = 0x20;
    /** NAT range flag netmap: map a prefix to a prefix. */
    public static final int NF_NAT_RANGE_NETMAP = 0x40;

    // enum nft_masq_attributes
    /** NAT flags (see NF_NAT_RANGE_* in linux/netfilter/nf_nat.h) (NLA_U32). */
    public static final int NFTA_MASQ_FLAGS = 1;
    /** Source register of proto range start (NLA_U32: nft_registers). */
    public static final int NFTA_MASQ_REG_PROTO_MIN = 2;
    /** Source register of proto range end (NLA_U32: nft_registers). */
    public static final int NFTA_MASQ_REG_PROTO_MAX = 3;
    /** The highest type of {@code enum nft_masq_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_MASQ_MAX = 3;

    // enum nft_redir_attributes
    /** Source register of proto range start (NLA_U32: nft_registers). */
    public static final int NFTA_REDIR_REG_PROTO_MIN = 1;
    /** Source register of proto range end (NLA_U32: nft_registers). */
    public static final int NFTA_REDIR_REG_PROTO_MAX = 2;
    /** NAT flags (see NF_NAT_RANGE_* in linux/netfilter/nf_nat.h) (NLA_U32). */
    public static final int NFTA_REDIR_FLAGS = 3;
    /** The highest type of {@code enum nft_redir_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_REDIR_MAX = 3;

    // enum nft_tproxy_attributes
    /** Family of the address to redirect to (NLA_U32). */
    public static final int NFTA_TPROXY_FAMILY = 1;
    /** Register holding the address (NLA_U32). */
    public static final int NFTA_TPROXY_REG_ADDR = 2;
    /** Register holding the port (NLA_U32). */
    public static final int NFTA_TPROXY_REG_PORT = 3;
    /** The highest type of {@code enum nft_tproxy_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_TPROXY_MAX = 3;

    // enum nft_dynset_ops
    /** Dynset operation add: add the element if not there. */
    public static final int NFT_DYNSET_OP_ADD = 0;
    /** Dynset operation update: add or refresh the element's timeout. */
    public static final int NFT_DYNSET_OP_UPDATE = 1;
    /** Dynset operation delete: remove the element. */
    public static final int NFT_DYNSET_OP_DELETE = 2;
    // enum nft_dynset_flags
    /** Dynset flag: invert the result. */
    public static final int NFT_DYNSET_F_INV = 1;
    /** Dynset flag: the element carries one or more stateful expressions. */
    public static final int NFT_DYNSET_F_EXPR = 2;
    // enum nft_dynset_attributes
    /** Name of set the to add data to (NLA_STRING). */
    public static final int NFTA_DYNSET_SET_NAME = 1;
    /** Uniquely identifier of the set in the transaction (NLA_U32). */
    public static final int NFTA_DYNSET_SET_ID = 2;
    /** Operation (NLA_U32). */
    public static final int NFTA_DYNSET_OP = 3;
    /** Source register of the key (NLA_U32). */
    public static final int NFTA_DYNSET_SREG_KEY = 4;
    /** Source register of the data (NLA_U32). */
    public static final int NFTA_DYNSET_SREG_DATA = 5;
    /** Timeout value for the new element (NLA_U64). */
    public static final int NFTA_DYNSET_TIMEOUT = 6;
    /** Expression (NLA_NESTED: nft_expr_attributes). */
    public static final int NFTA_DYNSET_EXPR = 7;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_DYNSET_PAD = 8;
    /** Flags (NLA_U32). */
    public static final int NFTA_DYNSET_FLAGS = 9;
    /** List of expressions (NLA_NESTED: nft_list_attributes). */
    public static final int NFTA_DYNSET_EXPRESSIONS = 10;
    /** The highest type of {@code enum nft_dynset_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_DYNSET_MAX = 10;

    // enum nft_objref_attributes
    /** Object type for immediate reference (NLA_U32: nft_register). */
    public static final int NFTA_OBJREF_IMM_TYPE = 1;
    /** Object name for immediate reference (NLA_STRING). */
    public static final int NFTA_OBJREF_IMM_NAME = 2;
    /** Source register of the data to look for (NLA_U32: nft_registers). */
    public static final int NFTA_OBJREF_SET_SREG = 3;
    /** Name of the set where to look for (NLA_STRING). */
    public static final int NFTA_OBJREF_SET_NAME = 4;
    /** Id of the set where to look for in this transaction (NLA_U32). */
    public static final int NFTA_OBJREF_SET_ID = 5;
    /** The highest type of {@code enum nft_objref_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_OBJREF_MAX = 5;
    // NFT_OBJECT_*
    /** Object type unspecified. */
    public static final int NFT_OBJECT_UNSPEC = 0;
    /** Object type counter. */
    public static final int NFT_OBJECT_COUNTER = 1;
    /** Object type quota. */
    public static final int NFT_OBJECT_QUOTA = 2;
    /** Object type ct helper. */
    public static final int NFT_OBJECT_CT_HELPER = 3;
    /** Object type limit. */
    public static final int NFT_OBJECT_LIMIT = 4;
    /** Object type connlimit (ct count). */
    public static final int NFT_OBJECT_CONNLIMIT = 5;
    /** Object type tunnel. */
    public static final int NFT_OBJECT_TUNNEL = 6;
    /** Object type ct timeout. */
    public static final int NFT_OBJECT_CT_TIMEOUT = 7;
    /** Object type secmark. */
    public static final int NFT_OBJECT_SECMARK = 8;
    /** Object type ct expectation. */
    public static final int NFT_OBJECT_CT_EXPECT = 9;
    /** Object type synproxy. */
    public static final int NFT_OBJECT_SYNPROXY = 10;

    // enum nft_dup_attributes
    /** Source register of address (NLA_U32: nft_registers). */
    public static final int NFTA_DUP_SREG_ADDR = 1;
    /** Source register of output interface (NLA_U32: nft_register). */
    public static final int NFTA_DUP_SREG_DEV = 2;
    /** The highest type of {@code enum nft_dup_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_DUP_MAX = 2;

    // enum nft_fwd_attributes
    /** Source register of output interface (NLA_U32: nft_register). */
    public static final int NFTA_FWD_SREG_DEV = 1;
    /** Source register of destination address (NLA_U32: nft_register). */
    public static final int NFTA_FWD_SREG_ADDR = 2;
    /** Layer 3 family of source register address (NLA_U32: enum nfproto). */
    public static final int NFTA_FWD_NFPROTO = 3;
    /** The highest type of {@code enum nft_fwd_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_FWD_MAX = 3;

    // enum nft_connlimit_flags
    /** Connlimit flag: invert (match when over the count). */
    public static final int NFT_CONNLIMIT_F_INV = 1;
    // enum nft_connlimit_attributes
    /** Number of connections (NLA_U32). */
    public static final int NFTA_CONNLIMIT_COUNT = 1;
    /** Flags (NLA_U32: enum nft_connlimit_flags). */
    public static final int NFTA_CONNLIMIT_FLAGS = 2;
    /** The highest type of {@code enum nft_connlimit_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_CONNLIMIT_MAX = 2;

    // enum nft_synproxy_attributes
    /** Mss value sent to the backend (NLA_U16). */
    public static final int NFTA_SYNPROXY_MSS = 1;
    /** Wscale value sent to the backend (NLA_U8). */
    public static final int NFTA_SYNPROXY_WSCALE = 2;
    /** Flags (NLA_U32). */
    public static final int NFTA_SYNPROXY_FLAGS = 3;
    /** The highest type of {@code enum nft_synproxy_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_SYNPROXY_MAX = 3;
    // <linux/netfilter/nf_synproxy.h>
    /** Synproxy option: send the given MSS. */
    public static final int NF_SYNPROXY_OPT_MSS = 0x01;
    /** Synproxy option: window scaling. */
    public static final int NF_SYNPROXY_OPT_WSCALE = 0x02;
    /** Synproxy option: selective acknowledgement permitted. */
    public static final int NF_SYNPROXY_OPT_SACK_PERM = 0x04;
    /** Synproxy option: timestamps. */
    public static final int NF_SYNPROXY_OPT_TIMESTAMP = 0x08;
    /** Synproxy option: explicit congestion notification. */
    public static final int NF_SYNPROXY_OPT_ECN = 0x10;

    // enum nft_queue_attributes
    /** Netlink queue to send messages to (NLA_U16). */
    public static final int NFTA_QUEUE_NUM = 1;
    /** Number of queues to load balance packets on (NLA_U16). */
    public static final int NFTA_QUEUE_TOTAL = 2;
    /** Various flags (NLA_U16). */
    public static final int NFTA_QUEUE_FLAGS = 3;
    /** Source register of queue number (NLA_U32: nft_registers). */
    public static final int NFTA_QUEUE_SREG_QNUM = 4;
    /** The highest type of {@code enum nft_queue_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_QUEUE_MAX = 4;
    // NFT_QUEUE_FLAG_*
    /** For compatibility with v2. */
    public static final int NFT_QUEUE_FLAG_BYPASS = 0x01;
    /** Use current CPU (no hashing). */
    public static final int NFT_QUEUE_FLAG_CPU_FANOUT = 0x02;

    // enum nft_last_attributes
    /** Last update has been set, zero means never updated (NLA_U32). */
    public static final int NFTA_LAST_SET = 1;
    /** Milliseconds since last update (NLA_U64). */
    public static final int NFTA_LAST_MSECS = 2;
    /** Padding attribute that aligns the next 64-bit attribute; carries no data. */
    public static final int NFTA_LAST_PAD = 3;
    /** The highest type of {@code enum nft_last_attributes}: a decoder's table holds types 0 to this. */
    public static final int NFTA_LAST_MAX = 3;

    // <linux/netfilter/nf_tables_compat.h>: enum nft_match_attributes, enum nft_target_attributes
    /** Name of the xtables match (NLA_STRING). */
    public static final int NFTA_MATCH_NAME = 1;
    /** Revision of the match's info struct (NLA_U32). */
    public static final int NFTA_MATCH_REV = 2;
    /** The match's info struct as xtables lays it out (NLA_BINARY). */
    public static final int NFTA_MATCH_INFO = 3;
    /** Layer 4 protocol the rule matches on, for matches that need one (NLA_U32). */
    public static final int NFTA_MATCH_PROTOCOL = 4;
    /** Compat flags, such as NFT_RULE_COMPAT_F_INV (NLA_U32). */
    public static final int NFTA_MATCH_FLAGS = 5;
    /** The highest type of {@code enum nft_match_attributes} in the kernel's header (name, rev, info): a decoder's table holds types 0 to this. */
    public static final int NFTA_MATCH_MAX = 3;
    /** Name of the xtables target (NLA_STRING). */
    public static final int NFTA_TARGET_NAME = 1;
    /** Revision of the target's info struct (NLA_U32). */
    public static final int NFTA_TARGET_REV = 2;
    /** The target's info struct as xtables lays it out (NLA_BINARY). */
    public static final int NFTA_TARGET_INFO = 3;
    /** Layer 4 protocol the rule matches on, for targets that need one (NLA_U32). */
    public static final int NFTA_TARGET_PROTOCOL = 4;
    /** Compat flags (NLA_U32). */
    public static final int NFTA_TARGET_FLAGS = 5;
    /** The highest type of {@code enum nft_target_attributes} in the kernel's header (name, rev, info): a decoder's table holds types 0 to this. */
    public static final int NFTA_TARGET_MAX = 3;
    /** Longest match or target name ({@code NFT_COMPAT_NAME_MAX}), NUL included. */
    public static final int NFT_COMPAT_NAME_MAX = 32;
}
