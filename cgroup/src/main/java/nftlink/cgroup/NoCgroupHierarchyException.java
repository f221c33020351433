package nftlink.cgroup;

/** No cgroup-v2 hierarchy is mounted (or the one named explicitly is not one). */
public class NoCgroupHierarchyException extends CgroupException {
    public NoCgroupHierarchyException(String message) {
        super(message);
    }
}
