package nftlink.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The reference nft (1.1.3) for kernel tests, run inside a test's network namespace: the
 * {@code nft-ref} script in {@code ../shared/tools/} beside the repository (read its header).
 * It is found, in this order, through the system property {@code nftlink.nftRef}, the
 * environment variable {@code NFTLINK_NFT_REF} (or {@code NFT_REF}), or by walking up from the
 * working directory to a directory that has {@code ../shared/tools/nft-ref} beside it (Maven
 * runs tests in a module directory below the repository). {@code ./run-tests} installs it
 * ({@code nft-ref --install}) before the tests run. Without it a test that needs it is skipped
 * with the reason, and fails under CI ({@code CI=true}), so CI cannot pass by skipping.
 */
public final class NftRef {

    /** The system property that names the nft-ref script. */
    public static final String PROPERTY = "nftlink.nftRef";
    /** The environment variable that names the nft-ref script. */
    public static final String ENVIRONMENT = "NFTLINK_NFT_REF";

    private NftRef() {
    }

    /** The nft-ref script, or {@code null} when it cannot be found. */
    public static Path path() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("NFT_REF");
        }
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 6 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/tools/nft-ref").normalize();
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Why tests that compare with nft-ref cannot run here, or {@code null} when they can. */
    public static String missing() {
        String kernel = KernelTestExtension.missingPrerequisite();
        if (kernel != null) {
            return kernel;
        }
        if (path() == null) {
            return "tests comparing with nft 1.1.3 need ../shared/tools/nft-ref beside the repository (or -D" + PROPERTY
                    + "=PATH, or " + ENVIRONMENT + "=PATH)";
        }
        return null;
    }

    /** Skips the calling test when nft-ref cannot run here, with the reason; under CI fails it instead. */
    public static void assume() {
        String missing = missing();
        if (missing == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must compare with nft-ref, but " + missing);
        }
        Assumptions.abort("skipped: " + missing);
    }

    /** The nft-ref script as a command word; skips the test (fails it under CI) when there is none. */
    public static String command() {
        Path p = path();
        if (p == null) {
            assume();
            throw new AssertionError(missing());
        }
        return p.toString();
    }

    /** {@code nft-ref ARGS...} in {@code ns}. */
    public static TestNamespace.Result run(TestNamespace ns, String... args) {
        return input(ns, null, args);
    }

    /** {@code nft-ref ARGS...} in {@code ns} with {@code stdin} (or nothing) on its standard input. */
    public static TestNamespace.Result input(TestNamespace ns, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), command()));
        command.addAll(List.of(args));
        return TestNamespace.run(command, stdin);
    }

    /** {@code nft-ref -f -} in {@code ns} with {@code script} on its standard input. */
    public static TestNamespace.Result script(TestNamespace ns, String script) {
        return input(ns, script, "-f", "-");
    }

    /** {@code nft-ref -f -} with {@code script}; throws when nft-ref refuses it. */
    public static void apply(TestNamespace ns, String script) {
        script(ns, script).orThrow();
    }

    /**
     * {@code nft-ref -f -} with {@code script} through {@code nsenter}, which keeps the host's /sys where
     * {@code ip netns exec} mounts a fresh one (nft resolves {@code socket cgroupv2} paths under /sys/fs/cgroup).
     */
    public static void applyWithHostSys(TestNamespace ns, String script) {
        TestNamespace.run(List.of("nsenter", "--net=/var/run/netns/" + ns.name(), command(), "-f", "-"), script)
                .orThrow();
    }

    /** {@code nft-ref list ruleset}. */
    public static String list(TestNamespace ns) {
        return run(ns, "list", "ruleset").orThrow();
    }

    /** {@code nft-ref -j list ruleset}. */
    public static String listJson(TestNamespace ns) {
        return run(ns, "-j", "list", "ruleset").orThrow();
    }

    /**
     * {@code nft-ref -j ARGS...} in {@code ns}, its {@code metainfo} item replaced by {@code metainfo}
     * (the one the library claims): what version the library names is decided apart from what it renders.
     */
    public static String json(TestNamespace ns, String metainfo, String... args) {
        List<String> all = new ArrayList<>(List.of("-j"));
        all.addAll(List.of(args));
        String out = run(ns, all.toArray(String[]::new)).orThrow();
        return out.replaceFirst("\\{\"metainfo\": \\{[^}]*\\}\\}", Matcher.quoteReplacement(metainfo));
    }

    /** {@code nft-ref --debug=netlink list ruleset}: sets with their elements, rules with their expressions. */
    public static String bytecode(TestNamespace ns) {
        return run(ns, "--debug=netlink", "list", "ruleset").orThrow();
    }

    /** nft-ref's reason for refusing {@code script} in check mode, or {@code null} when it accepts it. */
    public static String refusal(TestNamespace ns, String script) {
        TestNamespace.Result r = input(ns, script, "-c", "-f", "-");
        return r.exitCode() == 0 ? null : r.stderr().strip();
    }
}
