package nftlink.testing;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs nft-ref, the reference nft (1.1.3), inside a test's network namespace: the tests compare
 * the library's listings, JSON and bytecode with it. Found as the system property
 * {@code nftlink.nft-ref} or the environment variable {@code NFT_REF} names it, else at
 * {@code ../shared/tools/nft-ref} beside the repository, else as {@code nft-ref} on the path.
 */
public final class NftRef {
    private NftRef() {
    }

    /** The command that runs nft-ref. */
    public static String command() {
        String configured = System.getProperty("nftlink.nft-ref", System.getenv("NFT_REF"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/tools/nft-ref").normalize();
            if (Files.isRegularFile(dir.resolve("run-tests")) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "nft-ref";
    }

    /** Runs {@code nft-ref ARGS...} in {@code ns}. */
    public static TestNamespace.Result run(TestNamespace ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), command()));
        cmd.addAll(List.of(args));
        return TestNamespace.run(cmd, null);
    }

    /**
     * {@code nft-ref -j ARGS...} in {@code ns}, its {@code metainfo} item replaced by {@code metainfo} (the
     * one the library claims): what version the library names is decided apart from what it renders.
     */
    public static String json(TestNamespace ns, String metainfo, String... args) {
        List<String> all = new ArrayList<>(List.of("-j"));
        all.addAll(List.of(args));
        String out = run(ns, all.toArray(String[]::new)).orThrow();
        return out.replaceFirst("\\{\"metainfo\": \\{[^}]*\\}\\}", java.util.regex.Matcher.quoteReplacement(metainfo));
    }

    /** Runs {@code nft-ref -f -} in {@code ns} with {@code script} on standard input. */
    public static TestNamespace.Result script(TestNamespace ns, String script) {
        return TestNamespace.run(List.of("ip", "netns", "exec", ns.name(), command(), "-f", "-"), script);
    }
}
