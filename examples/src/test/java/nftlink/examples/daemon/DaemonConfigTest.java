package nftlink.examples.daemon;

import nftlink.cgroup.CgroupPath;
import nftlink.netlink.NetworkNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonConfigTest {

    private static final Daemon.Config BASE = new Daemon.Config(List.of(Path.of("/etc/p.conf"), Path.of("/etc/p.d")), false,
            Path.of("/sys/fs/cgroup"), CgroupPath.of("a"), true, null, new InetSocketAddress("127.0.0.1", 53),
            Duration.ofSeconds(60), Duration.ofHours(1), false, false, true);

    @Test
    void eachWitherChangesItsOwnComponentsAndKeepsTheOthers() {
        NetworkNamespace ns = NetworkNamespace.current();
        InetSocketAddress server = new InetSocketAddress("127.0.0.2", 5353);
        assertThat(BASE.withEmptyReload(true)).isEqualTo(config(BASE.load(), BASE.cgroupRoot(), BASE.watchRoot(), null,
                BASE.dnsServer(), BASE.dnsFloor(), BASE.dnsCeiling(), true, false));
        assertThat(BASE.withLoad(true)).isEqualTo(config(true, BASE.cgroupRoot(), BASE.watchRoot(), null,
                BASE.dnsServer(), BASE.dnsFloor(), BASE.dnsCeiling(), false, false));
        assertThat(BASE.in(ns)).isEqualTo(config(false, BASE.cgroupRoot(), BASE.watchRoot(), ns,
                BASE.dnsServer(), BASE.dnsFloor(), BASE.dnsCeiling(), false, false));
        assertThat(BASE.watching(CgroupPath.of("b/c"))).isEqualTo(config(false, BASE.cgroupRoot(), CgroupPath.of("b/c"), null,
                BASE.dnsServer(), BASE.dnsFloor(), BASE.dnsCeiling(), false, false));
        assertThat(BASE.withCgroupRoot(Path.of("/mnt/cg"))).isEqualTo(config(false, Path.of("/mnt/cg"), BASE.watchRoot(), null,
                BASE.dnsServer(), BASE.dnsFloor(), BASE.dnsCeiling(), false, false));
        assertThat(BASE.withDns(server, Duration.ofSeconds(30), Duration.ofMinutes(5))).isEqualTo(config(false,
                BASE.cgroupRoot(), BASE.watchRoot(), null, server, Duration.ofSeconds(30), Duration.ofMinutes(5), false, false));
        assertThat(BASE.withFlushChains(true)).isEqualTo(config(false, BASE.cgroupRoot(), BASE.watchRoot(), null,
                BASE.dnsServer(), BASE.dnsFloor(), BASE.dnsCeiling(), false, true));
    }

    @Test
    void withDnsWithoutLimitsTakesTheDefaultOnes() {
        Daemon.Config c = BASE.withDns(null, null, null);
        assertThat(c.dnsServer()).isNull();
        assertThat(c.dnsFloor()).isEqualTo(Daemon.Config.of(Path.of("/p")).dnsFloor());
        assertThat(c.dnsCeiling()).isEqualTo(Daemon.Config.of(Path.of("/p")).dnsCeiling());
    }

    private static Daemon.Config config(boolean load, Path cgroupRoot, CgroupPath watchRoot, NetworkNamespace ns,
                                        InetSocketAddress server, Duration floor, Duration ceiling, boolean emptyReload,
                                        boolean flush) {
        return new Daemon.Config(BASE.policies(), load, cgroupRoot, watchRoot, BASE.journal(), ns, server, floor, ceiling,
                emptyReload, flush, BASE.resolveHostnames());
    }
}
