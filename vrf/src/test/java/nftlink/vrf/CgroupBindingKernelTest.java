package nftlink.vrf;

import nftlink.netlink.Errno;
import nftlink.netlink.NetworkNamespace;
import nftlink.rtnetlink.Address;
import nftlink.rtnetlink.Link;
import nftlink.rtnetlink.RtNetlink;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cgroup BPF binding on the host kernel, with a veth as the bound device: a
 * process in the bound cgroup opens a socket bound to that veth, a process
 * outside is unaffected, and detaching ends it.
 */
@KernelTest
class CgroupBindingKernelTest {

    /** bash opens a connected UDP socket and lets ss print it (a bound device shows as ADDR%DEV). */
    private static String udpSocketAsSsShowsIt(TestNamespace ns) {
        return "ip netns exec " + ns.name() + " bash -c 'exec 3<>/dev/udp/10.1.0.2/9; ss -uanH'";
    }

    @Test
    void boundCgroupSocketsUseTheDevice(TestNamespace ns) {
        Path mount = Cgroups.cgroup2Mount();
        Assumptions.assumeTrue(mount != null || "true".equals(System.getenv("CI")), "no cgroup2 mount on this machine");
        Path cgroup = Cgroups.create(mount);
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            rt.createLink(Link.veth("veth0", "veth1"));
            int veth0 = rt.index("veth0");
            rt.addAddress(Address.of(veth0, "10.1.0.1/24"));
            rt.setUp(veth0, true);
            rt.setUp(rt.index("veth1"), true);

            CgroupVrfBinding binding = CgroupVrfBinding.bind(cgroup, veth0);
            assertEquals(1, CgroupVrfBinding.attachedPrograms(cgroup));
            String inside = TestNamespace.run(Cgroups.inCgroup(cgroup, udpSocketAsSsShowsIt(ns)), null).orThrow();
            String outside = TestNamespace.run(List.of("sh", "-c", udpSocketAsSsShowsIt(ns)), null).orThrow();
            assertTrue(inside.contains("10.1.0.1%veth0:"), inside);
            assertTrue(outside.contains("10.1.0.1:"), outside);
            assertFalse(outside.contains("%veth0"), outside);

            CgroupVrfBinding again = CgroupVrfBinding.bind(cgroup, veth0);
            assertEquals(1, CgroupVrfBinding.attachedPrograms(cgroup), "binding again replaces, not stacks");
            binding.close();
            again.detach();
            assertTrue(again.isDetached());
            assertEquals(0, CgroupVrfBinding.attachedPrograms(cgroup));
            String afterDetach = TestNamespace.run(Cgroups.inCgroup(cgroup, udpSocketAsSsShowsIt(ns)), null).orThrow();
            assertFalse(afterDetach.contains("%veth0"), afterDetach);

            CgroupBindingException none = assertThrows(CgroupBindingException.class, () -> CgroupVrfBinding.detachFrom(cgroup));
            assertTrue(none.getMessage().startsWith("detach BPF program from " + cgroup + ": ENOENT"), none.getMessage());
        } finally {
            Cgroups.remove(cgroup);
        }
    }

    @Test
    void withoutCapabilitiesTheErrorSaysWhichAreNeeded() throws Exception {
        Path mount = Cgroups.cgroup2Mount();
        Assumptions.assumeTrue(mount != null || "true".equals(System.getenv("CI")), "no cgroup2 mount on this machine");
        String classPath = String.join(java.io.File.pathSeparator,
                Path.of(BindAttempt.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Path.of(CgroupVrfBinding.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Path.of(nftlink.netlink.NetlinkSocket.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = TestNamespace.run(List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all", "--", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, BindAttempt.class.getName(), mount.toString(), "1"),
                null).orThrow();
        assertEquals("REFUSED load BPF_PROG_TYPE_CGROUP_SOCK program (bind sockets to ifindex 1): EPERM (Operation not "
                + "permitted): loading BPF programs needs CAP_BPF and CAP_NET_ADMIN (or CAP_SYS_ADMIN)\n", output);
    }

    @Test
    void errorsSayWhatIsMissing() {
        Path nowhere = Path.of("/sys/fs/cgroup/nftlink-no-such-cgroup");
        CgroupBindingException missing = assertThrows(CgroupBindingException.class, () -> CgroupVrfBinding.bind(nowhere, 1));
        assertEquals("open cgroup " + nowhere + ": ENOENT (No such file or directory): no such cgroup", missing.getMessage());
        assertEquals(Errno.ENOENT, missing.errno());
        assertEquals(Errno.ENOENT.number(), missing.errnoNumber());
        CgroupBindingException notCgroup = assertThrows(CgroupBindingException.class,
                () -> CgroupVrfBinding.bind(Path.of("/proc"), 1));
        assertTrue(notCgroup.getMessage().startsWith("attach BPF program to /proc at BPF_CGROUP_INET_SOCK_CREATE: "),
                notCgroup.getMessage());
        assertTrue(notCgroup.getMessage().contains("not a cgroup-v2 directory"), notCgroup.getMessage());
    }
}
