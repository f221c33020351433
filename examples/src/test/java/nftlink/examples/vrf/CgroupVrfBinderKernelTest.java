package nftlink.examples.vrf;

import nftlink.cgroup.CgroupGlob;
import nftlink.cgroup.CgroupHierarchy;
import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.CgroupResolver;
import nftlink.cgroup.CgroupTreeWatcher;
import nftlink.netlink.NetworkNamespace;
import nftlink.rtnetlink.Address;
import nftlink.rtnetlink.Link;
import nftlink.rtnetlink.RtNetlink;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import nftlink.vrf.CgroupVrfBinding;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unit's cgroup bound to a device when it appears: sockets opened in it are
 * bound to the device, sockets elsewhere are not, and the binder leaves nothing
 * attached behind. A veth stands in for the VRF device (this kernel has no VRF);
 * the VM test in the vrf module shows the same program isolating a VRF.
 */
@KernelTest
class CgroupVrfBinderKernelTest {

    private static String udpSocket(TestNamespace ns) {
        return "ip netns exec " + ns.name() + " bash -c 'exec 3<>/dev/udp/10.1.0.2/9; ss -uanH'";
    }

    private static List<String> inCgroup(Path cgroup, String command) {
        return List.of("sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec " + command);
    }

    @Test
    void matchingCgroupsAreBoundWhenTheyAppear(TestNamespace ns) throws Exception {
        CgroupHierarchy hierarchy = CgroupHierarchy.discover();
        CgroupResolver resolver = new CgroupResolver(hierarchy);
        String subtree = "nftlink-vrfbind-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        Path root = hierarchy.directory(CgroupPath.of(subtree));
        Files.createDirectory(root);
        Path mail = root.resolve("mail.service");
        Path web = root.resolve("web.service");
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            rt.createLink(Link.veth("veth0", "veth1"));
            int veth0 = rt.index("veth0");
            rt.addAddress(Address.of(veth0, "10.1.0.1/24"));
            rt.setUp(veth0, true);
            rt.setUp(rt.index("veth1"), true);

            try (CgroupVrfBinder binder = CgroupVrfBinder.start(resolver,
                    new CgroupTreeWatcher(resolver, CgroupPath.of(subtree)), CgroupGlob.parse(subtree + "/mail*.service"), veth0)) {
                Files.createDirectory(mail);
                Files.createDirectory(web);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (CgroupVrfBinding.attachedPrograms(mail) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(CgroupVrfBinding.attachedPrograms(mail)).isEqualTo(1);
                assertThat(CgroupVrfBinding.attachedPrograms(web)).isZero();
                assertThat(binder.bound()).containsExactly(CgroupPath.of(subtree + "/mail.service"));

                String inMail = TestNamespace.run(inCgroup(mail, udpSocket(ns)), null).orThrow();
                String inWeb = TestNamespace.run(inCgroup(web, udpSocket(ns)), null).orThrow();
                assertThat(inMail).contains("10.1.0.1%veth0:");
                assertThat(inWeb).contains("10.1.0.1:").doesNotContain("%veth0");
            }
            assertThat(CgroupVrfBinding.attachedPrograms(mail)).as("closing the binder detaches").isZero();
        } finally {
            Files.deleteIfExists(mail);
            Files.deleteIfExists(web);
            Files.deleteIfExists(root);
        }
    }
}
