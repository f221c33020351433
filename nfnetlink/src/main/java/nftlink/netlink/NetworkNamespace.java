package nftlink.netlink;

import nftlink.netlink.internal.LinuxCalls;
import nftlink.netlink.internal.SharedWork;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static nftlink.netlink.internal.SocketConstants.CLONE_NEWNET;
import static nftlink.netlink.internal.SocketConstants.O_CLOEXEC;
import static nftlink.netlink.internal.SocketConstants.O_RDONLY;

/**
 * A network namespace to open sockets in: the caller's own, a named one
 * ({@code /var/run/netns/NAME}, as {@code ip netns add} makes them), one given by a
 * namespace file or file descriptor, or a fresh anonymous one.
 *
 * <p>Work inside another namespace ({@link #call}) runs on a short-lived platform
 * thread that enters the namespace with {@code setns(2)} and ends when the work
 * is done, so no application thread is ever moved. A socket keeps the namespace
 * it was created in for its whole life.
 *
 * <p>An instance that opened a file descriptor owns it and closes it in
 * {@link #close()}; an anonymous namespace lives while that descriptor or any
 * socket created in it is open.
 */
public final class NetworkNamespace implements AutoCloseable {

    /** Where {@code ip netns} keeps named namespaces. */
    public static final Path NAMED_NAMESPACE_DIR = Path.of("/var/run/netns");

    private static final NetworkNamespace CURRENT = new NetworkNamespace(-1, false, "the current network namespace");

    private final int fd;
    private final boolean ownsFd;
    private final String description;
    private volatile boolean closed;

    private NetworkNamespace(int fd, boolean ownsFd, String description) {
        this.fd = fd;
        this.ownsFd = ownsFd;
        this.description = description;
    }

    /**
     * The namespace of the calling process; {@link #call} runs work directly.
     *
     * @return the namespace
     */
    public static NetworkNamespace current() {
        return CURRENT;
    }

    /**
     * A namespace created with {@code ip netns add NAME}.
     *
     * @param name the name given to {@code ip netns add}
     * @return the namespace
     * @throws NoSuchNamespaceException when {@code /var/run/netns/NAME} does not exist
     * @throws IllegalArgumentException when the name is not a valid namespace name
     */
    public static NetworkNamespace named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid network namespace name: \"" + name + "\"");
        }
        Path path = NAMED_NAMESPACE_DIR.resolve(name);
        if (!Files.exists(path)) {
            throw new NoSuchNamespaceException("network namespace \"" + name + "\" does not exist (no " + path + ")");
        }
        return new NetworkNamespace(openReadOnly(path), true, "network namespace \"" + name + "\"");
    }

    /**
     * A namespace given by a namespace file, such as {@code /proc/PID/ns/net} or a
     * bind mount of one.
     *
     * @param path the namespace file
     * @return the namespace
     * @throws NoSuchNamespaceException when the file does not exist
     */
    public static NetworkNamespace ofPath(Path path) {
        if (!Files.exists(path)) {
            throw new NoSuchNamespaceException("network namespace file " + path + " does not exist");
        }
        return new NetworkNamespace(openReadOnly(path), true, "network namespace " + path);
    }

    /**
     * A namespace given by an open file descriptor; the caller keeps ownership of
     * the descriptor and must keep it open while this instance is in use.
     *
     * @param fd the file descriptor
     * @return the namespace
     */
    public static NetworkNamespace ofFileDescriptor(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("negative file descriptor: " + fd);
        }
        return new NetworkNamespace(fd, false, "network namespace fd " + fd);
    }

    /**
     * Creates a new, empty network namespace (only a down {@code lo}), held open by
     * the returned instance until it and every socket made inside it are closed.
     *
     * @return the new namespace
     */
    public static NetworkNamespace createAnonymous() {
        int nsFd = onFreshThread(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = LinuxCalls.allocateCallState(arena);
                if (LinuxCalls.unshare(state, CLONE_NEWNET) < 0) {
                    throw new SystemCallException("unshare(CLONE_NEWNET)", LinuxCalls.errno(state));
                }
                return openReadOnly(Path.of("/proc/thread-self/ns/net"));
            }
        });
        return new NetworkNamespace(nsFd, true, "an anonymous network namespace");
    }

    /**
     * Runs {@code work} inside this namespace and returns its result. For the
     * current namespace the work runs on the calling thread; otherwise it runs on a
     * new platform thread that enters the namespace and ends afterwards.
     *
     * @param <T> the result's type
     * @param work the work
     * @return what the work returned
     */
    public <T> T call(Callable<T> work) {
        if (fd < 0) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new NetlinkException(e.getMessage(), e);
            }
        }
        ensureOpen();
        return onFreshThread(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = LinuxCalls.allocateCallState(arena);
                if (LinuxCalls.setns(state, fd, CLONE_NEWNET) < 0) {
                    throw new SystemCallException("setns(" + description + ")", LinuxCalls.errno(state));
                }
            }
            return work.call();
        });
    }

    /**
     * Whether this is the caller's own namespace.
     *
     * @return whether this is the current namespace
     */
    public boolean isCurrent() {
        return fd < 0;
    }

    /**
     * The namespace's file descriptor, or -1 for the current namespace.
     *
     * @return the file descriptor, or -1
     */
    public int fileDescriptor() {
        return fd;
    }

    @Override
    public void close() {
        if (ownsFd && !closed) {
            closed = true;
            try (Arena arena = Arena.ofConfined()) {
                LinuxCalls.close(LinuxCalls.allocateCallState(arena), fd);
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    static int openReadOnly(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LinuxCalls.allocateCallState(arena);
            int fd = LinuxCalls.open(state, arena.allocateFrom(path.toString()), O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                int errno = LinuxCalls.errno(state);
                if (errno == Errno.ENOENT.number()) {
                    throw new NoSuchNamespaceException("network namespace file " + path + " does not exist");
                }
                throw new SystemCallException("open(" + path + ")", errno);
            }
            return fd;
        }
    }

    private static <T> T onFreshThread(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("nftlink-netns").daemon(true).unstarted(() -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        SharedWork.uninterruptibly(thread::join);
        Throwable t = failure.get();
        SharedWork.throwUnchecked(t);
        if (t != null) {
            throw new NetlinkException(t.getMessage(), t);
        }
        return result.get();
    }
}
