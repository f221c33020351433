package nftlink.vrf;

import nftlink.netlink.NetworkNamespace;
import nftlink.rtnetlink.Address;
import nftlink.rtnetlink.IpFamily;
import nftlink.rtnetlink.Link;
import nftlink.rtnetlink.LinkKind;
import nftlink.rtnetlink.Prefix;
import nftlink.rtnetlink.Route;
import nftlink.rtnetlink.RtMonitor;
import nftlink.rtnetlink.RtNetlink;
import nftlink.rtnetlink.RtState;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The VRF scenario for a kernel with VRF support, run inside the VM by
 * {@link VrfVmTest} (it changes the machine's own network and cgroups, so never
 * run it on a real host). It reproduces the Alpine service-isolation example:
 * a VRF on table 10 with a veth into a peer namespace, the rule layout, a route
 * in the VRF's table, and a cgroup bound to the VRF whose processes reach the
 * VRF's network and get "Network is unreachable" outside it.
 *
 * <p>Prints {@code PASS name} or {@code FAIL name: detail} per check and exits
 * with status 1 when any check failed.
 */
public final class VrfScenario {

    private final List<String> failures = new ArrayList<>();

    private VrfScenario() {
    }

    public static void main(String[] args) throws Exception {
        VrfScenario s = new VrfScenario();
        try {
            s.run();
        } catch (Throwable t) {
            s.check("scenario completes", false, t.toString());
            t.printStackTrace(System.out);
        }
        System.out.println(s.failures.isEmpty() ? "ALL PASSED" : "FAILED: " + s.failures);
        System.exit(s.failures.isEmpty() ? 0 : 1);
    }

    private void check(String name, boolean ok, String detail) {
        if (ok) {
            System.out.println("PASS " + name);
        } else {
            System.out.println("FAIL " + name + ": " + detail);
            failures.add(name);
        }
    }

    private static String sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "TIMEOUT";
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private void run() throws Exception {
        sh("ip netns add peer");
        VrfSpec spec;
        try (RtNetlink rt = RtNetlink.open(); NetworkNamespace peerNs = NetworkNamespace.named("peer");
             RtNetlink peer = RtNetlink.open(peerNs)) {
            rt.createLink(Link.veth("veth0", "veth1"));
            rt.createLink(Link.veth("out0", "out1"));
            rt.moveToNamespace(rt.index("veth1"), peerNs);
            rt.moveToNamespace(rt.index("out1"), peerNs);
            int veth0 = rt.index("veth0");
            int out0 = rt.index("out0");
            rt.addAddress(Address.of(veth0, "10.20.30.1/24"));
            rt.addAddress(Address.of(out0, "192.168.77.1/24"));
            rt.setUp(veth0, true);
            rt.setUp(out0, true);
            int veth1 = peer.index("veth1");
            int out1 = peer.index("out1");
            peer.addAddress(Address.of(veth1, "10.20.30.2/24"));
            peer.addAddress(Address.of(out1, "192.168.77.2/24"));
            peer.setUp(veth1, true);
            peer.setUp(out1, true);
            peer.setUp(peer.index("lo"), true);
            peer.addAddress(Address.of(peer.index("lo"), "10.99.0.1/32"));
            peer.addRoute(Route.viaGateway(Prefix.parse("10.20.31.0/24"), InetAddress.ofLiteral("10.20.30.1"), 254));

            rt.createLink(Link.dummy("d0"));
            check("dummy link created and listed", rt.link("d0").orElseThrow().kindName().equals(Optional.of("dummy"))
                    && sh("ip -d link show d0").contains("dummy"), sh("ip -d link show d0"));

            spec = VrfSpec.of("vrf-blue", 10, "veth0").withRoutes(List.of(
                    Route.viaGateway(Prefix.parse("10.99.0.0/16"), InetAddress.ofLiteral("10.20.30.2"), 10)));
            VrfIsolation isolation = new VrfIsolation(rt);
            RtState mirror = new RtState();
            RtMonitor monitor = RtMonitor.open(NetworkNamespace.current(), mirror);
            List<String> changes = isolation.apply(spec);
            for (int i = 0; i < 100 && (mirror.link("vrf-blue").isEmpty() || mirror.link("veth0").orElseThrow().master() == 0
                    || mirror.routes(10).stream().noneMatch(r -> r.destination().equals(Prefix.parse("10.99.0.0/16")))); i++) {
                monitor.poll(Duration.ofMillis(200));
            }
            monitor.close();
            Link seen = mirror.link("vrf-blue").orElse(null);
            check("the monitor saw the VRF, its port and its route", seen != null && seen.kind().equals(new LinkKind.Vrf(10))
                    && mirror.link("veth0").orElseThrow().master() == seen.index() && mirror.rules().stream().anyMatch(r -> r.l3mdev()
                    && r.action() == nftlink.rtnetlink.RuleAction.UNREACHABLE), String.valueOf(seen));
            System.out.println("apply: " + changes);
            check("apply creates the VRF", changes.contains("created VRF vrf-blue on table 10"), changes.toString());
            String vrfShown = sh("ip -d link show vrf-blue");
            check("ip -d link shows the VRF table", vrfShown.contains("vrf table 10"), vrfShown);
            String slaveShown = sh("ip -d link show veth0");
            check("veth0 is a VRF port", slaveShown.contains("master vrf-blue") && slaveShown.contains("vrf_slave table 10"),
                    slaveShown);
            Link vrfLink = rt.links("vrf").stream().findFirst().orElseThrow();
            check("library lists the VRF", vrfLink.kind().equals(new LinkKind.Vrf(10)) && vrfLink.name().equals("vrf-blue"),
                    vrfLink.toString());
            Link port = rt.link("veth0").orElseThrow();
            check("library sees veth0's VRF table", port.master() == vrfLink.index()
                    && port.slave() != null && port.slave().vrfTable().orElse(-1) == 10, String.valueOf(port.slave()));
            String rules = sh("ip rule show");
            String expectedRules = """
                    1000:\tfrom all lookup [l3mdev-table]
                    2000:\tfrom all lookup [l3mdev-table] unreachable
                    32765:\tfrom all lookup local
                    32766:\tfrom all lookup main
                    32767:\tfrom all lookup default
                    """;
            check("ip rule shows the Alpine layout", rules.equals(expectedRules), rules);
            String rules6 = sh("ip -6 rule show");
            check("ip -6 rule shows the Alpine layout", rules6.contains("2000:\tfrom all lookup [l3mdev-table] unreachable")
                    && rules6.contains("32765:\tfrom all lookup local") && !rules6.startsWith("0:"), rules6);
            String table10 = sh("ip route show table 10");
            check("the VRF route is in table 10", table10.contains("10.99.0.0/16 via 10.20.30.2 dev veth0")
                    && table10.contains("10.20.30.0/24 dev veth0 proto kernel scope link src 10.20.30.1"), table10);
            check("library lists table 10", rt.routes(IpFamily.INET, 10).stream()
                    .anyMatch(r -> r.destination().equals(Prefix.parse("10.99.0.0/16"))), rt.routes(IpFamily.INET, 10).toString());
            String before = sh("ip -d link; ip rule; ip -6 rule; ip route show table 10; ip route show table main");
            List<String> again = isolation.apply(spec);
            check("apply is idempotent", again.isEmpty(), again.toString());
            String after = sh("ip -d link; ip rule; ip -6 rule; ip route show table 10; ip route show table main");
            check("a second apply changes nothing", before.equals(after), before + "\n---\n" + after);

            bindingChecks(rt.index("vrf-blue"));

            List<String> reverted = isolation.revert(spec);
            System.out.println("revert: " + reverted);
            check("revert deletes the VRF", rt.link("vrf-blue").isEmpty(), reverted.toString());
            String rulesAfter = sh("ip rule show");
            check("revert restores the local rule", rulesAfter.equals("""
                    0:\tfrom all lookup local
                    1000:\tfrom all lookup [l3mdev-table]
                    32766:\tfrom all lookup main
                    32767:\tfrom all lookup default
                    """), rulesAfter);
            check("revert is idempotent", isolation.revert(spec).isEmpty(), "changes on second revert");
            check("veth0 released", rt.link("veth0").orElseThrow().master() == 0, rt.link("veth0").toString());
        }
    }

