package nftlink.rtnetlink;

/**
 * A user ID range of a policy rule ({@code struct fib_rule_uid_range}).
 *
 * @param start first UID (unsigned)
 * @param end   last UID (unsigned), not below {@code start}
 */
public record UidRange(int start, int end) {
    /** Checks the components: {@code start <= end}, unsigned. */
    public UidRange {
        if (Integer.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException("invalid uid range " + Integer.toUnsignedString(start) + "-"
                    + Integer.toUnsignedString(end));
        }
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(start) + "-" + Integer.toUnsignedString(end);
    }
}
