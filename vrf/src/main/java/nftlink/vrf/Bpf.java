package nftlink.vrf;

import nftlink.netlink.Errno;
import nftlink.netlink.internal.LinuxCalls;
import nftlink.netlink.internal.SocketConstants;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code bpf(2)} calls a cgroup-to-VRF binding needs, with the constants of
 * {@code <linux/bpf.h>}: load a {@code BPF_PROG_TYPE_CGROUP_SOCK} program, attach
 * it to a cgroup at {@code BPF_CGROUP_INET_SOCK_CREATE}, query and detach.
 */
final class Bpf {
    private Bpf() {
    }

    // enum bpf_cmd
    static final int BPF_PROG_LOAD = 5;
    static final int BPF_PROG_ATTACH = 8;
    static final int BPF_PROG_DETACH = 9;
    static final int BPF_PROG_QUERY = 16;
    // enum bpf_prog_type
    static final int BPF_PROG_TYPE_CGROUP_SOCK = 9;
    // enum bpf_attach_type
    static final int BPF_CGROUP_INET_SOCK_CREATE = 2;
    /** {@code offsetof(struct bpf_sock, bound_dev_if)}. */
    static final int BPF_SOCK_BOUND_DEV_IF = 0;

    // instruction encoding: class | mode/op | size/source
    private static final int BPF_ALU64_MOV_K = 0x07 | 0xb0;
    private static final int BPF_STX_MEM_W = 0x03 | 0x60;
    private static final int BPF_JMP_EXIT = 0x05 | 0x90;

