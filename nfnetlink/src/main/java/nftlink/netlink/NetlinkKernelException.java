package nftlink.netlink;

/**
 * The kernel refused a request: carries the errno, the kernel's extended-ACK text
 * and the attribute it pointed at, and a description of the request. Refusals of
 * dumps are reported the same way, whether the kernel refused the request or the
 * dump failed part way (the error then comes in {@code NLMSG_DONE}).
 *
 * <p>Example message: {@code add chain inet t c: EEXIST (File exists)}, or with an
 * extended ACK {@code add rule ...: EINVAL (Invalid argument): kernel says "..." at NFTA_RULE_EXPRESSIONS > ...}.
 */
public class NetlinkKernelException extends NetlinkException {
    /** What was asked of the kernel, e.g. {@code add table inet filter}. */
    private final String operation;
    /** The positive error number of the kernel's {@code nlmsgerr}. */
    private final int errno;
    /** The extended-ACK text ({@code NLMSGERR_ATTR_MSG}), or {@code null}. */
    private final String kernelMessage;
    /** The extended-ACK attribute offset ({@code NLMSGERR_ATTR_OFFS}) from the request header, or -1. */
    private final int attributeOffset;
    /** The attribute the extended ACK points at, as a readable path, or {@code null}. */
    private final String attribute;

    /**
     * A refusal of {@code operation}; the message is {@code operation: ERRNO (text): kernel says "..." at ATTRIBUTE}.
     *
     * @param operation       what was asked, naming the object, e.g. {@code add table inet filter}
     * @param errno           the positive error number
     * @param kernelMessage   the extended-ACK text, or {@code null}
     * @param attributeOffset the extended-ACK attribute offset from the request header, or -1
     * @param attribute       the offending attribute by name, or {@code null}
     */
    public NetlinkKernelException(String operation, int errno, String kernelMessage, int attributeOffset, String attribute) {
        this(format(operation, errno, kernelMessage, attribute), operation, errno, kernelMessage, attributeOffset, attribute);
    }

    /**
     * For subclasses that phrase the message themselves.
     *
     * @param message         the whole message
     * @param operation       what was asked, naming the object, e.g. {@code add table inet filter}
     * @param errno           the positive error number
     * @param kernelMessage   the extended-ACK text, or {@code null}
     * @param attributeOffset the extended-ACK attribute offset from the request header, or -1
     * @param attribute       the offending attribute by name, or {@code null}
     */
    protected NetlinkKernelException(String message, String operation, int errno, String kernelMessage,
                                     int attributeOffset, String attribute) {
        super(message);
        this.operation = operation;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
        this.attributeOffset = attributeOffset;
        this.attribute = attribute;
    }

    /**
     * A refusal of {@code operation} as the kernel's error reply describes it.
     *
     * @param operation what was asked, naming the object, e.g. {@code add table inet filter}
     * @param error     the kernel's {@code NLMSG_ERROR} (or failing {@code NLMSG_DONE}), decoded
     * @param attribute the attribute the reply points at, by name, or {@code null}
     */
    public NetlinkKernelException(String operation, NetlinkError error, String attribute) {
        this(operation, error.errno(), error.kernelMessage(), error.attributeOffset(), attribute);
    }

    static String format(String operation, int errno, String kernelMessage, String attribute) {
        StringBuilder sb = new StringBuilder();
        sb.append(operation).append(": ").append(Errno.describe(errno));
        if (kernelMessage != null) {
            sb.append(": kernel says \"").append(kernelMessage).append('"');
        }
        if (attribute != null) {
            sb.append(" at ").append(attribute);
        }
        return sb.toString();
    }

    /**
     * What was asked of the kernel.
     *
     * @return the operation naming its object, e.g. {@code add table inet filter}
     */
    public String operation() {
        return operation;
    }

    /**
     * The error number the kernel answered with.
     *
     * @return the positive error number
     */
    public int errnoNumber() {
        return errno;
    }

    /**
     * The error the kernel answered with, by name.
     *
     * @return the error as a constant, or {@code null} for an unnamed number
     */
    public Errno errno() {
        return Errno.of(errno);
    }

    /**
     * The kernel's own words ({@code NLMSGERR_ATTR_MSG}).
     *
     * @return the extended-ACK message, or {@code null}
     */
    public String kernelMessage() {
        return kernelMessage;
    }

    /**
     * Where in the request the extended ACK points ({@code NLMSGERR_ATTR_OFFS}).
     *
     * @return the attribute offset from the request header, or -1
     */
    public int attributeOffset() {
        return attributeOffset;
    }

    /**
     * The attribute the extended ACK points at.
     *
     * @return the offending attribute as a readable path, e.g. {@code NFTA_CHAIN_NAME}, or {@code null}
     */
    public String attribute() {
        return attribute;
    }
}