    private static Path cgroup2Mount() throws IOException, InterruptedException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            int dash = line.indexOf(" - ");
            if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ")) {
                return Path.of(line.split(" ")[4]);
            }
        }
        sh("mkdir -p /sys/fs/cgroup && mount -t cgroup2 none /sys/fs/cgroup");
        return Path.of("/sys/fs/cgroup");
    }

    /** bash's /dev/tcp connect to port 7 where nothing listens: reachable peers answer "Connection refused". */
    private static String connect(Path cgroup, String address) throws IOException, InterruptedException {
        String attempt = "bash -c 'exec 3<>/dev/tcp/" + address + "/7' 2>&1";
        return sh(cgroup == null ? attempt : "echo $$ > " + cgroup.resolve("cgroup.procs") + " && " + attempt);
    }

    private void bindingChecks(int vrfIndex) throws Exception {
        Path cgroup = cgroup2Mount().resolve("vrf-blue-app");
        Files.createDirectories(cgroup);
        CgroupVrfBinding binding = CgroupVrfBinding.bind(cgroup, vrfIndex);
        String inside = connect(cgroup, "10.20.30.2");
        check("bound process reaches the VRF's network", inside.contains("Connection refused"), inside);
        String beyond = connect(cgroup, "10.99.0.1");
        check("bound process follows the VRF's routes", beyond.contains("Connection refused"), beyond);
        String outside = connect(cgroup, "192.168.77.2");
        check("bound process gets Network is unreachable outside the VRF", outside.contains("Network is unreachable"),
                outside);
        String unbound = connect(null, "192.168.77.2");
        check("unbound process reaches the default network", unbound.contains("Connection refused"), unbound);
        String unboundVrf = connect(null, "10.20.30.2");
        check("unbound process cannot reach the VRF's network", unboundVrf.contains("Network is unreachable"), unboundVrf);
        binding.detach();
        String detached = connect(cgroup, "192.168.77.2");
        check("after detach the cgroup is unbound", detached.contains("Connection refused"), detached);
        Files.delete(cgroup);
    }
}
