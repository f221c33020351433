package nftlink.nfnetlink;

import nftlink.netlink.Errno;

/**
 * One error the kernel reported for a batch.
 *
 * @param index         the operation's index in the transaction from 0, or -1 when the
 *                      error concerns the batch as a whole (its framing or generation)
 * @param kind          the operation's kind, e.g. {@code add chain}, or {@code batch}
 * @param object        the object it touched, e.g. {@code inet filter input}
 * @param errno         positive error number
 * @param kernelMessage the extended-ACK text, or {@code null}
 * @param attribute     the offending attribute's name, or {@code null}
 */
public record OperationError(int index, String kind, String object, int errno, String kernelMessage, String attribute) {

    /** The error as a constant, or {@code null} for an unnamed number. */
    public Errno errnoConstant() {
        return Errno.of(errno);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(index >= 0 ? "operation " + (index + 1) + " (" + kind + " " + object + ")" : kind)
                .append(": ").append(Errno.describe(errno));
        if (kernelMessage != null) {
            sb.append(": kernel says \"").append(kernelMessage).append('"');
        }
        if (attribute != null) {
            sb.append(" at ").append(attribute);
        }
        return sb.toString();
    }
}
