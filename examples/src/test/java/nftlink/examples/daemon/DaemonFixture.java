package nftlink.examples.daemon;

import nftlink.cgroup.CgroupHierarchy;
import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.CgroupResolver;
import nftlink.cgroup.Reconciler;
import nftlink.examples.cli.Main;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.parse.NftParser;
import nftlink.testing.TestNamespace;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** A throwaway cgroup subtree, ways to run nftlinkd in and out of process, and bounded waits. */
final class DaemonFixture implements AutoCloseable {

    static final long WAIT_SECONDS = 30;

    final CgroupHierarchy hierarchy = CgroupHierarchy.discover();
    final CgroupResolver resolver = new CgroupResolver(hierarchy);
    final CgroupPath root = CgroupPath.of("nftlink-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));

    DaemonFixture() {
        mkdir(root);
    }

    /** {@code relative} below the subtree's root. */
    CgroupPath path(String relative) {
        return root.resolve(CgroupPath.of(relative));
    }

    CgroupPath mkdir(String relative) {
        return mkdir(path(relative));
    }

    private CgroupPath mkdir(CgroupPath p) {
        try {
            Files.createDirectory(hierarchy.directory(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    void rmdir(String relative) {
        try {
            Files.delete(hierarchy.directory(path(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long id(String relative) {
        return resolver.id(path(relative));
    }

    @Override
    public void close() {
        Path top = hierarchy.directory(root);
        if (!Files.isDirectory(top)) {
            return;
        }
        try (Stream<Path> s = Files.walk(top)) {
            for (Path d : s.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                Files.deleteIfExists(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Output of an in-process run. */
    record Run(int status, String out, String err) {
    }

    /** Runs {@link Nftlinkd#run} in this process. */
    static Run nftlinkd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Nftlinkd.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The namespace's rule set with handles, as the nftlink tool lists it. */
    static String ruleset(TestNamespace ns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[]{"-a", "--netns", ns.name(), "list", "ruleset"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new AssertionError("listing failed: " + err);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The command that starts {@code nftlinkd ARGS} in a JVM of its own. */
    static List<String> javaCommand(String... args) {
        return javaCommand(Nftlinkd.class, args);
    }

    /** The command that runs {@code main} of {@code mainClass} with {@code args} in a JVM of its own. */
    static List<String> javaCommand(Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath(), mainClass.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Like {@link #javaCommand(String...)}, but with copies of the classes and jars
     * under {@code dir} (made readable by everyone) and no performance-data file, so
     * that an unprivileged user can run it.
     */
    static List<String> portableJavaCommand(Path dir, String... args) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        List<String> parts = new ArrayList<>();
        int n = 0;
        for (String part : classPath().split(File.pathSeparator)) {
            Path from = Path.of(part);
            Path to = lib.resolve((n++) + "-" + from.getFileName());
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            parts.add(to.toString());
        }
        readableByAll(dir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, parts),
                Nftlinkd.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Makes {@code dir} and everything below it readable (and directories searchable) by everyone. */
    static void readableByAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static String classPath() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : List.of(Nftlinkd.class, NftParser.class, Reconciler.class, NetworkNamespace.class, picocli.CommandLine.class)) {
            try {
                parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** Waits (at most {@link #WAIT_SECONDS}) until {@code condition} holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + WAIT_SECONDS + " s");
            }
            Thread.sleep(20);
        }
    }
}
