package nftlink.rtnetlink;

import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static nftlink.rtnetlink.LinkKernelTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Addresses, routes in non-main tables and policy rules made by the library as
 * {@code ip addr}, {@code ip route show table N} and {@code ip rule} show them, and
 * ones made by {@code ip} as the library lists them.
 */
@KernelTest
class AddressRouteRuleKernelTest {

    private static int vethUp(RtNetlink rt) {
        rt.createLink(Link.veth("veth0", "veth1"));
        int veth0 = rt.index("veth0");
        rt.setUp(veth0, true);
        rt.setUp(rt.index("veth1"), true);
        return veth0;
    }

    @Test
    void addresses(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            int veth0 = vethUp(rt);
            Address v4 = Address.of(veth0, "10.1.0.1/24");
            Address v6 = Address.of(veth0, "2001:db8::1/64").withFlags(IfAddr.IFA_F_NODAD);
            Address host = Address.of(veth0, "127.0.0.9/8").withScope(RtnetlinkUapi.RT_SCOPE_HOST);
            rt.addAddress(v4);
            rt.addAddress(v6);
            rt.addAddress(host);
            String shown = ip(ns, "addr", "show", "dev", "veth0");
            assertTrue(shown.contains("inet 10.1.0.1/24 scope global veth0\n"), shown);
            assertTrue(shown.contains("inet 127.0.0.9/8 scope host veth0\n"), shown);
            assertTrue(shown.contains("inet6 2001:db8::1/64 scope global nodad \n"), shown);

            ip(ns, "addr", "add", "10.2.0.1/16", "dev", "veth0");
            List<Address> listed = rt.addresses(IpFamily.INET, veth0);
            assertEquals(List.of("10.1.0.1/24", "10.2.0.1/16", "127.0.0.9/8"),
                    listed.stream().map(a -> a.local().toString()).sorted().toList());
            Address fromKernel = listed.stream().filter(a -> a.local().equals(v4.local())).findFirst().orElseThrow();
            assertEquals(v4.withFlags(IfAddr.IFA_F_PERMANENT), new Address(fromKernel.index(), fromKernel.local(),
                    fromKernel.peer(), fromKernel.scope(), fromKernel.flags(), null, List.of()));
            assertEquals("veth0", fromKernel.label());
            Address v6Listed = rt.addresses(IpFamily.INET6, veth0).stream()
                    .filter(a -> a.local().equals(v6.local())).findFirst().orElseThrow();
            assertEquals(IfAddr.IFA_F_NODAD | IfAddr.IFA_F_PERMANENT, v6Listed.flags());
            assertTrue(rt.addresses().size() >= 4);

            var dup = assertThrows(NetlinkKernelException.class, () -> rt.addAddress(v4));
            assertTrue(dup.getMessage().startsWith("add address 10.1.0.1/24 dev #" + veth0 + ": EEXIST"), dup.getMessage());

            rt.deleteAddress(v4);
            rt.deleteAddress(v6);
            String after = ip(ns, "addr", "show", "dev", "veth0");
            assertFalse(after.contains("10.1.0.1"), after);
            assertFalse(after.contains("2001:db8::1"), after);
            assertTrue(after.contains("10.2.0.1/16"), after);
        }
    }

    @Test
    void routesInNonMainTables(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            int veth0 = vethUp(rt);
            rt.addAddress(Address.of(veth0, "10.1.0.1/24"));
            rt.addAddress(Address.of(veth0, "2001:db8::1/64").withFlags(IfAddr.IFA_F_NODAD));

            Route dev = Route.viaDevice(Prefix.parse("10.9.0.0/16"), veth0, 100);
            Route gw = Route.viaGateway(Prefix.parse("10.8.0.0/16"), InetAddress.ofLiteral("10.1.0.2"), 100).withMetric(7);
            Route unreachable = Route.ofType(RouteType.UNREACHABLE, Prefix.parse("10.7.0.0/16"), 100);
            Route blackhole = Route.ofType(RouteType.BLACKHOLE, Prefix.parse("10.6.0.0/16"), 100);
            Route prohibit = Route.ofType(RouteType.PROHIBIT, Prefix.parse("10.5.0.0/16"), 1000);
            Route v6 = Route.viaDevice(Prefix.parse("2001:db8:1::/48"), veth0, 100);
            Route defaultRoute = Route.viaGateway(Route.defaultPrefix(IpFamily.INET), InetAddress.ofLiteral("10.1.0.254"), 100)
                    .withProtocol(RtnetlinkUapi.RTPROT_STATIC);
            for (Route r : List.of(dev, gw, unreachable, blackhole, prohibit, v6, defaultRoute)) {
                rt.addRoute(r);
            }

            assertEquals("""
                    default via 10.1.0.254 dev veth0 proto static\s
                    blackhole 10.6.0.0/16\s
                    unreachable 10.7.0.0/16\s
                    10.8.0.0/16 via 10.1.0.2 dev veth0 metric 7\s
                    10.9.0.0/16 dev veth0 scope link\s
                    """, ip(ns, "route", "show", "table", "100"));
            assertEquals("prohibit 10.5.0.0/16 \n", ip(ns, "route", "show", "table", "1000"));
            assertEquals("2001:db8:1::/48 dev veth0 metric 1024 pref medium\n", ip(ns, "-6", "route", "show", "table", "100"));

            List<Route> table100 = rt.routes(IpFamily.INET, 100);
            assertEquals(5, table100.size(), table100.toString());
            assertTrue(table100.contains(dev), table100.toString());
            assertTrue(table100.contains(unreachable), table100.toString());
            assertTrue(table100.contains(blackhole), table100.toString());
            assertTrue(table100.contains(gw.withOif(veth0)), table100.toString());
            assertTrue(table100.contains(defaultRoute.withOif(veth0)), table100.toString());
            assertEquals(List.of(prohibit), rt.routes(IpFamily.INET, 1000));
            Route v6Listed = rt.routes(IpFamily.INET6, 100).getFirst();
            assertEquals(v6.destination(), v6Listed.destination());
            assertEquals(1024, v6Listed.metric());
            assertEquals(List.of(), rt.routes(IpFamily.INET, 101));
            assertEquals(List.of(), rt.routes(IpFamily.INET6, 101));
            assertTrue(rt.routes(IpFamily.INET, RtnetlinkUapi.RT_TABLE_LOCAL).stream()
                    .anyMatch(r -> r.type() == RouteType.LOCAL && r.destination().equals(Prefix.parse("10.1.0.1/32"))));

            rt.replaceRoute(Route.viaGateway(Prefix.parse("10.9.0.0/16"), InetAddress.ofLiteral("10.1.0.3"), 100));
            assertTrue(ip(ns, "route", "show", "table", "100").contains("10.9.0.0/16 via 10.1.0.3 dev veth0 \n"));
            rt.deleteRoute(unreachable);
            rt.deleteRoute(rt.routes(IpFamily.INET6, 100).getFirst());
            assertFalse(ip(ns, "route", "show", "table", "100").contains("10.7.0.0"));
            assertEquals("", ip(ns, "-6", "route", "show", "table", "100"));

            ip(ns, "route", "add", "10.44.0.0/16", "via", "10.1.0.9", "table", "100", "proto", "static", "metric", "3");
            Route byIp = rt.routes(IpFamily.INET, 100).stream()
                    .filter(r -> r.destination().equals(Prefix.parse("10.44.0.0/16"))).findFirst().orElseThrow();
            assertEquals(new Route(IpFamily.INET, Prefix.parse("10.44.0.0/16"), null, 0, 100, RtnetlinkUapi.RTPROT_STATIC,
                    RtnetlinkUapi.RT_SCOPE_UNIVERSE, RouteType.UNICAST, 0, InetAddress.ofLiteral("10.1.0.9"), veth0, 3, null,
                    List.of()), byIp);

            var e = assertThrows(NetlinkKernelException.class, () -> rt.addRoute(
                    Route.viaGateway(Prefix.parse("10.50.0.0/16"), InetAddress.ofLiteral("192.0.2.1"), 100)));
            assertTrue(e.getMessage().startsWith("add route Route[10.50.0.0/16 via 192.0.2.1 table 100"), e.getMessage());
            assertTrue(e.getMessage().contains("kernel says \"Nexthop has invalid gateway\""), e.getMessage());
        }
    }

    @Test
    void policyRules(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            vethUp(rt);
            FibRule selectors = FibRule.lookup(IpFamily.INET, 100, 100)
                    .withFrom(Prefix.parse("10.0.0.0/8")).withTo(Prefix.parse("192.168.0.0/16"))
                    .withFwmark(0x10, 0xff).withIif("veth0").withOif("veth1")
                    .withUidRange(new UidRange(1000, 2000)).withIpProto(6)
                    .withPorts(new PortRange(1000, 2000), PortRange.of(80));
            FibRule l3mdev = FibRule.l3mdev(IpFamily.INET, 1000);
            FibRule unreachable = FibRule.l3mdevUnreachable(IpFamily.INET, 2000);
            FibRule prohibit = FibRule.of(IpFamily.INET, RuleAction.PROHIBIT).withPriority(3000).withFrom(Prefix.parse("10.99.0.0/16"));
            FibRule blackhole = FibRule.of(IpFamily.INET, RuleAction.BLACKHOLE).withPriority(3001).withTo(Prefix.parse("10.98.0.0/16"));
            FibRule bigTable = FibRule.lookup(IpFamily.INET, 3002, 5000).withFwmark(7, -1);
            FibRule v6 = FibRule.lookup(IpFamily.INET6, 300, 200).withFrom(Prefix.parse("2001:db8::/32"));
            for (FibRule r : List.of(selectors, l3mdev, unreachable, prohibit, blackhole, bigTable, v6,
                    FibRule.l3mdevUnreachable(IpFamily.INET6, 2000))) {
                rt.addRule(r);
            }
            assertEquals("""
                    0:\tfrom all lookup local
                    100:\tfrom 10.0.0.0/8 to 192.168.0.0/16 fwmark 0x10/0xff iif veth0 oif veth1 uidrange 1000-2000 ipproto tcp sport 1000-2000 dport 80 lookup 100
                    1000:\tfrom all lookup [l3mdev-table]
                    2000:\tfrom all lookup [l3mdev-table] unreachable
                    3000:\tfrom 10.99.0.0/16 prohibit
                    3001:\tfrom all to 10.98.0.0/16 blackhole
                    3002:\tfrom all fwmark 0x7 lookup 5000
                    32766:\tfrom all lookup main
                    32767:\tfrom all lookup default
                    """, ip(ns, "rule", "show"));
            assertEquals("""
                    0:\tfrom all lookup local
                    300:\tfrom 2001:db8::/32 lookup 200
                    2000:\tfrom all lookup [l3mdev-table] unreachable
                    32766:\tfrom all lookup main
                    """, ip(ns, "-6", "rule", "show"));

            List<FibRule> listed = rt.rules(IpFamily.INET).stream().map(r -> r.withoutUnknown().withProtocol(-1)).toList();
            for (FibRule r : List.of(selectors, l3mdev, unreachable, prohibit, blackhole)) {
                assertTrue(listed.contains(r), r + " not in " + listed);
            }
            // the kernel reports a mark without a mask with the all-ones mask it applies
            assertTrue(listed.contains(bigTable.withFwmark(7, 0xffffffffL)), listed.toString());
            assertEquals(List.of(0L, 100L, 1000L, 2000L, 3000L, 3001L, 3002L, 32766L, 32767L),
                    rt.rules(IpFamily.INET).stream().map(FibRule::effectivePriority).toList());
            assertTrue(rt.rules(IpFamily.INET6).stream().map(r -> r.withoutUnknown().withProtocol(-1)).toList().contains(v6));

            ip(ns, "rule", "add", "pref", "500", "fwmark", "7", "table", "7");
            FibRule byIp = rt.rules(IpFamily.INET).stream().filter(r -> r.priority() == 500).findFirst().orElseThrow();
            assertEquals(7, byIp.fwmark());
            assertEquals(7, byIp.table());
            assertEquals(RuleAction.TO_TBL, byIp.action());

            rt.deleteRule(selectors);
            rt.deleteRule(unreachable);
            String after = ip(ns, "rule", "show");
            assertFalse(after.contains("100:\t"), after);
            assertFalse(after.contains("unreachable"), after);

            var e = assertThrows(NetlinkKernelException.class, () -> rt.addRule(l3mdev.withTable(7).withPriority(1001)));
            assertTrue(e.getMessage().startsWith("add rule FibRule[inet 1001: from all lookup [l3mdev-table]]: EINVAL"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("kernel says"), e.getMessage());
        }
    }
}
