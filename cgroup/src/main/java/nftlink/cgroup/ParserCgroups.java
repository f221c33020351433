package nftlink.cgroup;

import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;

import java.util.Objects;

/**
 * Lets the nft parser ({@link NftParser}) resolve {@code socket cgroupv2 level N "PATH"}
 * through this module's {@link CgroupResolver}: the hierarchy it found (unified or
 * hybrid), its checks that the path is a cgroup, and its index.
 *
 * <pre>{@code
 * NftParser parser = NftParser.standard().withCgroupResolver(ParserCgroups.of(CgroupResolver.discover()));
 * }</pre>
 */
public final class ParserCgroups {
    private ParserCgroups() {
    }

    /**
     * The parser's path-to-ID lookup backed by {@code resolver}; its exceptions become parse errors.
     *
     * @param resolver the resolver
     * @return the lookup
     */
    public static CgroupPathResolver of(CgroupResolver resolver) {
        Objects.requireNonNull(resolver, "resolver");
        return path -> resolver.resolve(path).id();
    }
}
