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
    public static final int NFT_MSG_NEWTABLE = 0;
    public static final int NFT_MSG_GETTABLE = 1;
    public static final int NFT_MSG_DELTABLE = 2;
    public static final int NFT_MSG_NEWCHAIN = 3;
    public static final int NFT_MSG_GETCHAIN = 4;
    public static final int NFT_MSG_DELCHAIN = 5;
    public static final int NFT_MSG_NEWRULE = 6;
    public static final int NFT_MSG_GETRULE = 7;
    public static final int NFT_MSG_DELRULE = 8;
    public static final int NFT_MSG_NEWSET = 9;
    public static final int NFT_MSG_GETSET = 10;
    public static final int NFT_MSG_DELSET = 11;
    public static final int NFT_MSG_NEWSETELEM = 12;
    public static final int NFT_MSG_GETSETELEM = 13;
    public static final int NFT_MSG_DELSETELEM = 14;
    public static final int NFT_MSG_NEWGEN = 15;
    public static final int NFT_MSG_GETGEN = 16;
    public static final int NFT_MSG_TRACE = 17;
    public static final int NFT_MSG_NEWOBJ = 18;
    public static final int NFT_MSG_GETOBJ = 19;
    public static final int NFT_MSG_DELOBJ = 20;
    public static final int NFT_MSG_GETOBJ_RESET = 21;
    public static final int NFT_MSG_NEWFLOWTABLE = 22;
    public static final int NFT_MSG_GETFLOWTABLE = 23;
    public static final int NFT_MSG_DELFLOWTABLE = 24;
    public static final int NFT_MSG_GETRULE_RESET = 25;
    public static final int NFT_MSG_DESTROYTABLE = 26;
    public static final int NFT_MSG_DESTROYCHAIN = 27;
    public static final int NFT_MSG_DESTROYRULE = 28;
    public static final int NFT_MSG_DESTROYSET = 29;
    public static final int NFT_MSG_DESTROYSETELEM = 30;
    public static final int NFT_MSG_DESTROYOBJ = 31;
    public static final int NFT_MSG_DESTROYFLOWTABLE = 32;
    public static final int NFT_MSG_GETSETELEM_RESET = 33;

    // enum nft_table_attributes
    public static final int NFTA_TABLE_NAME = 1;
    public static final int NFTA_TABLE_FLAGS = 2;
    public static final int NFTA_TABLE_USE = 3;
    public static final int NFTA_TABLE_HANDLE = 4;
    public static final int NFTA_TABLE_PAD = 5;
    public static final int NFTA_TABLE_USERDATA = 6;
    public static final int NFTA_TABLE_OWNER = 7;

    // enum nft_table_flags
    public static final int NFT_TABLE_F_DORMANT = 0x1;
    public static final int NFT_TABLE_F_OWNER = 0x2;
    public static final int NFT_TABLE_F_PERSIST = 0x4;

    // enum nft_chain_attributes
    public static final int NFTA_CHAIN_TABLE = 1;
    public static final int NFTA_CHAIN_HANDLE = 2;
    public static final int NFTA_CHAIN_NAME = 3;
    public static final int NFTA_CHAIN_HOOK = 4;
    public static final int NFTA_CHAIN_POLICY = 5;
    public static final int NFTA_CHAIN_USE = 6;
    public static final int NFTA_CHAIN_TYPE = 7;
    public static final int NFTA_CHAIN_COUNTERS = 8;
    public static final int NFTA_CHAIN_PAD = 9;
    public static final int NFTA_CHAIN_FLAGS = 10;
    public static final int NFTA_CHAIN_ID = 11;
    public static final int NFTA_CHAIN_USERDATA = 12;

    // enum nft_chain_flags
    public static final int NFT_CHAIN_BASE = 0x1;
    public static final int NFT_CHAIN_HW_OFFLOAD = 0x2;
    public static final int NFT_CHAIN_BINDING = 0x4;

    // enum nft_rule_attributes
    public static final int NFTA_RULE_TABLE = 1;
    public static final int NFTA_RULE_CHAIN = 2;
    public static final int NFTA_RULE_HANDLE = 3;
    public static final int NFTA_RULE_EXPRESSIONS = 4;
    public static final int NFTA_RULE_COMPAT = 5;
    public static final int NFTA_RULE_POSITION = 6;
    public static final int NFTA_RULE_USERDATA = 7;
    public static final int NFTA_RULE_PAD = 8;
    public static final int NFTA_RULE_ID = 9;
    public static final int NFTA_RULE_POSITION_ID = 10;
    public static final int NFTA_RULE_CHAIN_ID = 11;

    // enum nft_hook_attributes
    public static final int NFTA_HOOK_HOOKNUM = 1;
    public static final int NFTA_HOOK_PRIORITY = 2;
    public static final int NFTA_HOOK_DEV = 3;
    public static final int NFTA_HOOK_DEVS = 4;

    // enum nft_devices_attributes
    public static final int NFTA_DEVICE_NAME = 1;

    // enum nft_gen_attributes
    public static final int NFTA_GEN_ID = 1;
    public static final int NFTA_GEN_PROC_PID = 2;
    public static final int NFTA_GEN_PROC_NAME = 3;

    // <linux/netfilter.h>: verdicts used as chain policies
    public static final int NF_DROP = 0;
    public static final int NF_ACCEPT = 1;

    // <linux/netfilter.h>: enum nf_inet_hooks (also bridge hook numbers)
    public static final int NF_INET_PRE_ROUTING = 0;
    public static final int NF_INET_LOCAL_IN = 1;
    public static final int NF_INET_FORWARD = 2;
    public static final int NF_INET_LOCAL_OUT = 3;
    public static final int NF_INET_POST_ROUTING = 4;
    public static final int NF_INET_INGRESS = 5;
    // <linux/netfilter_arp.h>
    public static final int NF_ARP_IN = 0;
    public static final int NF_ARP_OUT = 1;
    public static final int NF_ARP_FORWARD = 2;
    // enum nf_dev_hooks
    public static final int NF_NETDEV_INGRESS = 0;
    public static final int NF_NETDEV_EGRESS = 1;

    // <linux/netfilter.h>: NFPROTO_*
    public static final int NFPROTO_UNSPEC = 0;
    public static final int NFPROTO_INET = 1;
    public static final int NFPROTO_IPV4 = 2;
    public static final int NFPROTO_ARP = 3;
    public static final int NFPROTO_NETDEV = 5;
    public static final int NFPROTO_BRIDGE = 7;
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
    public static final int NFT_SET_ANONYMOUS = 0x1;
    public static final int NFT_SET_CONSTANT = 0x2;
    public static final int NFT_SET_INTERVAL = 0x4;
    public static final int NFT_SET_MAP = 0x8;
    public static final int NFT_SET_TIMEOUT = 0x10;
    public static final int NFT_SET_EVAL = 0x20;
    public static final int NFT_SET_OBJECT = 0x40;
    public static final int NFT_SET_CONCAT = 0x80;
    public static final int NFT_SET_EXPR = 0x100;

    // enum nft_set_policies
    public static final int NFT_SET_POL_PERFORMANCE = 0;
    public static final int NFT_SET_POL_MEMORY = 1;

    // enum nft_set_desc_attributes, nft_set_field_attributes
    public static final int NFTA_SET_DESC_SIZE = 1;
    public static final int NFTA_SET_DESC_CONCAT = 2;
    public static final int NFTA_SET_FIELD_LEN = 1;

    // enum nft_set_attributes
    public static final int NFTA_SET_TABLE = 1;
    public static final int NFTA_SET_NAME = 2;
    public static final int NFTA_SET_FLAGS = 3;
    public static final int NFTA_SET_KEY_TYPE = 4;
    public static final int NFTA_SET_KEY_LEN = 5;
    public static final int NFTA_SET_DATA_TYPE = 6;
    public static final int NFTA_SET_DATA_LEN = 7;
    public static final int NFTA_SET_POLICY = 8;
    public static final int NFTA_SET_DESC = 9;
    public static final int NFTA_SET_ID = 10;
    public static final int NFTA_SET_TIMEOUT = 11;
    public static final int NFTA_SET_GC_INTERVAL = 12;
    public static final int NFTA_SET_USERDATA = 13;
    public static final int NFTA_SET_PAD = 14;
    public static final int NFTA_SET_OBJ_TYPE = 15;
    public static final int NFTA_SET_HANDLE = 16;
    public static final int NFTA_SET_EXPR = 17;
    public static final int NFTA_SET_EXPRESSIONS = 18;
    /** Reported by the kernel only: the set backend's name. */
    public static final int NFTA_SET_TYPE = 19;
    /** Reported by the kernel only: the number of elements. */
    public static final int NFTA_SET_COUNT = 20;

    // enum nft_set_elem_flags
    public static final int NFT_SET_ELEM_INTERVAL_END = 0x1;
    public static final int NFT_SET_ELEM_CATCHALL = 0x2;

    // enum nft_set_elem_attributes
    public static final int NFTA_SET_ELEM_KEY = 1;
    public static final int NFTA_SET_ELEM_DATA = 2;
    public static final int NFTA_SET_ELEM_FLAGS = 3;
    public static final int NFTA_SET_ELEM_TIMEOUT = 4;
    public static final int NFTA_SET_ELEM_EXPIRATION = 5;
    public static final int NFTA_SET_ELEM_USERDATA = 6;
    public static final int NFTA_SET_ELEM_EXPR = 7;
    public static final int NFTA_SET_ELEM_PAD = 8;
    public static final int NFTA_SET_ELEM_OBJREF = 9;
    public static final int NFTA_SET_ELEM_KEY_END = 10;
    public static final int NFTA_SET_ELEM_EXPRESSIONS = 11;

    // enum nft_set_elem_list_attributes
    public static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    public static final int NFTA_SET_ELEM_LIST_SET = 2;
    public static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    public static final int NFTA_SET_ELEM_LIST_SET_ID = 4;

    // ==== objects and flowtables ====

    // enum nft_object_attributes
    public static final int NFTA_OBJ_TABLE = 1;
    public static final int NFTA_OBJ_NAME = 2;
    public static final int NFTA_OBJ_TYPE = 3;
    public static final int NFTA_OBJ_DATA = 4;
    public static final int NFTA_OBJ_USE = 5;
    public static final int NFTA_OBJ_HANDLE = 6;
    public static final int NFTA_OBJ_PAD = 7;
    public static final int NFTA_OBJ_USERDATA = 8;

    /** libnftnl's userdata type for object comments ({@code NFTNL_UDATA_OBJ_COMMENT}). */
    public static final int NFTNL_UDATA_OBJ_COMMENT = 0;

    // enum nft_ct_helper_attributes
    public static final int NFTA_CT_HELPER_NAME = 1;
    public static final int NFTA_CT_HELPER_L3PROTO = 2;
    public static final int NFTA_CT_HELPER_L4PROTO = 3;

    // enum nft_ct_timeout_timeout_attributes
    public static final int NFTA_CT_TIMEOUT_L3PROTO = 1;
    public static final int NFTA_CT_TIMEOUT_L4PROTO = 2;
    public static final int NFTA_CT_TIMEOUT_DATA = 3;

    // enum nft_ct_expectation_attributes
    public static final int NFTA_CT_EXPECT_L3PROTO = 1;
    public static final int NFTA_CT_EXPECT_L4PROTO = 2;
    public static final int NFTA_CT_EXPECT_DPORT = 3;
    public static final int NFTA_CT_EXPECT_TIMEOUT = 4;
    public static final int NFTA_CT_EXPECT_SIZE = 5;

    // enum nft_secmark_attributes
    public static final int NFTA_SECMARK_CTX = 1;

    // enum nft_flowtable_flags
    public static final int NFT_FLOWTABLE_HW_OFFLOAD = 0x1;
    public static final int NFT_FLOWTABLE_COUNTER = 0x2;

    // enum nft_flowtable_attributes
    public static final int NFTA_FLOWTABLE_TABLE = 1;
    public static final int NFTA_FLOWTABLE_NAME = 2;
    public static final int NFTA_FLOWTABLE_HOOK = 3;
    public static final int NFTA_FLOWTABLE_USE = 4;
    public static final int NFTA_FLOWTABLE_HANDLE = 5;
    public static final int NFTA_FLOWTABLE_PAD = 6;
    public static final int NFTA_FLOWTABLE_FLAGS = 7;

    // enum nft_flowtable_hook_attributes
    public static final int NFTA_FLOWTABLE_HOOK_NUM = 1;
    public static final int NFTA_FLOWTABLE_HOOK_PRIORITY = 2;
    public static final int NFTA_FLOWTABLE_HOOK_DEVS = 3;

    // ==== rules and expressions ====

    // enum nft_list_attributes
    public static final int NFTA_LIST_ELEM = 1;

    // enum nft_expr_attributes
    public static final int NFTA_EXPR_NAME = 1;
    public static final int NFTA_EXPR_DATA = 2;

    // enum nft_data_attributes
    public static final int NFTA_DATA_VALUE = 1;
    public static final int NFTA_DATA_VERDICT = 2;

    // enum nft_verdict_attributes
    public static final int NFTA_VERDICT_CODE = 1;
    public static final int NFTA_VERDICT_CHAIN = 2;
    public static final int NFTA_VERDICT_CHAIN_ID = 3;

    // enum nft_verdicts and <linux/netfilter.h> verdicts
    public static final int NFT_CONTINUE = -1;
    public static final int NFT_BREAK = -2;
    public static final int NFT_JUMP = -3;
    public static final int NFT_GOTO = -4;
    public static final int NFT_RETURN = -5;
    public static final int NF_STOLEN = 2;
    public static final int NF_QUEUE = 3;
    public static final int NF_REPEAT = 4;
    public static final int NF_STOP = 5;

    // enum nft_registers
    public static final int NFT_REG_VERDICT = 0;
    public static final int NFT_REG_1 = 1;
    public static final int NFT_REG_4 = 4;
    public static final int NFT_REG32_00 = 8;
    public static final int NFT_REG32_15 = 23;

    // enum nft_payload_bases
    public static final int NFT_PAYLOAD_LL_HEADER = 0;
    public static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
    public static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;
    public static final int NFT_PAYLOAD_INNER_HEADER = 3;
    public static final int NFT_PAYLOAD_TUN_HEADER = 4;
    // enum nft_inner_type (nft numbers gre and gretap NFT_INNER_GENEVE + 1 and + 2)
    public static final int NFT_INNER_UNSPEC = 0;
    public static final int NFT_INNER_VXLAN = 1;
    public static final int NFT_INNER_GENEVE = 2;
    // enum nft_inner_flags
    public static final int NFT_INNER_HDRSIZE = 1;
    public static final int NFT_INNER_LL = 2;
    public static final int NFT_INNER_NH = 4;
    public static final int NFT_INNER_TH = 8;
    // enum nft_inner_attributes
    public static final int NFTA_INNER_NUM = 1;
    public static final int NFTA_INNER_TYPE = 2;
    public static final int NFTA_INNER_FLAGS = 3;
    public static final int NFTA_INNER_HDRSIZE = 4;
    public static final int NFTA_INNER_EXPR = 5;
    // enum nft_payload_csum_types
    public static final int NFT_PAYLOAD_CSUM_NONE = 0;
    public static final int NFT_PAYLOAD_CSUM_INET = 1;
    public static final int NFT_PAYLOAD_CSUM_SCTP = 2;
    // enum nft_payload_csum_flags
    public static final int NFT_PAYLOAD_L4CSUM_PSEUDOHDR = 1;
    // enum nft_payload_attributes
    public static final int NFTA_PAYLOAD_DREG = 1;
    public static final int NFTA_PAYLOAD_BASE = 2;
    public static final int NFTA_PAYLOAD_OFFSET = 3;
    public static final int NFTA_PAYLOAD_LEN = 4;
    public static final int NFTA_PAYLOAD_SREG = 5;
    public static final int NFTA_PAYLOAD_CSUM_TYPE = 6;
    public static final int NFTA_PAYLOAD_CSUM_OFFSET = 7;
    public static final int NFTA_PAYLOAD_CSUM_FLAGS = 8;

    // enum nft_meta_attributes
    public static final int NFTA_META_DREG = 1;
    public static final int NFTA_META_KEY = 2;
    public static final int NFTA_META_SREG = 3;

    // enum nft_cmp_ops
    public static final int NFT_CMP_EQ = 0;
    public static final int NFT_CMP_NEQ = 1;
    public static final int NFT_CMP_LT = 2;
    public static final int NFT_CMP_LTE = 3;
    public static final int NFT_CMP_GT = 4;
    public static final int NFT_CMP_GTE = 5;
    // enum nft_cmp_attributes
    public static final int NFTA_CMP_SREG = 1;
    public static final int NFTA_CMP_OP = 2;
    public static final int NFTA_CMP_DATA = 3;

    // enum nft_immediate_attributes
    public static final int NFTA_IMMEDIATE_DREG = 1;
    public static final int NFTA_IMMEDIATE_DATA = 2;

    // enum nft_bitwise_ops
    public static final int NFT_BITWISE_MASK_XOR = 0;
    public static final int NFT_BITWISE_LSHIFT = 1;
    public static final int NFT_BITWISE_RSHIFT = 2;
    public static final int NFT_BITWISE_AND = 3;
    public static final int NFT_BITWISE_OR = 4;
    public static final int NFT_BITWISE_XOR = 5;
    // enum nft_bitwise_attributes
    public static final int NFTA_BITWISE_SREG = 1;
    public static final int NFTA_BITWISE_DREG = 2;
    public static final int NFTA_BITWISE_LEN = 3;
    public static final int NFTA_BITWISE_MASK = 4;
    public static final int NFTA_BITWISE_XOR = 5;
    public static final int NFTA_BITWISE_OP = 6;
    public static final int NFTA_BITWISE_DATA = 7;
    public static final int NFTA_BITWISE_SREG2 = 8;

    // enum nft_lookup_attributes
    public static final int NFTA_LOOKUP_SET = 1;
    public static final int NFTA_LOOKUP_SREG = 2;
    public static final int NFTA_LOOKUP_DREG = 3;
    public static final int NFTA_LOOKUP_SET_ID = 4;
    public static final int NFTA_LOOKUP_FLAGS = 5;
    // enum nft_lookup_flags
    public static final int NFT_LOOKUP_F_INV = 1;

    // enum nft_counter_attributes
    public static final int NFTA_COUNTER_BYTES = 1;
    public static final int NFTA_COUNTER_PACKETS = 2;
    public static final int NFTA_COUNTER_PAD = 3;

    // ==== expressions that load into registers, and operations on them (ct, socket, fib, rt, exthdr, numgen, hash, xfrm, osf, byteorder, range) ====

    // enum nft_ct_keys
    public static final int NFT_CT_STATE = 0;
    public static final int NFT_CT_DIRECTION = 1;
    public static final int NFT_CT_STATUS = 2;
    public static final int NFT_CT_MARK = 3;
    public static final int NFT_CT_SECMARK = 4;
    public static final int NFT_CT_EXPIRATION = 5;
    public static final int NFT_CT_HELPER = 6;
    public static final int NFT_CT_L3PROTOCOL = 7;
    public static final int NFT_CT_SRC = 8;
    public static final int NFT_CT_DST = 9;
    public static final int NFT_CT_PROTOCOL = 10;
    public static final int NFT_CT_PROTO_SRC = 11;
    public static final int NFT_CT_PROTO_DST = 12;
    public static final int NFT_CT_LABELS = 13;
    public static final int NFT_CT_PKTS = 14;
    public static final int NFT_CT_BYTES = 15;
    public static final int NFT_CT_AVGPKT = 16;
    public static final int NFT_CT_ZONE = 17;
    public static final int NFT_CT_EVENTMASK = 18;
    public static final int NFT_CT_SRC_IP = 19;
    public static final int NFT_CT_DST_IP = 20;
    public static final int NFT_CT_SRC_IP6 = 21;
    public static final int NFT_CT_DST_IP6 = 22;
    public static final int NFT_CT_ID = 23;
    // enum nft_ct_attributes
    public static final int NFTA_CT_DREG = 1;
    public static final int NFTA_CT_KEY = 2;
    public static final int NFTA_CT_DIRECTION = 3;
    public static final int NFTA_CT_SREG = 4;
    // enum ip_conntrack_dir (<linux/netfilter/nf_conntrack_tuple_common.h>)
    public static final int IP_CT_DIR_ORIGINAL = 0;
    public static final int IP_CT_DIR_REPLY = 1;

    // enum nft_socket_keys
    public static final int NFT_SOCKET_TRANSPARENT = 0;
    public static final int NFT_SOCKET_MARK = 1;
    public static final int NFT_SOCKET_WILDCARD = 2;
    public static final int NFT_SOCKET_CGROUPV2 = 3;
    // enum nft_socket_attributes
    public static final int NFTA_SOCKET_KEY = 1;
    public static final int NFTA_SOCKET_DREG = 2;
    public static final int NFTA_SOCKET_LEVEL = 3;

    // enum nft_fib_result
    public static final int NFT_FIB_RESULT_OIF = 1;
    public static final int NFT_FIB_RESULT_OIFNAME = 2;
    public static final int NFT_FIB_RESULT_ADDRTYPE = 3;
    // enum nft_fib_flags
    public static final int NFTA_FIB_F_SADDR = 1 << 0;
    public static final int NFTA_FIB_F_DADDR = 1 << 1;
    public static final int NFTA_FIB_F_MARK = 1 << 2;
    public static final int NFTA_FIB_F_IIF = 1 << 3;
    public static final int NFTA_FIB_F_OIF = 1 << 4;
    public static final int NFTA_FIB_F_PRESENT = 1 << 5;
    // enum nft_fib_attributes
    public static final int NFTA_FIB_DREG = 1;
    public static final int NFTA_FIB_RESULT = 2;
    public static final int NFTA_FIB_FLAGS = 3;

    // enum nft_rt_keys
    public static final int NFT_RT_CLASSID = 0;
    public static final int NFT_RT_NEXTHOP4 = 1;
    public static final int NFT_RT_NEXTHOP6 = 2;
    public static final int NFT_RT_TCPMSS = 3;
    public static final int NFT_RT_XFRM = 4;
    // enum nft_rt_attributes
    public static final int NFTA_RT_DREG = 1;
    public static final int NFTA_RT_KEY = 2;

    // enum nft_exthdr_flags
    public static final int NFT_EXTHDR_F_PRESENT = 1 << 0;
    // enum nft_exthdr_op
    public static final int NFT_EXTHDR_OP_IPV6 = 0;
    public static final int NFT_EXTHDR_OP_TCPOPT = 1;
    public static final int NFT_EXTHDR_OP_IPV4 = 2;
    public static final int NFT_EXTHDR_OP_SCTP = 3;
    public static final int NFT_EXTHDR_OP_DCCP = 4;
    // enum nft_exthdr_attributes
    public static final int NFTA_EXTHDR_DREG = 1;
    public static final int NFTA_EXTHDR_TYPE = 2;
    public static final int NFTA_EXTHDR_OFFSET = 3;
    public static final int NFTA_EXTHDR_LEN = 4;
    public static final int NFTA_EXTHDR_FLAGS = 5;
    public static final int NFTA_EXTHDR_OP = 6;
    public static final int NFTA_EXTHDR_SREG = 7;

    // enum nft_ng_types
    public static final int NFT_NG_INCREMENTAL = 0;
    public static final int NFT_NG_RANDOM = 1;
    // enum nft_ng_attributes
    public static final int NFTA_NG_DREG = 1;
    public static final int NFTA_NG_MODULUS = 2;
    public static final int NFTA_NG_TYPE = 3;
    public static final int NFTA_NG_OFFSET = 4;

    // enum nft_hash_types
    public static final int NFT_HASH_JENKINS = 0;
    public static final int NFT_HASH_SYM = 1;
    // enum nft_hash_attributes
    public static final int NFTA_HASH_SREG = 1;
    public static final int NFTA_HASH_DREG = 2;
    public static final int NFTA_HASH_LEN = 3;
    public static final int NFTA_HASH_MODULUS = 4;
    public static final int NFTA_HASH_SEED = 5;
    public static final int NFTA_HASH_OFFSET = 6;
    public static final int NFTA_HASH_TYPE = 7;

    // enum nft_xfrm_keys
    public static final int NFT_XFRM_KEY_DADDR_IP4 = 1;
    public static final int NFT_XFRM_KEY_DADDR_IP6 = 2;
    public static final int NFT_XFRM_KEY_SADDR_IP4 = 3;
    public static final int NFT_XFRM_KEY_SADDR_IP6 = 4;
    public static final int NFT_XFRM_KEY_REQID = 5;
    public static final int NFT_XFRM_KEY_SPI = 6;
    // enum nft_xfrm_attributes
    public static final int NFTA_XFRM_DREG = 1;
    public static final int NFTA_XFRM_KEY = 2;
    public static final int NFTA_XFRM_DIR = 3;
    public static final int NFTA_XFRM_SPNUM = 4;
    // <linux/xfrm.h> XFRM_POLICY_IN, XFRM_POLICY_OUT
    public static final int XFRM_POLICY_IN = 0;
    public static final int XFRM_POLICY_OUT = 1;

    // enum nft_osf_flags
    public static final int NFT_OSF_F_VERSION = 1 << 0;
    // enum nft_osf_attributes
    public static final int NFTA_OSF_DREG = 1;
    public static final int NFTA_OSF_TTL = 2;
    public static final int NFTA_OSF_FLAGS = 3;
    /** Bytes an osf load fills ({@code NFT_OSF_MAXGENRELEN}). */
    public static final int NFT_OSF_MAXGENRELEN = 16;

    // enum nft_byteorder_ops
    public static final int NFT_BYTEORDER_NTOH = 0;
    public static final int NFT_BYTEORDER_HTON = 1;
    // enum nft_byteorder_attributes
    public static final int NFTA_BYTEORDER_SREG = 1;
    public static final int NFTA_BYTEORDER_DREG = 2;
    public static final int NFTA_BYTEORDER_OP = 3;
    public static final int NFTA_BYTEORDER_LEN = 4;
    public static final int NFTA_BYTEORDER_SIZE = 5;

    // enum nft_range_ops
    public static final int NFT_RANGE_EQ = 0;
    public static final int NFT_RANGE_NEQ = 1;
    // enum nft_range_attributes
    public static final int NFTA_RANGE_SREG = 1;
    public static final int NFTA_RANGE_OP = 2;
    public static final int NFTA_RANGE_FROM_DATA = 3;
    public static final int NFTA_RANGE_TO_DATA = 4;

    // ==== statement expressions (limit, quota, log, reject, nat, masq, redir, tproxy, dynset, objref, notrack, dup, fwd, connlimit, synproxy, queue, last, match/target) ====

    // enum nft_limit_type
    public static final int NFT_LIMIT_PKTS = 0;
    public static final int NFT_LIMIT_PKT_BYTES = 1;
    // enum nft_limit_flags
    public static final int NFT_LIMIT_F_INV = 1;
    // enum nft_limit_attributes
    public static final int NFTA_LIMIT_RATE = 1;
    public static final int NFTA_LIMIT_UNIT = 2;
    public static final int NFTA_LIMIT_BURST = 3;
    public static final int NFTA_LIMIT_TYPE = 4;
    public static final int NFTA_LIMIT_FLAGS = 5;
    public static final int NFTA_LIMIT_PAD = 6;

    // enum nft_quota_flags
    public static final int NFT_QUOTA_F_INV = 1;
    public static final int NFT_QUOTA_F_DEPLETED = 2;
    // enum nft_quota_attributes
    public static final int NFTA_QUOTA_BYTES = 1;
    public static final int NFTA_QUOTA_FLAGS = 2;
    public static final int NFTA_QUOTA_PAD = 3;
    public static final int NFTA_QUOTA_CONSUMED = 4;

    // enum nft_log_attributes
    public static final int NFTA_LOG_GROUP = 1;
    public static final int NFTA_LOG_PREFIX = 2;
    public static final int NFTA_LOG_SNAPLEN = 3;
    public static final int NFTA_LOG_QTHRESHOLD = 4;
    public static final int NFTA_LOG_LEVEL = 5;
    public static final int NFTA_LOG_FLAGS = 6;
    // enum nft_log_level
    public static final int NFT_LOGLEVEL_EMERG = 0;
    public static final int NFT_LOGLEVEL_WARNING = 4;
    public static final int NFT_LOGLEVEL_DEBUG = 7;
    public static final int NFT_LOGLEVEL_AUDIT = 8;
    // <linux/netfilter/nf_log.h>
    public static final int NF_LOG_TCPSEQ = 0x01;
    public static final int NF_LOG_TCPOPT = 0x02;
    public static final int NF_LOG_IPOPT = 0x04;
    public static final int NF_LOG_UID = 0x08;
    public static final int NF_LOG_NFLOG = 0x10;
    public static final int NF_LOG_MACDECODE = 0x20;
    public static final int NF_LOG_MASK = 0x2f;

    // enum nft_reject_types
    public static final int NFT_REJECT_ICMP_UNREACH = 0;
    public static final int NFT_REJECT_TCP_RST = 1;
    public static final int NFT_REJECT_ICMPX_UNREACH = 2;
    // enum nft_reject_inet_code
    public static final int NFT_REJECT_ICMPX_NO_ROUTE = 0;
    public static final int NFT_REJECT_ICMPX_PORT_UNREACH = 1;
    public static final int NFT_REJECT_ICMPX_HOST_UNREACH = 2;
    public static final int NFT_REJECT_ICMPX_ADMIN_PROHIBITED = 3;
    // enum nft_reject_attributes
    public static final int NFTA_REJECT_TYPE = 1;
    public static final int NFTA_REJECT_ICMP_CODE = 2;

    // enum nft_nat_types
    public static final int NFT_NAT_SNAT = 0;
    public static final int NFT_NAT_DNAT = 1;
    // enum nft_nat_attributes
    public static final int NFTA_NAT_TYPE = 1;
    public static final int NFTA_NAT_FAMILY = 2;
    public static final int NFTA_NAT_REG_ADDR_MIN = 3;
    public static final int NFTA_NAT_REG_ADDR_MAX = 4;
    public static final int NFTA_NAT_REG_PROTO_MIN = 5;
    public static final int NFTA_NAT_REG_PROTO_MAX = 6;
    public static final int NFTA_NAT_FLAGS = 7;
    // <linux/netfilter/nf_nat.h>
    public static final int NF_NAT_RANGE_MAP_IPS = 0x01;
    public static final int NF_NAT_RANGE_PROTO_SPECIFIED = 0x02;
    public static final int NF_NAT_RANGE_PROTO_RANDOM = 0x04;
    public static final int NF_NAT_RANGE_PERSISTENT = 0x08;
    public static final int NF_NAT_RANGE_PROTO_RANDOM_FULLY = 0x10;
    public static final int NF_NAT_RANGE_PROTO_OFFSET = 0x20;
    public static final int NF_NAT_RANGE_NETMAP = 0x40;

    // enum nft_masq_attributes
    public static final int NFTA_MASQ_FLAGS = 1;
    public static final int NFTA_MASQ_REG_PROTO_MIN = 2;
    public static final int NFTA_MASQ_REG_PROTO_MAX = 3;

    // enum nft_redir_attributes
    public static final int NFTA_REDIR_REG_PROTO_MIN = 1;
    public static final int NFTA_REDIR_REG_PROTO_MAX = 2;
    public static final int NFTA_REDIR_FLAGS = 3;

    // enum nft_tproxy_attributes
    public static final int NFTA_TPROXY_FAMILY = 1;
    public static final int NFTA_TPROXY_REG_ADDR = 2;
    public static final int NFTA_TPROXY_REG_PORT = 3;

    // enum nft_dynset_ops
    public static final int NFT_DYNSET_OP_ADD = 0;
    public static final int NFT_DYNSET_OP_UPDATE = 1;
    public static final int NFT_DYNSET_OP_DELETE = 2;
    // enum nft_dynset_flags
    public static final int NFT_DYNSET_F_INV = 1;
    public static final int NFT_DYNSET_F_EXPR = 2;
    // enum nft_dynset_attributes
    public static final int NFTA_DYNSET_SET_NAME = 1;
    public static final int NFTA_DYNSET_SET_ID = 2;
    public static final int NFTA_DYNSET_OP = 3;
    public static final int NFTA_DYNSET_SREG_KEY = 4;
    public static final int NFTA_DYNSET_SREG_DATA = 5;
    public static final int NFTA_DYNSET_TIMEOUT = 6;
    public static final int NFTA_DYNSET_EXPR = 7;
    public static final int NFTA_DYNSET_PAD = 8;
    public static final int NFTA_DYNSET_FLAGS = 9;
    public static final int NFTA_DYNSET_EXPRESSIONS = 10;

    // enum nft_objref_attributes
    public static final int NFTA_OBJREF_IMM_TYPE = 1;
    public static final int NFTA_OBJREF_IMM_NAME = 2;
    public static final int NFTA_OBJREF_SET_SREG = 3;
    public static final int NFTA_OBJREF_SET_NAME = 4;
    public static final int NFTA_OBJREF_SET_ID = 5;
    // NFT_OBJECT_*
    public static final int NFT_OBJECT_UNSPEC = 0;
    public static final int NFT_OBJECT_COUNTER = 1;
    public static final int NFT_OBJECT_QUOTA = 2;
    public static final int NFT_OBJECT_CT_HELPER = 3;
    public static final int NFT_OBJECT_LIMIT = 4;
    public static final int NFT_OBJECT_CONNLIMIT = 5;
    public static final int NFT_OBJECT_TUNNEL = 6;
    public static final int NFT_OBJECT_CT_TIMEOUT = 7;
    public static final int NFT_OBJECT_SECMARK = 8;
    public static final int NFT_OBJECT_CT_EXPECT = 9;
    public static final int NFT_OBJECT_SYNPROXY = 10;

    // enum nft_dup_attributes
    public static final int NFTA_DUP_SREG_ADDR = 1;
    public static final int NFTA_DUP_SREG_DEV = 2;

    // enum nft_fwd_attributes
    public static final int NFTA_FWD_SREG_DEV = 1;
    public static final int NFTA_FWD_SREG_ADDR = 2;
    public static final int NFTA_FWD_NFPROTO = 3;

    // enum nft_connlimit_flags
    public static final int NFT_CONNLIMIT_F_INV = 1;
    // enum nft_connlimit_attributes
    public static final int NFTA_CONNLIMIT_COUNT = 1;
    public static final int NFTA_CONNLIMIT_FLAGS = 2;

    // enum nft_synproxy_attributes
    public static final int NFTA_SYNPROXY_MSS = 1;
    public static final int NFTA_SYNPROXY_WSCALE = 2;
    public static final int NFTA_SYNPROXY_FLAGS = 3;
    // <linux/netfilter/nf_synproxy.h>
    public static final int NF_SYNPROXY_OPT_MSS = 0x01;
    public static final int NF_SYNPROXY_OPT_WSCALE = 0x02;
    public static final int NF_SYNPROXY_OPT_SACK_PERM = 0x04;
    public static final int NF_SYNPROXY_OPT_TIMESTAMP = 0x08;
    public static final int NF_SYNPROXY_OPT_ECN = 0x10;

    // enum nft_queue_attributes
    public static final int NFTA_QUEUE_NUM = 1;
    public static final int NFTA_QUEUE_TOTAL = 2;
    public static final int NFTA_QUEUE_FLAGS = 3;
    public static final int NFTA_QUEUE_SREG_QNUM = 4;
    // NFT_QUEUE_FLAG_*
    public static final int NFT_QUEUE_FLAG_BYPASS = 0x01;
    public static final int NFT_QUEUE_FLAG_CPU_FANOUT = 0x02;

    // enum nft_last_attributes
    public static final int NFTA_LAST_SET = 1;
    public static final int NFTA_LAST_MSECS = 2;
    public static final int NFTA_LAST_PAD = 3;

    // <linux/netfilter/nf_tables_compat.h>: enum nft_match_attributes, enum nft_target_attributes
    public static final int NFTA_MATCH_NAME = 1;
    public static final int NFTA_MATCH_REV = 2;
    public static final int NFTA_MATCH_INFO = 3;
    public static final int NFTA_MATCH_PROTOCOL = 4;
    public static final int NFTA_MATCH_FLAGS = 5;
    public static final int NFTA_TARGET_NAME = 1;
    public static final int NFTA_TARGET_REV = 2;
    public static final int NFTA_TARGET_INFO = 3;
    public static final int NFTA_TARGET_PROTOCOL = 4;
    public static final int NFTA_TARGET_FLAGS = 5;
    /** Longest match or target name ({@code NFT_COMPAT_NAME_MAX}), NUL included. */
    public static final int NFT_COMPAT_NAME_MAX = 32;
}
