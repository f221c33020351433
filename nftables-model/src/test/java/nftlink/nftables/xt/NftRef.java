package nftlink.nftables.xt;

import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the reference nft 1.1.3 with libxtables modules that match its libxtables
 * ({@code scripts/nft-ref-xt}, which finds {@code nft-ref} beside the repository) inside a
 * test's namespace. Under CI a missing reference fails the test; elsewhere it is skipped.
 */
final class NftRef {
    private final Path script;

    private NftRef(Path script) {
        this.script = script;
    }

    /** The reference, installed on first use; aborts (or fails under CI) when it cannot run. */
    static NftRef require() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("scripts/nft-ref-xt"))) {
            dir = dir.getParent();
        }
        String why = null;
        NftRef ref = null;
        if (dir == null) {
            why = "scripts/nft-ref-xt not found above " + System.getProperty("user.dir");
        } else {
            ref = new NftRef(dir.resolve("scripts/nft-ref-xt"));
            TestNamespace.Result r = TestNamespace.run(List.of(ref.script.toString(), "--version"), null);
            if (r.exitCode() != 0 || !r.stdout().contains("v1.1.3")) {
                why = "nft-ref-xt does not run nft 1.1.3: " + r.stdout().strip() + " " + r.stderr().strip();
            }
        }
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must compare with nft 1.1.3, but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
        return ref;
    }

    /** Runs {@code nft ARGS...} of the reference inside {@code ns}; returns its standard output. */
    String run(TestNamespace ns, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return ns.exec(command.toArray(String[]::new)).orThrow();
    }
}
