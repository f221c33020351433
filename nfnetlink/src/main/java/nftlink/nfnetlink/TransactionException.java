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
    /** The first error the kernel reported, the one the message names. */
    private final OperationError first;
    /** How many operations the transaction had. */
    private final int operationCount;
    /** Every error the kernel reported, in operation order. */
    private final List<OperationError> errors;

    /**
     * A refusal of a transaction of {@code operationCount} operations.
     *
     * @param operationCount how many operations the transaction had
     * @param errors every error the kernel reported, at least one, in operation order
     */
    public TransactionException(int operationCount, List<OperationError> errors) {
        this(operationCount, errors, describe(operationCount, errors));
    }

    /**
     * For subclasses that phrase the message themselves.
     *
     * @param operationCount how many operations the transaction had
     * @param errors         every error the kernel reported, at least one, in operation order
     * @param message        the whole message
     */
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

    /**
     * Where the first failing operation stands in the transaction, counted from 0.
     *
     * @return the index, or -1 for a batch-level error
     */
    public int operationIndex() {
        return first.index();
    }

    /**
     * Where the first failing operation stands in the transaction, counted from 1 as in the message.
     *
     * @return the number, or 0 for a batch-level error
     */
    public int operationNumber() {
        return first.index() + 1;
    }

    /**
     * What the first failing operation did.
     *
     * @return its kind, e.g. {@code add chain}
     */
    public String operationKind() {
        return first.kind();
    }

    /**
     * The object the first failing operation touched.
     *
     * @return the object, e.g. {@code inet t c}; empty for a batch-level error
     */
    public String object() {
        return first.object();
    }

    /**
     * How many operations the transaction had.
     *
     * @return the count, batch begin and end not included
     */
    public int operationCount() {
        return operationCount;
    }

    /**
     * Every error the kernel reported for the batch.
     *
     * @return the errors, in operation order, at least one
     */
    public List<OperationError> errors() {
        return errors;
    }
}
