/**
 * nfnetlink, the netlink family of netfilter: the {@code struct nfgenmsg} framing and constants
 * ({@link nftlink.nfnetlink.Nfnetlink}) and batches: a {@link nftlink.nfnetlink.Transaction} is a
 * list of {@link nftlink.nfnetlink.BatchOperation}s sent as one batch in one {@code sendmsg}, which
 * the kernel applies all or nothing. A commit returns a {@link nftlink.nfnetlink.CommitResult} (the
 * objects the kernel echoed, such as a new rule's handle) or throws a
 * {@link nftlink.nfnetlink.TransactionException} naming the first failing operation, with every
 * {@link nftlink.nfnetlink.OperationError}; a commit guarded by a generation ID that the rule set
 * has moved past throws {@link nftlink.nfnetlink.GenerationConflictException}.
 *
 * <p>This package knows nothing of nf_tables objects; {@code nftlink.nftables} supplies the
 * operations. Threads: a transaction is built by one thread at a time; any number of transactions
 * may commit concurrently over one connection, each holding the connection's lock for its batch.
 * Operations should be immutable so that one can be committed many times.
 */
package nftlink.nfnetlink;
