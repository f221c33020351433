package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;

/**
 * A function registered at a netfilter hook, as the kernel's hook dump ({@code NFNL_SUBSYS_HOOK},
 * {@code NFNL_MSG_HOOK_GET}) tells it: {@link Nftables#listHooks}. Base chains are such functions,
 * and so are conntrack, defragmentation, iptables' tables and BPF programs.
 *
 * @param protocol    the {@code NFPROTO_*} family of the hook (from the reply's header)
 * @param hookNumber  the hook's number in that family ({@code NF_INET_LOCAL_IN}, ...); 0 when not given, as nft reads it
 * @param priority    the function's priority at the hook
 * @param device      the device of a netdev hook asked for, or {@code null}
 * @param function    the kernel function's name, or {@code null}
 * @param module      the kernel module that registered it, or {@code null}
 * @param owner       what owns it: an nf_tables base chain, a flowtable or a BPF program; {@code null} when
 *                    the kernel does not say
 */
public record NetfilterHook(int protocol, int hookNumber, int priority, String device, String function, String module,
                            Owner owner) {

    /** {@code NFNL_MSG_HOOK_GET}: the hook dump request of {@code NFNL_SUBSYS_HOOK}. */
    public static final int NFNL_MSG_HOOK_GET = 0;
    /** {@code NFNLA_HOOK_HOOKNUM}: the hook number (u32, network order). */
    public static final int NFNLA_HOOK_HOOKNUM = 1;
    /** {@code NFNLA_HOOK_PRIORITY}: the priority (u32, network order). */
    public static final int NFNLA_HOOK_PRIORITY = 2;
    /** {@code NFNLA_HOOK_DEV}: the network device of a netdev hook (string). */
    public static final int NFNLA_HOOK_DEV = 3;
    /** {@code NFNLA_HOOK_FUNCTION_NAME}: the hook function's name (string). */
    public static final int NFNLA_HOOK_FUNCTION_NAME = 4;
    /** {@code NFNLA_HOOK_MODULE_NAME}: the module that registered the hook (string). */
    public static final int NFNLA_HOOK_MODULE_NAME = 5;
    /** {@code NFNLA_HOOK_CHAIN_INFO}: what owns the hook (nested). */
    public static final int NFNLA_HOOK_CHAIN_INFO = 6;
    /** {@code NFNLA_HOOK_INFO_DESC}: the owner's description (nested, by type). */
    public static final int NFNLA_HOOK_INFO_DESC = 1;
    /** {@code NFNLA_HOOK_INFO_TYPE}: the owner's type, {@code NFNL_HOOK_TYPE_*} (u32, network order). */
    public static final int NFNLA_HOOK_INFO_TYPE = 2;
    /** {@code NFNLA_CHAIN_TABLE}: the base chain's table (string). */
    public static final int NFNLA_CHAIN_TABLE = 1;
    /** {@code NFNLA_CHAIN_FAMILY}: the base chain's family (u8). */
    public static final int NFNLA_CHAIN_FAMILY = 2;
    /** {@code NFNLA_CHAIN_NAME}: the base chain's name (string). */
    public static final int NFNLA_CHAIN_NAME = 3;
    /** {@code NFNLA_HOOK_BPF_ID}: the BPF program's ID (u32, network order). */
    public static final int NFNLA_HOOK_BPF_ID = 1;
    /** {@code NFNL_HOOK_TYPE_NFTABLES}: an nf_tables base chain. */
    public static final int NFNL_HOOK_TYPE_NFTABLES = 1;
    /** {@code NFNL_HOOK_TYPE_BPF}: a BPF program. */
    public static final int NFNL_HOOK_TYPE_BPF = 2;
    /** {@code NFNL_HOOK_TYPE_NFT_FLOWTABLE}: an nf_tables flowtable. */
    public static final int NFNL_HOOK_TYPE_NFT_FLOWTABLE = 3;

    /**
     * What owns a hook function, from {@code NFNLA_HOOK_CHAIN_INFO}.
     *
     * @param type        {@code NFNL_HOOK_TYPE_*}
     * @param chainFamily the {@code NFPROTO_*} family of an nf_tables chain or flowtable, else 0
     * @param table       its table, or {@code null}
     * @param name        the chain's or flowtable's name, or {@code null}
     * @param bpfId       a BPF program's ID, or -1
     */
    public record Owner(int type, int chainFamily, String table, String name, long bpfId) {
    }

    /**
     * Decodes one message of a hook dump.
     *
     * @param message the reply
     * @param device  the device the dump asked about (the reply does not repeat it), or {@code null}
     * @return the hook function
     * @throws NetlinkDecodeException when the message has no priority
     */
    public static NetfilterHook decode(NetlinkMessage message, String device) {
        int protocol = message.payloadU8(0);
        int hook = 0;
        Integer priority = null;
        String function = null;
        String module = null;
        Owner owner = null;
        for (Attribute a : message.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFNLA_HOOK_HOOKNUM -> hook = a.u32Be();
                case NFNLA_HOOK_PRIORITY -> priority = a.u32Be();
                case NFNLA_HOOK_FUNCTION_NAME -> function = a.string();
                case NFNLA_HOOK_MODULE_NAME -> module = a.string();
                case NFNLA_HOOK_CHAIN_INFO -> owner = owner(a);
                default -> { }
            }
        }
        if (priority == null) {
            throw new NetlinkDecodeException("hook message without NFNLA_HOOK_PRIORITY");
        }
        return new NetfilterHook(protocol, hook, priority, device, function, module, owner);
    }

    private static Owner owner(Attribute info) {
        int type = 0;
        Attribute desc = null;
        for (Attribute a : info.nested()) {
            switch (a.type()) {
                case NFNLA_HOOK_INFO_TYPE -> type = a.u32Be();
                case NFNLA_HOOK_INFO_DESC -> desc = a;
                default -> { }
            }
        }
        int family = 0;
        String table = null;
        String name = null;
        long bpfId = -1;
        if (desc != null) {
            for (Attribute a : desc.nested()) {
                if (type == NFNL_HOOK_TYPE_BPF) {
                    if (a.type() == NFNLA_HOOK_BPF_ID) {
                        bpfId = Integer.toUnsignedLong(a.u32Be());
                    }
                    continue;
                }
                switch (a.type()) {
                    case NFNLA_CHAIN_TABLE -> table = a.string();
                    case NFNLA_CHAIN_FAMILY -> family = a.u8();
                    case NFNLA_CHAIN_NAME -> name = a.string();
                    default -> { }
                }
            }
        }
        return new Owner(type, family, table, name, bpfId);
    }
}
