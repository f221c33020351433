package nftlink.testing;

import nftlink.netlink.NetworkNamespace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A named network namespace made for one test ({@code ip netns add}) and removed
 * afterwards; {@link #nft} and {@link #exec} run commands inside it ({@link NftRef} runs nft 1.1.3),
 * {@link #addIfb} creates links in it by name.
 */
public final class TestNamespace implements AutoCloseable {

    /** Output of a command. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Throws unless the command succeeded; returns its standard output. */
        public String orThrow() {
            if (exitCode != 0) {
                throw new AssertionError("command failed with exit code " + exitCode + ": " + stderr.strip());
            }
            return stdout;
        }
    }

    private final String name;
    private boolean closed;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Creates a namespace with a random name. */
    public static TestNamespace create() {
        String name = "nftlink-t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        run(List.of("ip", "netns", "add", name), null).orThrow();
        return new TestNamespace(name);
    }

    /** The namespace's name under /var/run/netns. */
    public String name() {
        return name;
    }

    /** Opens the namespace for the library; close the result when done. */
    public NetworkNamespace open() {
        return NetworkNamespace.named(name);
    }

    /** Runs {@code nft ARGS...} inside the namespace. */
    public Result nft(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "nft"));
        cmd.addAll(List.of(args));
        return run(cmd, null);
    }

    /** Runs {@code nft -f -} inside the namespace with {@code script} on standard input. */
    public Result nftScript(String script) {
        return run(List.of("ip", "netns", "exec", name, "nft", "-f", "-"), script);
    }

    /**
     * Creates an ifb link for each of {@code names} in the namespace (one {@code ip -batch}
     * for all), for rule sets that name devices; links stay down.
     *
     * @throws IllegalArgumentException when a name is not a valid interface name
     * @throws AssertionError when {@code ip} refuses, e.g. because a link of that name exists
     */
    public void addIfb(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        StringBuilder batch = new StringBuilder();
        for (String link : names) {
            if (!link.matches("[A-Za-z0-9_.:-]{1,15}") || link.equals(".") || link.equals("..")) {
                throw new IllegalArgumentException("not an interface name: \"" + link + "\"");
            }
            batch.append("link add ").append(link).append(" type ifb\n");
        }
        run(List.of("ip", "-n", name, "-batch", "-"), batch.toString()).orThrow();
    }

    /** Creates ifb links named {@code names} in the namespace; see {@link #addIfb(Collection)}. */
    public void addIfb(String... names) {
        addIfb(List.of(names));
    }

    /** Runs a command inside the namespace. */
    public Result exec(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        return run(cmd, null);
    }

    /** Runs a command on the host (not inside the namespace). */
    public static Result run(List<String> command, String stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            // standard error is read beside standard output: a command that fills one pipe must not block on it
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            var out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("command timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            run(List.of("ip", "netns", "del", name), null);
        }
    }

    @Override
    public String toString() {
        return "TestNamespace[" + name + "]";
    }
}
