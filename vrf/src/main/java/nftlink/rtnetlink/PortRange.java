package nftlink.rtnetlink;

/**
 * A port range of a policy rule ({@code struct fib_rule_port_range}).
 *
 * @param start first port
 * @param end   last port, not below {@code start}
 */
public record PortRange(int start, int end) {
    /** Checks the components: ports from 0 to 65535, {@code start <= end}. */
    public PortRange {
        if (start < 0 || end > 0xffff || end < start) {
            throw new IllegalArgumentException("invalid port range " + start + "-" + end);
        }
    }

    /**
     * A single port.
     *
     * @param port the port
     * @return the range
     */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    @Override
    public String toString() {
        return start == end ? Integer.toString(start) : start + "-" + end;
    }
}
