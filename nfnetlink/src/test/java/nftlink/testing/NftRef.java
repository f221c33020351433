package nftlink.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference nft (1.1.3) for kernel tests: the {@code nft-ref} script in
 * {@code ../shared/tools/} beside the repository (read its header). It is found,
 * in this order, through the system property {@code nftlink.nftRef} (as MonitorBurstKernelTest reads it), the
 * environment variable {@code NFTLINK_NFT_REF}, or by walking up from the working
 * directory to a directory that has {@code ../shared/tools/nft-ref} beside it (the
 * repository root; Maven runs tests in a module directory below it).
 * {@code ./run-tests} installs it ({@code nft-ref --install}) before the tests run.
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
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 5 && dir != null; i++, dir = dir.getParent()) {
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

    /**
     * Skips the calling test when nft-ref cannot run here, with the reason; under CI
     * ({@code CI=true}) fails it instead, so CI cannot pass by skipping.
     */
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

    /** The nft-ref script as a command word; fails with the reason when it cannot be found. */
    static String command() {
        Path p = path();
        if (p == null) {
            throw new AssertionError(missing());
        }
        return p.toString();
    }
}
