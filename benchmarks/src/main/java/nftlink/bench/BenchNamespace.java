package nftlink.bench;

import nftlink.netlink.NetworkNamespace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

/**
 * A throwaway named network namespace for one benchmark trial ({@code ip netns add
 * nftlink-bench-XXXX}), removed by {@link #close()} or, if the JVM ends first, by a
 * shutdown hook. The host's own rule set is never touched.
 *
 * <p>It also owns one platform thread that lives inside the namespace (it was
 * started from a thread that had entered it, so it inherits the namespace). The
 * {@code nft} processes are spawned from that thread, so they run in the
 * namespace without the extra cost of {@code ip netns exec}, and libnftables
 * contexts are created there.
 */
public final class BenchNamespace implements AutoCloseable {

    /** Prefix of every namespace the benchmarks create. */
    public static final String PREFIX = "nftlink-bench-";

    private final String name;
    private final NetworkNamespace namespace;
    private final ExecutorService inside;
    private final Thread cleanup;
    private boolean closed;

    private BenchNamespace(String name) {
        this.name = name;
        this.cleanup = new Thread(() -> run(List.of("ip", "netns", "del", name), null));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            this.namespace = NetworkNamespace.named(name);
            this.inside = namespace.call(() -> {
                ExecutorService e = Executors.newSingleThreadExecutor(
                        r -> Thread.ofPlatform().daemon(true).name("bench-in-" + name).unstarted(r));
                e.submit(() -> { }).get(); // starts the thread here, inside the namespace
                return e;
            });
        } catch (RuntimeException e) {
            removeNamespace();
            throw e;
        }
    }

    /** Creates a fresh namespace with a random name. */
    public static BenchNamespace create() {
        String name = PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        run(List.of("ip", "netns", "add", name), null).orThrow("ip netns add " + name);
        return new BenchNamespace(name);
    }

    /** The namespace's name under /var/run/netns. */
    public String name() {
        return name;
    }

    /** The namespace for the library (owned by this object; do not close it). */
    public NetworkNamespace namespace() {
        return namespace;
    }

    /** Runs {@code work} on the thread that lives inside the namespace. */
    public <T> T inside(Callable<T> work) {
        try {
            return inside.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /** Runs {@code nft -f -} in the namespace with {@code script} on standard input (setup only). */
    public void nftScript(String script) {
        run(List.of("ip", "netns", "exec", name, "nft", "-f", "-"), script).orThrow("nft -f - in " + name);
    }

    /** Runs {@code nft ARGS...} in the namespace (setup and checks only) and returns its output. */
    public String nft(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "nft"));
        cmd.addAll(List.of(args));
        return run(cmd, null).orThrow(String.join(" ", cmd));
    }

    /** Writes {@code text} into a temporary file that is deleted when the JVM ends. */
    public static Path tempFile(String text) {
        try {
            Path p = Files.createTempFile("nftlink-bench-", ".nft");
            p.toFile().deleteOnExit();
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a temporary file: " + e.getMessage(), e);
        }
    }

    /** Output of a command. */
    public record Result(int exitCode, String stdout, String stderr) {
        String orThrow(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " failed with exit code " + exitCode + ": " + stderr.strip());
            }
            return stdout;
        }
    }

    /** Runs a command on the host, feeding {@code stdin}. */
    public static Result run(List<String> command, String stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            Path err = Files.createTempFile("nftlink-bench-", ".err");
            try {
                pb.redirectError(err.toFile());
                Process p = pb.start();
                if (stdin != null) {
                    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("command timed out: " + command);
                }
                return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private void removeNamespace() {
        run(List.of("ip", "netns", "del", name), null);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; deleting twice is harmless
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inside.shutdownNow();
        namespace.close();
        removeNamespace();
    }
}