    private static final long SYS_BPF = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
        case "amd64", "x86_64" -> 321;
        case "aarch64", "arm64" -> 280;
        default -> -1;
    };

    /**
     * The program: {@code r2 = ifindex; *(u32 *)(r1 + bound_dev_if) = r2; r0 = 1; exit}
     * (store the device index into the new socket, then allow its creation).
     */
    static byte[] bindDeviceProgram(int ifindex) {
        ByteBuffer b = ByteBuffer.allocate(4 * 8).order(ByteOrder.nativeOrder());
        instruction(b, BPF_ALU64_MOV_K, 2, 0, 0, ifindex);
        instruction(b, BPF_STX_MEM_W, 1, 2, BPF_SOCK_BOUND_DEV_IF, 0);
        instruction(b, BPF_ALU64_MOV_K, 0, 0, 0, 1);
        instruction(b, BPF_JMP_EXIT, 0, 0, 0, 0);
        return b.array();
    }

    private static void instruction(ByteBuffer b, int code, int dst, int src, int offset, int imm) {
        b.put((byte) code);
        b.put((byte) (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? (src << 4) | dst : (dst << 4) | src));
        b.putShort((short) offset);
        b.putInt(imm);
    }

    /** Loads the program that binds new sockets to {@code ifindex}; returns its file descriptor. */
    static int loadBindDeviceProgram(int ifindex) {
        try (Arena arena = Arena.ofConfined()) {
            byte[] code = bindDeviceProgram(ifindex);
            MemorySegment insns = arena.allocate(code.length, 8);
            MemorySegment.copy(code, 0, insns, ValueLayout.JAVA_BYTE, 0, code.length);
            MemorySegment license = arena.allocateFrom("GPL");
            int fd = (int) progLoad(arena, insns, code.length / 8, license, MemorySegment.NULL, 0);
            if (fd >= 0) {
                return fd;
            }
            int errno = -fd;
            String verifier = "";
            if (errno == Errno.EINVAL.number() || errno == Errno.EACCES.number()) {
                MemorySegment log = arena.allocate(64 * 1024);
                int again = (int) progLoad(arena, insns, code.length / 8, license, log, (int) log.byteSize());
                if (again >= 0) {
                    return again;
                }
                String text = log.getString(0, StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    verifier = "; verifier log: " + text;
                }
            }
            throw new CgroupBindingException("load BPF_PROG_TYPE_CGROUP_SOCK program (bind sockets to ifindex " + ifindex
                    + "): " + Errno.describe(errno) + ": " + loadHint(errno) + verifier, errno);
        }
    }

    private static long progLoad(Arena arena, MemorySegment insns, int count, MemorySegment license, MemorySegment log,
                                 int logSize) {
        MemorySegment attr = arena.allocate(72, 8);
        attr.set(ValueLayout.JAVA_INT, 0, BPF_PROG_TYPE_CGROUP_SOCK);
        attr.set(ValueLayout.JAVA_INT, 4, count);
        attr.set(ValueLayout.JAVA_LONG, 8, insns.address());
        attr.set(ValueLayout.JAVA_LONG, 16, license.address());
        attr.set(ValueLayout.JAVA_INT, 24, logSize == 0 ? 0 : 1);
        attr.set(ValueLayout.JAVA_INT, 28, logSize);
        attr.set(ValueLayout.JAVA_LONG, 32, log.address());
        byte[] name = "nftlink_vrf".getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(name, 0, attr, ValueLayout.JAVA_BYTE, 48, name.length);
        attr.set(ValueLayout.JAVA_INT, 68, BPF_CGROUP_INET_SOCK_CREATE);
        return bpf(arena, BPF_PROG_LOAD, attr);
    }

    private static String loadHint(int errno) {
        Errno e = Errno.of(errno);
        if (e == Errno.EPERM) {
            return "loading BPF programs needs CAP_BPF and CAP_NET_ADMIN (or CAP_SYS_ADMIN)";
        }
        if (e == Errno.ENOSYS) {
            return "the kernel has no bpf() system call (CONFIG_BPF_SYSCALL is not set)";
        }
        if (e == Errno.EINVAL) {
            return "the kernel refused a cgroup socket program (CONFIG_CGROUP_BPF is not set?)";
        }
        return "the kernel refused the program";
    }

    /** Attaches program {@code progFd} to the cgroup open as {@code cgroupFd}, replacing a program attached without flags. */
    static void attach(int cgroupFd, int progFd, Path cgroup) {
        try (Arena arena = Arena.ofConfined()) {
            long r = bpf(arena, BPF_PROG_ATTACH, attachAttr(arena, cgroupFd, progFd));
            if (r < 0) {
                int errno = (int) -r;
                throw new CgroupBindingException("attach BPF program to " + cgroup + " at BPF_CGROUP_INET_SOCK_CREATE: "
                        + Errno.describe(errno) + ": " + attachHint(errno), errno);
            }
        }
    }

    /** Detaches program {@code progFd} (or, with -1, the one attached without flags) from the cgroup. */
    static void detach(int cgroupFd, int progFd, Path cgroup) {
        try (Arena arena = Arena.ofConfined()) {
            long r = bpf(arena, BPF_PROG_DETACH, attachAttr(arena, cgroupFd, Math.max(progFd, 0)));
            if (r < 0) {
                int errno = (int) -r;
                throw new CgroupBindingException("detach BPF program from " + cgroup + ": " + Errno.describe(errno)
                        + (errno == Errno.ENOENT.number() ? ": no program is attached there" : ": " + attachHint(errno)),
                        errno);
            }
        }
    }

    private static MemorySegment attachAttr(Arena arena, int cgroupFd, int progFd) {
        MemorySegment attr = arena.allocate(20, 8);
        attr.set(ValueLayout.JAVA_INT, 0, cgroupFd);
        attr.set(ValueLayout.JAVA_INT, 4, progFd);
        attr.set(ValueLayout.JAVA_INT, 8, BPF_CGROUP_INET_SOCK_CREATE);
        attr.set(ValueLayout.JAVA_INT, 12, 0);
        return attr;
    }

    private static String attachHint(int errno) {
        Errno e = Errno.of(errno);
        if (e == Errno.EPERM) {
            return "attaching cgroup BPF programs needs CAP_NET_ADMIN and CAP_BPF (or CAP_SYS_ADMIN)";
        }
        if (e == Errno.EBADF || e == Errno.EINVAL) {
            return "the path is not a cgroup-v2 directory, or the kernel lacks CONFIG_CGROUP_BPF";
        }
        if (e == Errno.EEXIST) {
            return "another program is attached with different flags";
        }
        return "the kernel refused the attachment";
    }

    /** How many programs are attached to the cgroup at {@code BPF_CGROUP_INET_SOCK_CREATE} (not inherited ones). */
    static int attachedCount(int cgroupFd, Path cgroup) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(40, 8);
            attr.set(ValueLayout.JAVA_INT, 0, cgroupFd);
            attr.set(ValueLayout.JAVA_INT, 4, BPF_CGROUP_INET_SOCK_CREATE);
            long r = bpf(arena, BPF_PROG_QUERY, attr);
            if (r < 0) {
                int errno = (int) -r;
                throw new CgroupBindingException("query BPF programs of " + cgroup + ": " + Errno.describe(errno) + ": "
                        + attachHint(errno), errno);
            }
            return attr.get(ValueLayout.JAVA_INT, 24);
        }
    }

    /** {@code bpf(cmd, attr, size)}; returns the result, or the negated errno. */
    private static long bpf(Arena arena, int cmd, MemorySegment attr) {
        if (SYS_BPF < 0) {
            throw new CgroupBindingException("bpf(): no system call number known for architecture "
                    + System.getProperty("os.arch"), Errno.ENOSYS.number());
        }
        MemorySegment state = LinuxCalls.allocateCallState(arena);
        long r = LinuxCalls.syscall(state, SYS_BPF, cmd, attr, (int) attr.byteSize());
        return r < 0 ? -LinuxCalls.errno(state) : r;
    }

    /** Opens a cgroup directory read-only; returns its descriptor. */
    static int openCgroup(Path cgroup) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LinuxCalls.allocateCallState(arena);
            int fd = LinuxCalls.open(state, arena.allocateFrom(cgroup.toString()),
                    SocketConstants.O_RDONLY | SocketConstants.O_CLOEXEC, 0);
            if (fd < 0) {
                int errno = LinuxCalls.errno(state);
                throw new CgroupBindingException("open cgroup " + cgroup + ": " + Errno.describe(errno)
                        + (errno == Errno.ENOENT.number() ? ": no such cgroup" : ""), errno);
            }
            return fd;
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            LinuxCalls.close(LinuxCalls.allocateCallState(arena), fd);
        }
    }
}
