package nftlink.netlink.internal;

import nftlink.netlink.SystemCallException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * One datagram to an {@code AF_UNIX} socket, by path or by {@code @name} in the
 * abstract namespace: what {@code sd_notify(3)} does, for nftlinkd's readiness
 * notifications. Through {@link LinuxCalls}, so native access stays this module's.
 */
public final class UnixDatagrams {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** The size of {@code sun_path}. */
    public static final int MAX_PATH_BYTES = 108;

    private UnixDatagrams() {
    }

    /**
     * Sends {@code data} as one datagram to {@code socket}.
     *
     * @param socket an absolute path, or {@code @name} for the abstract namespace
     * @throws IllegalArgumentException when {@code socket} is neither or too long
     * @throws SystemCallException      when the socket cannot be made or the datagram not sent
     */
    public static void send(String socket, byte[] data) {
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        if (path.length == 0 || path[0] != '/' && path[0] != '@' || path.length >= MAX_PATH_BYTES) {
            throw new IllegalArgumentException("not an AF_UNIX socket address: " + socket);
        }
        boolean abstractName = path[0] == '@';
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LinuxCalls.allocateCallState(arena);
            MemorySegment address = arena.allocate(2 + MAX_PATH_BYTES, 2);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(path, 0, address, JAVA_BYTE, 2, path.length);
            if (abstractName) {
                address.set(JAVA_BYTE, 2, (byte) 0);
            }
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, data);
            int fd = LinuxCalls.socket(state, AF_UNIX, SOCK_DGRAM | SocketConstants.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new SystemCallException("socket(AF_UNIX)", LinuxCalls.errno(state));
            }
            try {
                long sent = LinuxCalls.sendto(state, fd, buffer, data.length, MSG_NOSIGNAL, address,
                        2 + path.length + (abstractName ? 0 : 1));
                if (sent < 0) {
                    throw new SystemCallException("sendto(" + socket + ")", LinuxCalls.errno(state));
                }
            } finally {
                LinuxCalls.close(state, fd);
            }
        }
    }
}
