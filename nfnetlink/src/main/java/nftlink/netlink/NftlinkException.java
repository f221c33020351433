package nftlink.netlink;

/**
 * Root of every exception nftlink throws because of its input or its
 * environment: text or JSON that does not parse, bytes that do not decode, a
 * system call or the kernel refusing. A tool that applies what a user wrote
 * catches this one type and prints its message; the message names the operation
 * and the object, and, for refusals, the errno's symbol and text and the
 * kernel's own words, e.g. {@code add chain inet t c: EEXIST (File exists)}.
 *
 * <p>The hierarchy:
 * <ul>
 *   <li>{@link NetlinkException}: netlink trouble
 *     <ul>
 *       <li>{@link NetlinkKernelException}: the kernel refused a request, with its
 *           {@link Errno}, extended-ACK text and offending attribute;
 *           {@code nftlink.nfnetlink.TransactionException} (and its
 *           {@code GenerationConflictException}) for a refused batch,
 *           {@code nftlink.rtnetlink.UnsupportedLinkKindException} for a link kind
 *           the kernel lacks</li>
 *       <li>{@link SystemCallException}: a system call failed</li>
 *       <li>{@link NetlinkDecodeException}: bytes that are not a well-formed message</li>
 *       <li>{@link DumpInterruptedException}: a listing kept being interrupted</li>
 *       <li>{@link NoSuchNamespaceException}: no such network namespace</li>
 *     </ul></li>
 *   <li>{@code nftlink.nftables.parse.NftParseException}: nft text that does not
 *       parse, with its source location</li>
 *   <li>{@code nftlink.nftables.json.JsonException}: JSON that does not parse or
 *       does not follow the libnftables schema</li>
 *   <li>{@code nftlink.nftables.expr.DebugSyntaxException}: text that is not
 *       libnftnl's debug rendering</li>
 *   <li>{@code nftlink.nftables.lang.ElementCompiler.ElementException} and
 *       {@code nftlink.nftables.lang.Intervals.OverlapException}: set elements
 *       that cannot be added together</li>
 *   <li>{@code nftlink.nftables.mounts.MountInfoException}: a mount table that
 *       does not parse</li>
 *   <li>{@code nftlink.cgroup.CgroupException} and its subtypes, and
 *       {@code nftlink.cgroup.InvalidCgroupPathException}: cgroup trouble</li>
 *   <li>{@code nftlink.vrf.CgroupBindingException}: binding a cgroup to a VRF
 *       failed</li>
 * </ul>
 *
 * <p>Not under this root: {@link IllegalArgumentException},
 * {@link NullPointerException} and {@link IllegalStateException} for
 * programming errors, i.e. values built in Java code that no input could have
 * produced (a null argument, a 3-byte IPv4 address handed to a typed
 * constructor, a closed connection used again). Those are bugs in the caller,
 * not refusals to report to a user. Factory methods that read one value from a
 * string ({@code Family.ofName}, {@code Prefix.parse}) throw
 * {@link IllegalArgumentException} as the JDK's {@code valueOf} methods do; the
 * front ends that read whole documents (nft text, JSON, policy files, debug
 * text, mount tables) turn such failures into their own exception, with the
 * location.
 */
public class NftlinkException extends RuntimeException {

    /**
     * An exception with {@code message}.
     *
     * @param message what failed, naming the operation and the object
     */
    public NftlinkException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} caused by {@code cause}.
     *
     * @param message what failed, naming the operation and the object
     * @param cause   the failure underneath, or {@code null}
     */
    public NftlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
