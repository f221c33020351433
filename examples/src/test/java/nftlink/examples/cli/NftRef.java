package nftlink.examples.cli;

import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference nft (1.1.3) for these tests: {@code nft-ref}, found through {@code $NFT_REF} or as
 * {@code ../shared/tools/nft-ref} beside the repository (or one of its parents), and run inside a
 * test's network namespace. Without it the tests are skipped, and under CI they fail.
 */
final class NftRef {
    private NftRef() {
    }

    /** The nft-ref script; aborts (skips) the test without one, and fails it under CI. */
    static Path binary() {
        String configured = System.getenv("NFT_REF");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/tools/nft-ref").normalize();
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must compare with nft-ref, but neither $NFT_REF nor ../shared/tools/nft-ref is there");
        }
        Assumptions.abort("skipped: no nft-ref ($NFT_REF or ../shared/tools/nft-ref beside the repository)");
        throw new IllegalStateException("not reached");
    }

    /** Runs {@code nft-ref ARGS} inside {@code ns}. */
    static TestNamespace.Result run(TestNamespace ns, String... args) {
        return input(ns, null, args);
    }

    /** Runs {@code nft-ref ARGS} inside {@code ns} with {@code stdin} on its standard input. */
    static TestNamespace.Result input(TestNamespace ns, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), binary().toString()));
        command.addAll(List.of(args));
        return TestNamespace.run(command, stdin);
    }

    /** Runs {@code nft-ref -f -} inside {@code ns} with {@code script} on its standard input. */
    static TestNamespace.Result script(TestNamespace ns, String script) {
        return input(ns, script, "-f", "-");
    }

    /** Loads {@code ruleset} into {@code ns} with {@code nft-ref -f -}. */
    static void load(TestNamespace ns, String ruleset) {
        input(ns, ruleset, "-f", "-").orThrow();
    }
}
