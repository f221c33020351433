package nftlink.netlink;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@KernelTest
class NetworkNamespaceKernelTest {

    private static Object currentThreadNamespace() throws Exception {
        return Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino");
    }

    @Test
    void namedNamespaceWorkRunsThereAndLeavesTheCallerWhereItWas(TestNamespace ns) throws Exception {
        Object before = currentThreadNamespace();
        Object expected = Files.getAttribute(Path.of("/var/run/netns", ns.name()), "unix:ino");
        try (NetworkNamespace named = ns.open()) {
            Object inside = named.call(NetworkNamespaceKernelTest::currentThreadNamespace);
            assertThat(inside).isEqualTo(expected).isNotEqualTo(before);
        }
        assertThat(currentThreadNamespace()).isEqualTo(before);
    }

    @Test
    void anonymousNamespaceIsFreshAndIsolated() throws Exception {
        Object host = currentThreadNamespace();
        try (NetworkNamespace a = NetworkNamespace.createAnonymous();
             NetworkNamespace b = NetworkNamespace.createAnonymous()) {
            Object inA = a.call(NetworkNamespaceKernelTest::currentThreadNamespace);
            Object inB = b.call(NetworkNamespaceKernelTest::currentThreadNamespace);
            assertThat(inA).isNotEqualTo(host).isNotEqualTo(inB);
            assertThat(a.call(NetworkNamespaceKernelTest::currentThreadNamespace)).isEqualTo(inA);
        }
        assertThat(currentThreadNamespace()).isEqualTo(host);
    }

    @Test
    void socketsStayInTheNamespaceTheyWereOpenedIn(TestNamespace ns) {
        try (NetworkNamespace named = ns.open();
             NetlinkSocket inside = NetlinkSocket.open(NetlinkProtocol.ROUTE, named);
             NetlinkSocket outside = NetlinkSocket.open(NetlinkProtocol.ROUTE)) {
            assertThat(inside.portId()).isNotZero();
            assertThat(outside.portId()).isNotZero();
            assertThat(inside.toString()).contains(ns.name());
        }
    }

    @Test
    void fileDescriptorNamespaceIsNotClosedByUs(TestNamespace ns) throws Exception {
        try (NetworkNamespace owner = ns.open()) {
            NetworkNamespace borrowed = NetworkNamespace.ofFileDescriptor(owner.fileDescriptor());
            Object viaBorrowed = borrowed.call(NetworkNamespaceKernelTest::currentThreadNamespace);
            borrowed.close();
            assertThat(owner.call(NetworkNamespaceKernelTest::currentThreadNamespace)).isEqualTo(viaBorrowed);
        }
    }

    @Test
    void missingNamespaceSaysSo() {
        assertThatThrownBy(() -> NetworkNamespace.named("nftlink-no-such-ns"))
                .isInstanceOf(NoSuchNamespaceException.class)
                .hasMessage("network namespace \"nftlink-no-such-ns\" does not exist (no /var/run/netns/nftlink-no-such-ns)");
        assertThatThrownBy(() -> NetworkNamespace.named("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkNamespace.ofPath(Path.of("/nonexistent/ns"))).isInstanceOf(NoSuchNamespaceException.class);
    }

    @Test
    void notANamespaceFileIsASystemCallError() {
        try (NetworkNamespace bogus = NetworkNamespace.ofPath(Path.of("/etc/hostname"))) {
            assertThatThrownBy(() -> bogus.call(() -> 1))
                    .isInstanceOf(SystemCallException.class)
                    .hasMessageContaining("setns(")
                    .hasMessageContaining("EINVAL");
        }
    }
}
