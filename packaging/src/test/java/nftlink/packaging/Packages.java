package nftlink.packaging;

import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the packages this module built are, and the commands the tests run on
 * them. The tests run in the module directory after the "package" phase.
 */
final class Packages {

    private Packages() {
    }

    /** The project version the packages carry, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        return System.getProperty("nftlink.version", "0.1.0-SNAPSHOT");
    }

    /** The module's build directory. */
    static Path target() {
        return Path.of("target").toAbsolutePath();
    }

    /** The packaging module's own directory (scripts, units, fleet kits). */
    static Path module() {
        return Path.of("").toAbsolutePath();
    }

    /** The examples module, whose build writes man pages and completions to its target/. */
    static Path examples() {
        return Path.of(System.getProperty("nftlink.examples", "../examples")).toAbsolutePath().normalize();
    }

    /** {@code nftlink-VERSION-linux-ARCH.tar.gz}. */
    static Path archive() {
        return existing(target().resolve("nftlink-" + version() + "-linux-" + uname() + ".tar.gz"));
    }

    /** {@code nftlink_DEBVERSION_DEBARCH.deb}. */
    static Path deb() {
        return existing(target().resolve("nftlink_" + version().replace('-', '~') + "_" + debArch() + ".deb"));
    }

    /** The OCI image archive. */
    static Path ociArchive() {
        return existing(target().resolve("nftlink-" + version() + "-linux-" + uname() + "-oci.tar"));
    }

    /** The OCI image layout directory. */
    static Path ociLayout() {
        return existing(target().resolve("oci"));
    }

    /** The build's tree behind the archive, {@code target/dist/nftlink-VERSION}. */
    static Path distTree() {
        return existing(target().resolve("dist/nftlink-" + version()));
    }

    /**
     * The nft to compare with: nft-ref (nft 1.1.3, found as the test kit's {@link NftRef} finds it), by its
     * real path: a VM sees this machine's root but not its /tmp, where a link to ../shared may live.
     */
    static String referenceNft() {
        try {
            return Path.of(NftRef.command()).toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command on the host; the result with its exit code and output. */
    static TestNamespace.Result run(String... command) {
        return TestNamespace.run(Arrays.asList(command), null);
    }

    /**
     * Runs a command in DIR with extra environment variables, allowing it up to
     * {@code minutes} (npm and ansible take longer than TestNamespace's minute).
     */
    static TestNamespace.Result run(Path dir, Map<String, String> env, int minutes, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("nftlink-run", ".out");
        Path err = Files.createTempFile("nftlink-run", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + minutes + " minutes");
            }
            return new TestNamespace.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a command and returns its standard output, failing the test when it fails. */
    static String output(String... command) {
        TestNamespace.Result r = run(command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.stdout() + r.stderr());
        }
        return r.stdout();
    }

    /** The archive's entry names without the leading {@code nftlink-VERSION/}. */
    static List<String> archiveEntries() {
        List<String> names = new ArrayList<>();
        String prefix = "nftlink-" + version() + "/";
        for (String line : output("tar", "-tzf", archive().toString()).split("\n")) {
            if (!line.startsWith(prefix)) {
                throw new AssertionError("archive entry outside " + prefix + ": " + line);
            }
            names.add(line.substring(prefix.length()));
        }
        return names;
    }

    /** Extracts the archive into a fresh directory and returns its top directory. */
    static Path extractArchive(Path into) throws IOException {
        Files.createDirectories(into);
        output("tar", "-xzf", archive().toString(), "-C", into.toString());
        return into.resolve("nftlink-" + version());
    }

    /** {@code uname -m}: x86_64, aarch64. */
    static String uname() {
        return output("uname", "-m").strip();
    }

    /** Debian's name of the architecture: amd64, arm64. */
    static String debArch() {
        return switch (uname()) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> output("dpkg", "--print-architecture").strip();
        };
    }

    /** Whether a program is on PATH (or in /usr/sbin, /sbin). */
    static boolean installed(String program) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            throw new AssertionError(p + " is missing: the tests run after 'mvn package' built it");
        }
        return p;
    }
}
