package nftlink.nfnetlink;

import nftlink.netlink.Errno;

import java.util.List;

/**
 * A transaction guarded by a generation ID was refused because the rule set
 * changed since that generation was read ({@code ERESTART} on the batch).
 * Re-read the state and build the transaction again.
 */
public class GenerationConflictException extends TransactionException {
    /** The rule-set generation ({@code NFTA_GEN_ID}) the transaction was guarded with. */
    private final int expectedGeneration;

    /**
     * A refusal of a transaction of {@code operationCount} operations that expected
     * {@code expectedGeneration}.
     *
     * @param expectedGeneration the generation the transaction was guarded with
     * @param operationCount     how many operations the transaction had
     * @param errors             every error the kernel reported, the batch's {@code ERESTART} among them
     */
    public GenerationConflictException(int expectedGeneration, int operationCount, List<OperationError> errors) {
        super(operationCount, errors, "transaction refused: the rule set is no longer at generation "
                + Integer.toUnsignedString(expectedGeneration)
                + " (changed concurrently): " + Errno.describe(errors.getFirst().errnoNumber())
                + "; nothing was applied");
        this.expectedGeneration = expectedGeneration;
    }

    /**
     * The generation the transaction expected.
     *
     * @return the generation ID, unsigned as the kernel counts it
     */
    public int expectedGeneration() {
        return expectedGeneration;
    }
}
