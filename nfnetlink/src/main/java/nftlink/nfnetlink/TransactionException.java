package nftlink.nfnetlink;

import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;

import java.util.List;

/**
 * The kernel rejected a transaction; nothing of it was applied. Names the first
 * failing operation (its number in the transaction, kind and object), the errno
 * and the kernel's extended-ACK text; {@link #errors()} lists every error the
 * kernel reported for the batch, in operation order.
 *
 * <p>Example: {@code transaction failed at operation 3 of 4 (add chain inet t c):
 * EEXIST (File exists) at NFTA_CHAIN_NAME; nothing was applied}
 */
public class TransactionException extends NetlinkKernelException {
    private final OperationError first;
    private final int operationCount;
    private final List<OperationError> errors;

    /**
     * A refusal of a transaction of {@code operationCount} operations.
     *
     * @param errors every error the kernel reported, at least one, in operation order
     */
    public TransactionException(int operationCount, List<OperationError> errors) {
        this(operationCount, errors, describe(operationCount, errors));
    }

    /** For subclasses that phrase the message themselves. */
    protected TransactionException(int operationCount, List<OperationError> errors, String message) {
        super(message, errors.getFirst().subject(), errors.getFirst().errnoNumber(),
                errors.getFirst().kernelMessage(), -1, errors.getFirst().attribute());
        this.first = errors.getFirst();
        this.operationCount = operationCount;
        this.errors = List.copyOf(errors);
    }

    private static String describe(int count, List<OperationError> errors) {
        OperationError e = errors.getFirst();
        String where = e.index() >= 0
                ? "operation " + (e.index() + 1) + " of " + count + " (" + e.subject() + ")"
                : e.kind();
        StringBuilder sb = new StringBuilder("transaction failed at ").append(where).append(": ").append(e.describe());
        if (errors.size() > 1) {
            sb.append(" (+").append(errors.size() - 1).append(" more error").append(errors.size() > 2 ? "s" : "").append(')');
        }
        return sb.append("; nothing was applied").toString();
    }

    /** The first failing operation's index from 0, or -1 for a batch-level error. */
    public int operationIndex() {
        return first.index();
    }

    /** The first failing operation's number from 1, as in the message, or 0 for a batch-level error. */
    public int operationNumber() {
        return first.index() + 1;
    }

    /** The first failing operation's kind, e.g. {@code add chain}. */
    public String operationKind() {
        return first.kind();
    }

    /** The object the first failing operation touched. */
    public String object() {
        return first.object();
    }

    /** How many operations the transaction had. */
    public int operationCount() {
        return operationCount;
    }

    /** Every error the kernel reported, in operation order. */
    public List<OperationError> errors() {
        return errors;
    }
}
