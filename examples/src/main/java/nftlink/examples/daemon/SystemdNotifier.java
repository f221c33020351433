package nftlink.examples.daemon;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * systemd's readiness protocol ({@code sd_notify(3)}) without libsystemd: each
 * message is one datagram to the {@code AF_UNIX} socket named by
 * {@code $NOTIFY_SOCKET} (a path, or {@code @name} in the abstract namespace),
 * sent through the Foreign Function &amp; Memory API. Without the variable (not
 * started by systemd, or {@code Type=} other than {@code notify}) it does nothing.
 * A failed send is reported once to the caller and never ends the daemon.
 */
final class SystemdNotifier {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH_BYTES = 108;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = LINKER.downcallHandle(LINKER.defaultLookup().find("socket").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SENDTO = LINKER.downcallHandle(LINKER.defaultLookup().find("sendto").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final String socket;

    /** @param socket the value of {@code $NOTIFY_SOCKET}, or {@code null} when there is none */
    SystemdNotifier(String socket) {
        this.socket = socket == null || socket.isEmpty() ? null : socket;
        if (this.socket != null && (this.socket.charAt(0) != '/' && this.socket.charAt(0) != '@'
                || this.socket.getBytes(StandardCharsets.UTF_8).length >= SUN_PATH_BYTES)) {
            throw new IllegalArgumentException("NOTIFY_SOCKET is neither an absolute path nor @name: " + socket);
        }
    }

    /** The notifier of this process's environment. */
    static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(System.getenv("NOTIFY_SOCKET"));
    }

    /** Whether systemd listens. */
    boolean enabled() {
        return socket != null;
    }

    /** {@code READY=1} with a status line. */
    void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status) + "\n");
    }

    /** {@code RELOADING=1} with the monotonic clock's time, as {@code Type=notify-reload} wants. */
    void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000 + "\nSTATUS=reloading the policy\n");
    }

    /** {@code STOPPING=1}. */
    void stopping() {
        send("STOPPING=1\nSTATUS=stopping; the rule set stays as it is\n");
    }

    /** {@code STATUS=} alone. */
    void status(String status) {
        send("STATUS=" + oneLine(status) + "\n");
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    /**
     * Sends one datagram; does nothing without a socket.
     *
     * @throws IllegalStateException when the socket cannot be reached
     */
    void send(String message) {
        if (socket == null) {
            return;
        }
        Objects.requireNonNull(message, "message");
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path[0] == '@';
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(2 + SUN_PATH_BYTES, 2);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(path, 0, address, JAVA_BYTE, 2, path.length);
            if (abstractName) {
                address.set(JAVA_BYTE, 2, (byte) 0);
            }
            int addressLength = 2 + path.length + (abstractName ? 0 : 1);
            byte[] data = message.getBytes(StandardCharsets.UTF_8);
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, data);
            int fd = (int) SOCKET.invokeExact(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IllegalStateException("cannot open an AF_UNIX socket for systemd's notifications");
            }
            try {
                long sent = (long) SENDTO.invokeExact(fd, buffer, (long) data.length, MSG_NOSIGNAL, address, addressLength);
                if (sent != data.length) {
                    throw new IllegalStateException("cannot notify systemd at " + socket);
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot notify systemd at " + socket + ": " + t, t);
        }
    }
}
