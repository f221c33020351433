package nftlink.cgroup;

import nftlink.netlink.Errno;
import nftlink.netlink.EventFd;
import nftlink.netlink.SystemCallException;
import nftlink.netlink.internal.LinuxCalls;
import nftlink.netlink.internal.OwnedDescriptor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * A non-blocking inotify descriptor with a native read buffer. Used by one
 * thread at a time; {@link #close()} after that thread is done.
 */
final class Inotify implements AutoCloseable {

    private static final int IN_NONBLOCK = 0x800;
    private static final int IN_CLOEXEC = 0x80000;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final OwnedDescriptor descriptor;
    private final MemorySegment callState;
    private final MemorySegment buffer;
    private final int fd;

    private Inotify(int fd) {
        this.descriptor = new OwnedDescriptor(fd, "inotify descriptor");
        this.fd = fd;
        this.callState = descriptor.callState();
        this.buffer = descriptor.arena().allocate(BUFFER_SIZE, 8);
    }

    /**
     * Opens a new inotify instance.
     *
     * @throws CgroupException when {@code inotify_init1} fails (e.g. the per-user instance limit)
     */
    static Inotify open() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = LinuxCalls.allocateCallState(a);
            int fd = LinuxCalls.inotifyInit1(state, IN_NONBLOCK | IN_CLOEXEC);
            if (fd < 0) {
                int errno = LinuxCalls.errno(state);
                throw new CgroupException("inotify_init1: " + Errno.describe(errno)
                        + (errno == Errno.EMFILE.number() ? " (fs.inotify.max_user_instances reached)" : ""));
            }
            return new Inotify(fd);
        }
    }

    /**
     * Watches {@code directory} for {@code mask}.
     *
     * @return the watch descriptor (the same one again for a directory already
     *         watched), or -1 when the directory no longer exists
     * @throws CgroupException for any other failure, such as the watch limit
     */
    int addWatch(Path directory, int mask) {
        ensureOpen();
        try (Arena a = Arena.ofConfined()) {
            int wd = LinuxCalls.inotifyAddWatch(callState, fd, a.allocateFrom(directory.toString()), mask);
            if (wd >= 0) {
                return wd;
            }
        }
        int errno = LinuxCalls.errno(callState);
        if (errno == Errno.ENOENT.number() || errno == Errno.ENOTDIR.number()) {
            return -1;
        }
        throw new CgroupException("inotify_add_watch(" + directory + "): " + Errno.describe(errno)
                + (errno == Errno.ENOSPC.number() ? " (fs.inotify.max_user_watches reached)" : ""));
    }

    /** Removes a watch; one the kernel already dropped is ignored. */
    void removeWatch(int wd) {
        ensureOpen();
        LinuxCalls.inotifyRmWatch(callState, fd, wd);
    }

    /**
     * Waits with no timeout until events are queued or {@code signal} is signalled.
     *
     * @param signal the eventfd another thread signals to end the wait
     * @return whether events are ready; {@code false} when only {@code signal} ended the wait
     */
    boolean await(EventFd signal) {
        ensureOpen();
        try {
            return signal.awaitReadable(fd);
        } catch (SystemCallException e) {
            throw new CgroupException("poll(inotify): " + Errno.describe(e.errnoNumber()));
        }
    }

    /** Reads the events queued now; empty when there are none. */
    List<InotifyEvent> read() {
        ensureOpen();
        long n = LinuxCalls.read(callState, fd, buffer, buffer.byteSize());
        if (n < 0) {
            int errno = LinuxCalls.errno(callState);
            if (errno == Errno.EAGAIN.number() || errno == Errno.EINTR.number()) {
                return List.of();
            }
            throw new CgroupException("read(inotify): " + Errno.describe(errno));
        }
        return InotifyEvents.parse(buffer, n);
    }

    private void ensureOpen() {
        descriptor.ensureOpen();
    }

    @Override
    public void close() {
        descriptor.close();
    }
}
