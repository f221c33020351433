package nftlink.examples.daemon;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/** What systemd listens on for {@code sd_notify}: an AF_UNIX datagram socket bound to a path or an abstract name. */
final class FakeNotifySocket implements AutoCloseable {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final Arena arena = Arena.ofShared();
    private final int fd;
    private final String name;

    private static MethodHandle handle(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }

    /** Binds to {@code name}: a path, or {@code @name} in the abstract namespace; each receive waits at most 30 s. */
    FakeNotifySocket(String name) throws Throwable {
        this.name = name;
        fd = (int) SOCKET.invokeExact(1, 2 | 0x80000, 0);
        MemorySegment address = arena.allocate(110, 2);
        address.set(JAVA_SHORT, 0, (short) 1);
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(path, 0, address, JAVA_BYTE, 2, path.length);
        if (path[0] == '@') {
            address.set(JAVA_BYTE, 2, (byte) 0);
        }
        int length = 2 + path.length + (path[0] == '@' ? 0 : 1);
        if (fd < 0 || (int) BIND.invokeExact(fd, address, length) != 0) {
            throw new IllegalStateException("cannot bind the fake notify socket " + name);
        }
        MemorySegment timeout = arena.allocate(16, 8);
        timeout.set(JAVA_LONG, 0, DaemonFixture.WAIT_SECONDS);
        int ignored = (int) SETSOCKOPT.invokeExact(fd, 1, 20, timeout, 16);
    }

    /** The value for {@code $NOTIFY_SOCKET}. */
    String name() {
        return name;
    }

    /** The next datagram; fails when none comes within the wait. */
    String receive() throws Throwable {
        MemorySegment buffer = arena.allocate(4096);
        long n = (long) RECV.invokeExact(fd, buffer, 4096L, 0);
        if (n < 0) {
            throw new AssertionError("no notification within " + DaemonFixture.WAIT_SECONDS + " s");
        }
        return new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** The next datagram that contains {@code part}, skipping others (e.g. STATUS= updates). */
    String receiveWith(String part) throws Throwable {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String m = receive();
            if (m.contains(part)) {
                return m;
            }
            seen.append(m).append("--\n");
        }
        throw new AssertionError("no notification with " + part + "; saw:\n" + seen);
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            arena.close();
        }
    }
}
