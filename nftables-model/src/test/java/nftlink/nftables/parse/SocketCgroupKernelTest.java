package nftlink.nftables.parse;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.mounts.Cgroup2Mounts;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.Nftables;
import nftlink.nftables.ReferenceCheck;
import nftlink.testing.NftRef;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code socket cgroupv2 level N "PATH"}: written by path, listed as the path while the cgroup exists in the
 * cgroup-v2 hierarchy this process sees, and as the ID once it is gone, as nft lists it. nft 1.1.3 looks only
 * under {@code /sys/fs/cgroup}; where cgroup2 is mounted elsewhere (hybrid systems) it lists the ID where
 * nftlink lists the path, and that is the only difference allowed.
 */
@KernelTest
class SocketCgroupKernelTest {

    @Test
    void anExistingCgroupListsAsItsPathAndAGoneOneAsItsId(TestNamespace ns) throws IOException {
        Path mount = Cgroup2Mounts.find();
        String top = "nftlink-t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        Path app = Files.createDirectories(mount.resolve(top).resolve("app"));
        try {
            long id = ((Number) Files.getAttribute(app, "unix:ino")).longValue();
            String rules = "table inet t {\n\tchain c {\n\t\tsocket cgroupv2 level 2 \"" + top + "/app\" accept\n\t}\n}\n";
            try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
                NftParser parser = new NftParser(CgroupPathResolver.mounted(), InterfaceResolver.in(handle), SetLookup.NONE);
                nft.transaction().addAll(parser.parse(rules, "rules.nft").operations()).commit();
                RulesetListing listing = RulesetListing.read(nft);
                assertThat(listing.render(NftFormatter.DEFAULT, ReferenceCheck.renderer(handle))).isEqualTo(rules);
                String json = new JsonRenderer(CgroupPaths.mounted(), false).document(listing).toJson();
                // nft 1.1.3's JSON names no level
                assertThat(json).contains("{\"socket\": {\"key\": \"cgroupv2\"}}, \"right\": \"" + top + "/app\"}");
                String byNft = NftRef.list(ns);
                assertThat(byNft).isEqualTo(mount.equals(Path.of("/sys/fs/cgroup")) ? rules
                        : rules.replace("\"" + top + "/app\"", Long.toUnsignedString(id)));
                Files.delete(app);
                assertThat(RulesetListing.read(nft).render(NftFormatter.DEFAULT, new RuleRenderer(CgroupPaths.mounted())))
                        .isEqualTo(rules.replace("\"" + top + "/app\"", Long.toUnsignedString(id)))
                        .isEqualTo(NftRef.list(ns));
            }
        } finally {
            Files.deleteIfExists(app);
            Files.deleteIfExists(mount.resolve(top));
        }
    }

    @Test
    void cgroupPathsWalkTheHierarchyOnce(@org.junit.jupiter.api.io.TempDir Path root) throws IOException {
        Path a = Files.createDirectories(root.resolve("a/b"));
        CgroupPaths paths = CgroupPaths.under(root);
        long id = ((Number) Files.getAttribute(a, "unix:ino")).longValue();
        assertThat(paths.apply(id)).isEqualTo("a/b");
        assertThat(paths.apply(((Number) Files.getAttribute(root.resolve("a"), "unix:ino")).longValue())).isEqualTo("a");
        assertThat(paths.apply(((Number) Files.getAttribute(root, "unix:ino")).longValue())).as("the root is no cgroup path").isNull();
        Files.createDirectories(root.resolve("c"));
        assertThat(paths.apply(((Number) Files.getAttribute(root.resolve("c"), "unix:ino")).longValue()))
                .as("a snapshot: read on the first lookup").isNull();
    }
}
