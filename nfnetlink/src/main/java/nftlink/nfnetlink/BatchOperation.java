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

    /** The subsystem's message number, e.g. {@code NFT_MSG_NEWTABLE}. */
    int message();

    /** Extra {@code nlmsg_flags} such as {@code NLM_F_CREATE | NLM_F_EXCL}. */
    int flags();

    /** {@code nfgen_family}. */
    int family();

    /** Writes the message's attributes. */
    void writeAttributes(MessageWriter writer);

    /** What the operation does, in nft words, e.g. {@code add chain}. */
    String kind();

    /** The object it touches, in nft words, e.g. {@code inet filter input}. */
    String object();

    /** Whether the kernel should echo the resulting object back (to learn its handle). */
    default boolean echo() {
        return false;
    }

    /**
     * The attribute of the echoed object that carries the handle the kernel assigned
     * (e.g. {@code NFTA_RULE_HANDLE}, a 64-bit big-endian number), or 0 when the
     * operation creates nothing with a handle. {@link CommitResult#handle} reads it.
     */
    default int handleAttribute() {
        return 0;
    }

    /** Names attributes of this message for error reports. */
    default AttributeNamer attributeNamer() {
        return AttributeNamer.NUMERIC;
    }
}
