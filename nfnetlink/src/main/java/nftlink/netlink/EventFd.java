package nftlink.netlink;

import nftlink.netlink.internal.LinuxCalls;
import nftlink.netlink.internal.OwnedDescriptor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An {@code eventfd(2)} that lets one thread block on a descriptor (a netlink
 * socket, an inotify instance) until that descriptor is ready <em>or</em> another
 * thread {@linkplain #signal() signals}, with no timeout: a thread that reads
 * events waits for them without waking up while nothing happens, and whoever
 * wants it to stop or to look at new work signals it.
 *
 * <p>{@link #signal()} may be called from any thread, and a signal after
 * {@link #close()} does nothing (it never writes to a descriptor number that was
 * reused meanwhile). {@link #awaitReadable(int)} is for one waiting thread at a
 * time; close the eventfd once no thread waits on it.
 */
public final class EventFd implements AutoCloseable {

    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final short POLLIN = 0x1;
    private static final long POLLFD_SIZE = LinuxCalls.POLLFD.byteSize();

    private final OwnedDescriptor descriptor;
    private final MemorySegment callState;
    private final MemorySegment pollFds;
    private final MemorySegment counter;
    private final int fd;

    private EventFd(int fd) {
        this.descriptor = new OwnedDescriptor(fd, "eventfd");
        this.fd = fd;
        this.callState = descriptor.callState();
        this.pollFds = descriptor.arena().allocate(LinuxCalls.POLLFD, 2);
        this.counter = descriptor.arena().allocate(ValueLayout.JAVA_LONG);
    }

    /**
     * Opens a non-blocking eventfd with a count of zero.
     *
     * @return the eventfd; close it when done
     * @throws SystemCallException when {@code eventfd} fails (e.g. the descriptor limit)
     */
    public static EventFd open() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = LinuxCalls.allocateCallState(a);
            int fd = LinuxCalls.eventfd(state, 0, EFD_NONBLOCK | EFD_CLOEXEC);
            if (fd < 0) {
                throw new SystemCallException("eventfd", LinuxCalls.errno(state));
            }
            return new EventFd(fd);
        }
    }

    /**
     * The file descriptor, readable while the eventfd is signalled.
     *
     * @return the file descriptor
     */
    public int fileDescriptor() {
        return fd;
    }

    /**
     * Wakes the thread waiting in {@link #awaitReadable(int)}, or makes its next
     * wait return at once; does nothing once closed.
     *
     * @throws SystemCallException when {@code write} fails
     */
    public synchronized void signal() {
        if (descriptor.isClosed()) {
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = LinuxCalls.allocateCallState(a);
            MemorySegment one = a.allocateFrom(ValueLayout.JAVA_LONG, 1L);
            // EAGAIN means the count is at its maximum: the eventfd is signalled already
            if (LinuxCalls.write(state, fd, one, Long.BYTES) < 0 && LinuxCalls.errno(state) != Errno.EAGAIN.number()) {
                throw new SystemCallException("write(eventfd)", LinuxCalls.errno(state));
            }
        }
    }

    /**
     * Blocks, with no timeout, until {@code descriptor} is readable (or reports an
     * error or hang-up, which a read then returns) or this eventfd is signalled.
     * A signal is consumed: the next wait blocks again until the next signal.
     *
     * @param descriptor the descriptor to wait for, e.g. {@link NetlinkSocket#fileDescriptor()}
     * @return whether {@code descriptor} is ready; {@code false} when only the signal woke the wait
     * @throws SystemCallException when {@code poll} fails
     */
    public boolean awaitReadable(int descriptor) {
        ensureOpen();
        setPollFd(0, descriptor);
        setPollFd(1, fd);
        while (true) {
            int n = LinuxCalls.poll(callState, pollFds, 2, -1);
            if (n >= 0) {
                break;
            }
            int errno = LinuxCalls.errno(callState);
            if (errno != Errno.EINTR.number()) {
                throw new SystemCallException("poll", errno);
            }
        }
        if (revents(1) != 0) {
            consume();
        }
        return revents(0) != 0;
    }

    private void setPollFd(int index, int descriptor) {
        long at = index * POLLFD_SIZE;
        pollFds.set(ValueLayout.JAVA_INT, at, descriptor);
        pollFds.set(ValueLayout.JAVA_SHORT, at + 4, POLLIN);
        pollFds.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
    }

    private short revents(int index) {
        return pollFds.get(ValueLayout.JAVA_SHORT, index * POLLFD_SIZE + 6);
    }

    /** Reads the count back to zero; EAGAIN means another read got it first. */
    private void consume() {
        if (LinuxCalls.read(callState, fd, counter, Long.BYTES) < 0) {
            int errno = LinuxCalls.errno(callState);
            if (errno != Errno.EAGAIN.number() && errno != Errno.EINTR.number()) {
                throw new SystemCallException("read(eventfd)", errno);
            }
        }
    }

    private synchronized void ensureOpen() {
        descriptor.ensureOpen();
    }

    /** Closes the descriptor; later signals do nothing. Idempotent. */
    @Override
    public synchronized void close() {
        descriptor.close();
    }

    @Override
    public String toString() {
        return "eventfd " + fd;
    }
}
