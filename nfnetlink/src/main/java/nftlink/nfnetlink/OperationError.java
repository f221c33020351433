package nftlink.nfnetlink;

import nftlink.netlink.Errno;

/**
 * One error the kernel reported for a batch.
 *
 * @param index         the operation's index in the transaction from 0, or -1 when the
 *                      error concerns the batch as a whole (its framing or generation)
 * @param kind          the operation's kind, e.g. {@code add chain}, or {@code batch begin}
 * @param object        the object it touched, e.g. {@code inet filter input}
 * @param errnoNumber   positive error number, kept as sent even when it has no {@link Errno} name
 * @param kernelMessage the extended-ACK text, or {@code null}
 * @param attribute     the offending attribute's name, or {@code null}
 */
public record OperationError(int index, String kind, String object, int errnoNumber, String kernelMessage,
                             String attribute) {

    /**
     * The error as a constant, as {@code NetlinkKernelException.errno()} gives it.
     *
     * @return the constant, or {@code null} for a number without a name (see {@link #errnoNumber()})
     */
    public Errno errno() {
        return Errno.of(errnoNumber);
    }

    /**
     * The error as one line: {@code operation 2 (add chain inet t c): ENOENT (No such file or
     * directory): kernel says "..." at NFTA_CHAIN_TABLE}.
     */
    @Override
    public String toString() {
        String where = index >= 0 ? "operation " + (index + 1) + " (" + subject() + ")" : kind;
        return where + ": " + describe();
    }

    /** The operation and its object, e.g. {@code add chain inet t c}, or the kind alone for the batch. */
    String subject() {
        return object == null || object.isEmpty() ? kind : kind + " " + object;
    }

    /** The errno, the kernel's text and the attribute: {@code ENOENT (No such file or directory): kernel says "..." at X}. */
    String describe() {
        StringBuilder sb = new StringBuilder(Errno.describe(errnoNumber));
        if (kernelMessage != null) {
            sb.append(": kernel says \"").append(kernelMessage).append('"');
        }
        if (attribute != null) {
            sb.append(" at ").append(attribute);
        }
        return sb.toString();
    }
}
