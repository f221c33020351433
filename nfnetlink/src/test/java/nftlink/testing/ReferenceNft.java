package nftlink.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs nft-ref, the reference nft (1.1.3), inside a test namespace: {@code $NFT_REF} when set,
 * else {@code shared/tools/nft-ref} beside the repository ({@code <repository>/../shared}) or
 * beside one of its parent directories.
 */
public final class ReferenceNft {

    private static Path binary;

    private ReferenceNft() {
    }

    /** The nft-ref script. */
    public static synchronized Path binary() {
        if (binary == null) {
            binary = find();
        }
        return binary;
    }

    private static Path find() {
        String env = System.getenv("NFT_REF");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String property = System.getProperty("nftlink.nftRef");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/tools/nft-ref");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path work = Path.of("/work/shared/tools/nft-ref");
        if (Files.isExecutable(work)) {
            return work;
        }
        throw new AssertionError("nft-ref not found: set NFT_REF or put the repository beside shared/tools/nft-ref");
    }

    /** {@code nft-ref ARGS...} in {@code ns}, with {@code stdin} (or none). */
    public static TestNamespace.Result run(TestNamespace ns, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), binary().toString()));
        command.addAll(List.of(args));
        return TestNamespace.run(command, stdin);
    }

    /** {@code nft-ref -f -} with {@code script}. */
    public static TestNamespace.Result script(TestNamespace ns, String script) {
        return run(ns, script, "-f", "-");
    }

    /** {@code nft-ref -f -} with {@code script}; throws when nft-ref refuses it. */
    public static void apply(TestNamespace ns, String script) {
        run(ns, script, "-f", "-").orThrow();
    }

    /**
     * {@code nft-ref -f -} with {@code script} through {@code nsenter}, which keeps the host's /sys where
     * {@code ip netns exec} mounts a fresh one (nft resolves {@code socket cgroupv2} paths under /sys/fs/cgroup).
     */
    public static void applyWithHostSys(TestNamespace ns, String script) {
        TestNamespace.run(List.of("nsenter", "--net=/var/run/netns/" + ns.name(), binary().toString(), "-f", "-"), script)
                .orThrow();
    }

    /** {@code nft-ref list ruleset}. */
    public static String list(TestNamespace ns) {
        return run(ns, null, "list", "ruleset").orThrow();
    }

    /** {@code nft-ref -j list ruleset}. */
    public static String listJson(TestNamespace ns) {
        return run(ns, null, "-j", "list", "ruleset").orThrow();
    }

    /** {@code nft-ref --debug=netlink list ruleset}: sets with their elements, rules with their expressions. */
    public static String bytecode(TestNamespace ns) {
        return run(ns, null, "--debug=netlink", "list", "ruleset").orThrow();
    }

    /** nft-ref's reason for refusing {@code script} in check mode, or {@code null} when it accepts it. */
    public static String refusal(TestNamespace ns, String script) {
        TestNamespace.Result r = run(ns, script, "-c", "-f", "-");
        return r.exitCode() == 0 ? null : r.stderr().strip();
    }
}
