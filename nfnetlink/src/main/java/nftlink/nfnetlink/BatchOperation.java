package nftlink.nfnetlink;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.MessageWriter;

/**
 * One message of an nfnetlink batch: what to ask, and how to name it when it
 * fails. The transaction writes the headers; the operation writes its attributes.
 *
 * <p>Implementations should be immutable so a prepared operation can be committed
 * many times, and {@link #writeAttributes} should not allocate.
 */
public interface BatchOperation {

    /**
     * The subsystem's message number, e.g. {@code NFT_MSG_NEWTABLE}.
     *
     * @return the message number
     */
    int message();

    /**
     * Extra {@code nlmsg_flags} such as {@code NLM_F_CREATE | NLM_F_EXCL}.
     *
     * @return the flags
     */
    int flags();

    /**
     * {@code nfgen_family}.
     *
     * @return the {@code NFPROTO_*} family
     */
    int family();

    /**
     * Writes the message's attributes.
     *
     * @param writer the writer, after the {@code nfgenmsg} header
     */
    void writeAttributes(MessageWriter writer);

    /**
     * What the operation does, in nft words, e.g. {@code add chain}.
     *
     * @return the description
     */
    String kind();

    /**
     * The object it touches, in nft words, e.g. {@code inet filter input}.
     *
     * @return the description
     */
    String object();

    /**
     * Whether the kernel should echo the resulting object back (to learn its handle).
     *
     * @return whether to set {@code NLM_F_ECHO}
     */
    default boolean echo() {
        return false;
    }

    /**
     * The attribute of the echoed object that carries the handle the kernel assigned
     * (e.g. {@code NFTA_RULE_HANDLE}, a 64-bit big-endian number), or 0 when the
     * operation creates nothing with a handle. {@link CommitResult#handle} reads it.
     *
     * @return the attribute type, or 0
     */
    default int handleAttribute() {
        return 0;
    }

    /**
     * Names attributes of this message for error reports.
     *
     * @return the namer
     */
    default AttributeNamer attributeNamer() {
        return AttributeNamer.NUMERIC;
    }
}
