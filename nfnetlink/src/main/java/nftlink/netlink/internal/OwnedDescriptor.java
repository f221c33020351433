package nftlink.netlink.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A file descriptor that one object opened and owns, with the shared arena that holds the memory
 * its system calls use (the {@link LinuxCalls} call state among it). {@link #close()} closes the
 * descriptor and frees the arena once; the owner checks {@link #ensureOpen()} before each call.
 *
 * <p>Not thread-safe on its own: the owner calls it from one thread at a time or under its own lock.
 */
public final class OwnedDescriptor implements AutoCloseable {

    private final int fd;
    private final String kind;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment callState = LinuxCalls.allocateCallState(arena);
    private boolean closed;

    /**
     * Takes ownership of {@code fd}.
     *
     * @param fd   an open file descriptor
     * @param kind what it is, for the error once it is closed ({@code "eventfd"}, {@code "netlink socket"})
     */
    public OwnedDescriptor(int fd, String kind) {
        this.fd = fd;
        this.kind = kind;
    }

    /**
     * The file descriptor.
     *
     * @return the file descriptor
     */
    public int fd() {
        return fd;
    }

    /**
     * The arena that lives as long as the descriptor, for the owner's buffers.
     *
     * @return the arena
     */
    public Arena arena() {
        return arena;
    }

    /**
     * The call state for {@link LinuxCalls} on this descriptor.
     *
     * @return the call-state segment
     */
    public MemorySegment callState() {
        return callState;
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return whether it is closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Fails once the descriptor is closed.
     *
     * @throws IllegalStateException "KIND is closed" after {@link #close()}
     */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(kind + " is closed");
        }
    }

    /** Closes the descriptor and frees the arena; does nothing the second time. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LinuxCalls.close(callState, fd);
            arena.close();
        }
    }
}
