package nftlink.nfnetlink;

import nftlink.netlink.MessageWriter;

/**
 * nfnetlink framing: constants of {@code <linux/netfilter/nfnetlink.h>} and the
 * {@code struct nfgenmsg} family header.
 */
public final class Nfnetlink {
    private Nfnetlink() {
    }

    /** {@code sizeof(struct nfgenmsg)}: family u8, version u8, res_id be16. */
    public static final int NFGENMSG_LEN = 4;
    /** {@code NFNETLINK_V0}. */
    public static final int NFNETLINK_V0 = 0;

    // enum nfnl_subsys (NFNL_SUBSYS_*)
    /** No subsystem. */
    public static final int NFNL_SUBSYS_NONE = 0;
    /** Subsystem conntrack. */
    public static final int NFNL_SUBSYS_CTNETLINK = 1;
    /** Subsystem conntrack expectations. */
    public static final int NFNL_SUBSYS_CTNETLINK_EXP = 2;
    /** Subsystem nfqueue. */
    public static final int NFNL_SUBSYS_QUEUE = 3;
    /** Subsystem nflog. */
    public static final int NFNL_SUBSYS_ULOG = 4;
    /** Subsystem passive OS fingerprinting. */
    public static final int NFNL_SUBSYS_OSF = 5;
    /** Subsystem ipset. */
    public static final int NFNL_SUBSYS_IPSET = 6;
    /** Subsystem nfacct accounting. */
    public static final int NFNL_SUBSYS_ACCT = 7;
    /** Subsystem conntrack timeout policies. */
    public static final int NFNL_SUBSYS_CTNETLINK_TIMEOUT = 8;
    /** Subsystem user-space conntrack helpers. */
    public static final int NFNL_SUBSYS_CTHELPER = 9;
    /** Subsystem nf_tables. */
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    /** Subsystem nft_compat: xtables matches and targets in nf_tables. */
    public static final int NFNL_SUBSYS_NFT_COMPAT = 11;
    /** Subsystem hook listing. */
    public static final int NFNL_SUBSYS_HOOK = 12;

    // batch framing messages
    /** Batch begin message: opens a transaction for the subsystem in res_id. */
    public static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    /** Batch end message: commits the transaction. */
    public static final int NFNL_MSG_BATCH_END = 0x11;

    // enum nfnl_batch_attributes
    /** Generation ID for this changeset (NLA_U32). */
    public static final int NFNL_BATCH_GENID = 1;

    // enum nfnetlink_groups
    /** Multicast group of nf_tables rule-set change notifications. */
    public static final int NFNLGRP_NFTABLES = 7;

    /**
     * The {@code nlmsg_type} of message {@code message} of {@code subsystem}.
     *
     * @param subsystem the {@code NFNL_SUBSYS_*} subsystem
     * @param message the subsystem's message number
     * @return the message type
     */
    public static int messageType(int subsystem, int message) {
        return (subsystem << 8) | message;
    }

    /**
     * The subsystem of an {@code nlmsg_type}.
     *
     * @param messageType the message type
     * @return the subsystem
     */
    public static int subsystemOf(int messageType) {
        return (messageType >>> 8) & 0xff;
    }

    /**
     * The subsystem's message number of an {@code nlmsg_type}.
     *
     * @param messageType the message type
     * @return the message number
     */
    public static int messageOf(int messageType) {
        return messageType & 0xff;
    }

    /**
     * Begins a message with its {@code nfgenmsg} header.
     *
     * @param w the writer
     * @param type the message type
     * @param flags the {@code NLM_F_*} flags
     * @param sequence the sequence number
     * @param family the {@code NFPROTO_*} family
     * @param resourceId the resource ID (the subsystem in batch messages), in host order
     * @return the start offset, for {@link MessageWriter#endMessage}
     */
    public static int beginMessage(MessageWriter w, int type, int flags, int sequence, int family, int resourceId) {
        int start = w.beginMessage(type, flags, sequence);
        w.putU8(family).putU8(NFNETLINK_V0).putU16Be(resourceId);
        return start;
    }
}
