package nftlink.netlink.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The only owner of native method handles in nftlink: thin downcalls into the C
 * library for the Linux system calls the library needs.
 *
 * <p>Every call takes a {@code callState} segment (see {@link #allocateCallState})
 * into which the call's {@code errno} is captured; callers read it with
 * {@link #errno} when the return value says the call failed. A caller that makes
 * calls from one thread at a time may keep and reuse one call-state segment, so
 * hot calls ({@code sendto}, {@code recvfrom}) allocate nothing.
 *
 * <p>Not exported: other nftlink modules reach it through a qualified export.
 */
public final class LinuxCalls {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /**
     * Each downcall's handle, linked the first time the call is made: linking spins classes at run time that
     * no AOT cache holds, and most programs make only a few of these calls (a listing needs the socket
     * calls, not inotify, mount or setns).
     */
    private static final class Downcalls {
        private Downcalls() {
        }

        private static final class Socket {
            static final MethodHandle HANDLE = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        }

        private static final class Bind {
            static final MethodHandle HANDLE = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        }

        private static final class Getsockname {
            static final MethodHandle HANDLE = downcall("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        }

        private static final class Setsockopt {
            static final MethodHandle HANDLE = downcall("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        }

        private static final class Getsockopt {
            static final MethodHandle HANDLE = downcall("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        }

        private static final class Sendto {
            static final MethodHandle HANDLE = downcall("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
        }

        private static final class Recvfrom {
            static final MethodHandle HANDLE = downcall("recvfrom", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        }

        private static final class Close {
            static final MethodHandle HANDLE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        }

        private static final class Open {
            static final MethodHandle HANDLE = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        }

        private static final class Read {
            static final MethodHandle HANDLE = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        }

        private static final class Write {
            static final MethodHandle HANDLE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        }

        private static final class Eventfd {
            static final MethodHandle HANDLE = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        }

        private static final class Setns {
            static final MethodHandle HANDLE = downcall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        }

        private static final class Unshare {
            static final MethodHandle HANDLE = downcall("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        }

        private static final class Poll {
            static final MethodHandle HANDLE = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        }

        private static final class InotifyInit1 {
            static final MethodHandle HANDLE = downcall("inotify_init1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        }

        private static final class InotifyAddWatch {
            static final MethodHandle HANDLE = downcall("inotify_add_watch", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        }

        private static final class InotifyRmWatch {
            static final MethodHandle HANDLE = downcall("inotify_rm_watch", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        }

        private static final class Syscall3 {
            static final MethodHandle HANDLE = downcall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(1));
        }

        private static final class Mount {
            static final MethodHandle HANDLE = downcall("mount", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        }

        private static final class Umount2 {
            static final MethodHandle HANDLE = downcall("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        }

        private static final class Geteuid {
            static final MethodHandle HANDLE = downcall0("geteuid", FunctionDescriptor.of(JAVA_INT));
        }
    }


    private LinuxCalls() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("C library function not found: " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    private static MethodHandle downcall0(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("C library function not found: " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** A segment to capture {@code errno} into; reusable by one thread at a time. */
    public static MemorySegment allocateCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The {@code errno} captured by the last call made with this call state. */
    public static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    public static int socket(MemorySegment callState, int domain, int type, int protocol) {
        try {
            return (int) Downcalls.Socket.HANDLE.invokeExact(callState, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int bind(MemorySegment callState, int fd, MemorySegment address, int addressLength) {
        try {
            return (int) Downcalls.Bind.HANDLE.invokeExact(callState, fd, address, addressLength);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getsockname(MemorySegment callState, int fd, MemorySegment address, MemorySegment addressLength) {
        try {
            return (int) Downcalls.Getsockname.HANDLE.invokeExact(callState, fd, address, addressLength);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setsockopt(MemorySegment callState, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) Downcalls.Setsockopt.HANDLE.invokeExact(callState, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getsockopt(MemorySegment callState, int fd, int level, int name, MemorySegment value, MemorySegment length) {
        try {
            return (int) Downcalls.Getsockopt.HANDLE.invokeExact(callState, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long sendto(MemorySegment callState, int fd, MemorySegment buffer, long length, int flags,
                              MemorySegment address, int addressLength) {
        try {
            return (long) Downcalls.Sendto.HANDLE.invokeExact(callState, fd, buffer, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long recvfrom(MemorySegment callState, int fd, MemorySegment buffer, long length, int flags,
                                MemorySegment address, MemorySegment addressLength) {
        try {
            return (long) Downcalls.Recvfrom.HANDLE.invokeExact(callState, fd, buffer, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(MemorySegment callState, int fd) {
        try {
            return (int) Downcalls.Close.HANDLE.invokeExact(callState, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int open(MemorySegment callState, MemorySegment path, int flags, int mode) {
        try {
            return (int) Downcalls.Open.HANDLE.invokeExact(callState, path, flags, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long read(MemorySegment callState, int fd, MemorySegment buffer, long length) {
        try {
            return (long) Downcalls.Read.HANDLE.invokeExact(callState, fd, buffer, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code write(2)} of {@code length} bytes from {@code buffer}. */
    public static long write(MemorySegment callState, int fd, MemorySegment buffer, long length) {
        try {
            return (long) Downcalls.Write.HANDLE.invokeExact(callState, fd, buffer, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code eventfd(2)}: a counter descriptor that is readable while its count is above zero. */
    public static int eventfd(MemorySegment callState, int initialValue, int flags) {
        try {
            return (int) Downcalls.Eventfd.HANDLE.invokeExact(callState, initialValue, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setns(MemorySegment callState, int fd, int nsType) {
        try {
            return (int) Downcalls.Setns.HANDLE.invokeExact(callState, fd, nsType);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int unshare(MemorySegment callState, int flags) {
        try {
            return (int) Downcalls.Unshare.HANDLE.invokeExact(callState, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code poll(2)} on an array of {@code struct pollfd}. */
    public static int poll(MemorySegment callState, MemorySegment pollfds, long count, int timeoutMillis) {
        try {
            return (int) Downcalls.Poll.HANDLE.invokeExact(callState, pollfds, count, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int inotifyInit1(MemorySegment callState, int flags) {
        try {
            return (int) Downcalls.InotifyInit1.HANDLE.invokeExact(callState, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int inotifyAddWatch(MemorySegment callState, int fd, MemorySegment path, int mask) {
        try {
            return (int) Downcalls.InotifyAddWatch.HANDLE.invokeExact(callState, fd, path, mask);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int inotifyRmWatch(MemorySegment callState, int fd, int watch) {
        try {
            return (int) Downcalls.InotifyRmWatch.HANDLE.invokeExact(callState, fd, watch);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code syscall(number, int, void *, int)}, the shape of {@code bpf(2)}. */
    public static long syscall(MemorySegment callState, long number, int arg1, MemorySegment arg2, int arg3) {
        try {
            return (long) Downcalls.Syscall3.HANDLE.invokeExact(callState, number, arg1, arg2, arg3);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int mount(MemorySegment callState, MemorySegment source, MemorySegment target, MemorySegment fsType,
                            long flags, MemorySegment data) {
        try {
            return (int) Downcalls.Mount.HANDLE.invokeExact(callState, source, target, fsType, flags, data);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int umount2(MemorySegment callState, MemorySegment target, int flags) {
        try {
            return (int) Downcalls.Umount2.HANDLE.invokeExact(callState, target, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int geteuid() {
        try {
            return (int) Downcalls.Geteuid.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }

    /** Layout of {@code struct pollfd}. */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), ValueLayout.JAVA_SHORT.withName("events"), ValueLayout.JAVA_SHORT.withName("revents"));
}
