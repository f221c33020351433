package nftlink.rtnetlink;

import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static nftlink.rtnetlink.LinkKernelTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * List-then-subscribe monitoring: a mirror fed by {@link RtMonitor} equals a fresh
 * dump after changes made by {@code ip}, also when the kernel dropped
 * notifications (ENOBUFS) and the monitor had to resynchronise.
 */
@KernelTest
class MonitorKernelTest {

    /** Polls until a link named {@code name} is in the mirror; the kernel delivers notifications in order. */
    private static void awaitLink(RtMonitor monitor, RtState state, String name) {
        for (int i = 0; i < 600 && state.link(name).isEmpty(); i++) {
            monitor.poll(Duration.ofMillis(100));
        }
        assertTrue(state.link(name).isPresent(), "no notification for link " + name + " arrived");
    }

    private static Set<String> describe(RtState state) {
        return describe(state.links(), state.addresses(), state.routes(), state.rules());
    }

    private static Set<String> describe(List<Link> links, List<Address> addresses, List<Route> routes, List<FibRule> rules) {
        Set<String> out = new TreeSet<>();
        links.forEach(l -> out.add("link " + l.index() + " " + l.name() + " " + l.kindName().orElse(null) + " master " + l.master()
                + " up " + l.isUp() + " mtu " + l.mtu()));
        addresses.forEach(a -> out.add("addr " + a.index() + " " + a.local() + " scope " + a.scope()));
        routes.forEach(r -> out.add("route " + r.withoutUnknown()));
        rules.forEach(r -> out.add("rule " + r.withoutUnknown()));
        return out;
    }

    private static Set<String> dump(NetworkNamespace ns) {
        try (RtNetlink rt = RtNetlink.open(ns)) {
            List<Address> addresses = new ArrayList<>(rt.addresses());
            List<Route> routes = new ArrayList<>(rt.routes(IpFamily.INET, 0));
            routes.addAll(rt.routes(IpFamily.INET6, 0));
            List<FibRule> rules = new ArrayList<>(rt.rules(IpFamily.INET));
            rules.addAll(rt.rules(IpFamily.INET6));
            return describe(rt.links(), addresses, routes, rules);
        }
    }

    @Test
    void mirrorFollowsChangesWithoutMissingAny(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            rt.createLink(Link.veth("veth0", "veth1"));
            rt.setUp(rt.index("veth0"), true);
            rt.addAddress(Address.of(rt.index("veth0"), "10.1.0.1/24"));
            RtState state = new RtState();
            List<RtEvent> events = new ArrayList<>();
            RtListener recorder = new RtListener() {
                @Override
                public void onSnapshot(RtSnapshot snapshot) {
                    state.onSnapshot(snapshot);
                }

                @Override
                public void onEvent(RtEvent event) {
                    events.add(event);
                    state.onEvent(event);
                }
            };
            try (RtMonitor monitor = RtMonitor.open(handle, recorder)) {
                assertEquals(1, state.snapshots());
                assertTrue(state.hasAddress(java.net.InetAddress.ofLiteral("10.1.0.1")));
                ip(ns, "-6", "rule", "add", "pref", "2001", "from", "2001:db8::/32", "prohibit");
                TestNamespace.run(List.of("ip", "-n", ns.name(), "-batch", "-"), """
                        addr add 10.2.0.1/24 dev veth0
                        addr add 2001:db8::1/64 dev veth0 nodad
                        route add 10.9.0.0/16 dev veth0 table 100
                        route add unreachable 10.8.0.0/16 table 100
                        route add 2001:db8:9::/48 dev veth0 table 100
                        rule add pref 1000 l3mdev
                        rule add pref 2000 l3mdev unreachable
                        rule add pref 3000 from 10.2.0.0/24 table 100
                        link add br0 type bridge
                        link set veth1 master br0
                        route del unreachable 10.8.0.0/16 table 100
                        rule del pref 3000
                        addr del 10.1.0.1/24 dev veth0
                        link add barrier type bridge
                        """).orThrow();
                awaitLink(monitor, state, "barrier");
                assertEquals(dump(handle), describe(state));
                assertEquals(1, state.snapshots());
                assertTrue(events.stream().anyMatch(e -> e.change() == RtEvent.Change.DELETED
                        && e.object() instanceof FibRule r && r.priority() == 3000), events.toString());
                assertTrue(events.stream().anyMatch(e -> e.change() == RtEvent.Change.NEW
                        && e.object() instanceof Route r && r.table() == 100 && r.type() == RouteType.UNREACHABLE));
                assertTrue(state.rules().stream().anyMatch(r -> r.action() == RuleAction.PROHIBIT
                        && r.family() == IpFamily.INET6 && r.priority() == 2001));
                assertEquals(state.link("br0").orElseThrow().index(), state.link("veth1").orElseThrow().master());
            }
        }
    }

    @Test
    void lostNotificationsTriggerAResync(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            rt.createLink(Link.veth("veth0", "veth1"));
            rt.setUp(rt.index("veth0"), true);
            RtState state = new RtState();
            try (RtMonitor monitor = RtMonitor.open(handle, state)) {
                monitor.socket().setReceiveBufferSize(1, false);
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < 300; i++) {
                    batch.append("route add 10.").append(i / 250).append('.').append(i % 250).append(".0/24 dev veth0 table 100\n");
                }
                batch.append("link add barrier type bridge\n");
                TestNamespace.run(List.of("ip", "-n", ns.name(), "-batch", "-"), batch.toString()).orThrow();
                awaitLink(monitor, state, "barrier");
                assertTrue(monitor.resyncs() >= 1, "the tiny receive buffer should have overflowed");
                assertTrue(state.snapshots() >= 2);
                assertEquals(300, state.routes(100).size());
                assertEquals(dump(handle), describe(state));
            }
        }
    }

    /** close() frees the receive buffer with the socket: polling afterwards fails, closing again does nothing (#19). */
    @Test
    void closeReleasesTheMonitor(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open()) {
            RtMonitor monitor = RtMonitor.open(handle, new RtState());
            monitor.close();
            assertThrows(IllegalStateException.class, () -> monitor.poll(Duration.ZERO));
            monitor.close();
        }
    }
}
