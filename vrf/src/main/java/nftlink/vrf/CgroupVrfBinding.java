package nftlink.vrf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Binds every IPv4/IPv6 socket created by the processes of a cgroup to one
 * network device, the way {@code ip vrf exec} does: a tiny
 * {@code BPF_PROG_TYPE_CGROUP_SOCK} program that sets the new socket's bound
 * device ({@code sk_bound_dev_if}) is loaded with {@code bpf(2)} and attached to
 * the cgroup at {@code BPF_CGROUP_INET_SOCK_CREATE}. Bound to a VRF device, the
 * processes route through the VRF's table without being changed themselves, so
 * a systemd unit's cgroup can be put into a VRF from outside.
 *
 * <pre>{@code
 * int vrf = rt.index("vrf-blue");
 * CgroupVrfBinding binding = CgroupVrfBinding.bind(Path.of("/sys/fs/cgroup/system.slice/app.service"), vrf);
 * ...
 * binding.detach();
 * }</pre>
 *
 * <p>The attachment is made without flags, so it replaces an earlier binding of
 * the same cgroup and outlives this object and the JVM; {@link #detach} or
 * {@link #detachFrom} removes it. The device index is that of the network
 * namespace the sockets are created in. Needs CAP_BPF and CAP_NET_ADMIN (or
 * CAP_SYS_ADMIN) and a kernel with {@code CONFIG_CGROUP_BPF}; failures say which
 * is missing.
 */
public final class CgroupVrfBinding implements AutoCloseable {

    private final Path cgroup;
    private final int ifindex;
    private int programFd;
    private boolean detached;

    private CgroupVrfBinding(Path cgroup, int ifindex, int programFd) {
        this.cgroup = cgroup;
        this.ifindex = ifindex;
        this.programFd = programFd;
    }

    /**
     * Binds new sockets of the processes in {@code cgroup} (a cgroup-v2 directory)
     * to device {@code ifindex}.
     *
     * @param cgroup the cgroup directory
     * @param ifindex the device's interface index (a VRF)
     * @return the binding; {@link #detach} removes it
     * @throws CgroupBindingException when the cgroup, the kernel or the caller's privileges do not allow it
     */
    public static CgroupVrfBinding bind(Path cgroup, int ifindex) {
        Objects.requireNonNull(cgroup, "cgroup");
        if (ifindex <= 0) {
            throw new IllegalArgumentException("device index must be positive: " + ifindex);
        }
        int cgroupFd = Bpf.openCgroup(cgroup);
        try {
            int prog = Bpf.loadBindDeviceProgram(ifindex);
            try {
                Bpf.attach(cgroupFd, prog, cgroup);
            } catch (RuntimeException e) {
                Bpf.close(prog);
                throw e;
            }
            return new CgroupVrfBinding(cgroup, ifindex, prog);
        } finally {
            Bpf.close(cgroupFd);
        }
    }

    /**
     * Removes whatever binding program is attached to {@code cgroup} without flags
     * (one made by this class, by an earlier run, or by {@code ip vrf exec}).
     *
     * @param cgroup the cgroup directory
     * @throws CgroupBindingException when nothing is attached or the kernel refuses
     */
    public static void detachFrom(Path cgroup) {
        int cgroupFd = Bpf.openCgroup(cgroup);
        try {
            Bpf.detach(cgroupFd, -1, cgroup);
        } finally {
            Bpf.close(cgroupFd);
        }
    }

    /**
     * How many socket-creation programs are attached directly to {@code cgroup}.
     *
     * @param cgroup the cgroup directory
     * @return the number of programs
     */
    public static int attachedPrograms(Path cgroup) {
        int cgroupFd = Bpf.openCgroup(cgroup);
        try {
            return Bpf.attachedCount(cgroupFd, cgroup);
        } finally {
            Bpf.close(cgroupFd);
        }
    }

    /**
     * The cgroup directory.
     *
     * @return the directory
     */
    public Path cgroup() {
        return cgroup;
    }

    /**
     * The device index sockets are bound to.
     *
     * @return the interface index
     */
    public int ifindex() {
        return ifindex;
    }

    /**
     * Whether {@link #detach} has been called.
     *
     * @return whether the binding was detached
     */
    public boolean isDetached() {
        return detached;
    }

    /**
     * Detaches the program from the cgroup; new sockets are no longer bound.
     * Idempotent. After {@link #close} it detaches whatever program is attached
     * to the cgroup without flags.
     */
    public void detach() {
        if (detached) {
            return;
        }
        int cgroupFd = Bpf.openCgroup(cgroup);
        try {
            Bpf.detach(cgroupFd, programFd, cgroup);
            detached = true;
        } finally {
            Bpf.close(cgroupFd);
            close();
        }
    }

    /** Releases the program's descriptor, leaving the binding attached (it outlives the JVM). */
    @Override
    public void close() {
        if (programFd >= 0) {
            Bpf.close(programFd);
            programFd = -1;
        }
    }

    @Override
    public String toString() {
        return "CgroupVrfBinding[" + cgroup + " -> ifindex " + ifindex + (detached ? ", detached" : "") + "]";
    }
}
