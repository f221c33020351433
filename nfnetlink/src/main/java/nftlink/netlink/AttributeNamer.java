package nftlink.netlink;

/**
 * Names the attribute an extended acknowledgement points at, in the vocabulary
 * of the subsystem that wrote it (e.g. {@code NFTA_CHAIN_NAME}).
 */
@FunctionalInterface
public interface AttributeNamer {
    /** A namer that prints numeric types. */
    AttributeNamer NUMERIC = AttributePath::toString;

    /**
     * The readable name of the attribute at {@code path} (never empty).
     *
     * @param path the attribute's path in the request
     * @return the name
     */
    String name(AttributePath path);
}
