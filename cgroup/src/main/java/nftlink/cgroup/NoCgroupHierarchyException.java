package nftlink.cgroup;

/** No cgroup-v2 hierarchy is mounted (or the one named explicitly is not one). */
public class NoCgroupHierarchyException extends CgroupException {
    /**
     * An exception with {@code message}.
     *
     * @param message where the hierarchy was looked for
     */
    public NoCgroupHierarchyException(String message) {
        super(message);
    }
}
