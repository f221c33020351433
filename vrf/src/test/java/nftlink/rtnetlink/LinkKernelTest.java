package nftlink.rtnetlink;

import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Links made by the library as {@code ip -d link} shows them, and links made by {@code ip} as the library lists them. */
@KernelTest
class LinkKernelTest {

    static String ip(TestNamespace ns, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return ns.exec(cmd).orThrow();
    }

    @Test
    void vethBridgeMacvlanLifecycle(TestNamespace ns, TestNamespace other) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            rt.createLink(Link.veth("veth0", "veth1"));
            rt.createLink(Link.bridge("br0"));
            int veth0 = rt.index("veth0");
            int veth1 = rt.index("veth1");
            int br0 = rt.index("br0");
            rt.createLink(Link.macvlan("mv0", veth0, IfLink.MACVLAN_MODE_BRIDGE));

            assertTrue(ip(ns, "-d", "link", "show", "veth0").contains("veth0@veth1:"));
            assertTrue(ip(ns, "-d", "link", "show", "veth0").lines().anyMatch(l -> l.strip().startsWith("veth ")));
            assertTrue(ip(ns, "-d", "link", "show", "mv0").contains("macvlan mode bridge"));
            assertTrue(ip(ns, "-d", "link", "show", "br0").contains("bridge forward_delay"));

            Link listedVeth = rt.link("veth0").orElseThrow();
            assertEquals(new LinkKind.Veth(null), listedVeth.kind());
            assertEquals(veth1, listedVeth.parent());
            Link listedBridge = rt.link(br0).orElseThrow();
            LinkKind.Bridge bridge = assertInstanceOf(LinkKind.Bridge.class, listedBridge.kind());
            assertEquals(0, bridge.stpState());
            assertEquals(false, bridge.vlanFiltering());
            Link mv0 = rt.link("mv0").orElseThrow();
            assertEquals(new LinkKind.Macvlan(IfLink.MACVLAN_MODE_BRIDGE), new LinkKind.Macvlan(
                    ((LinkKind.Macvlan) mv0.kind()).mode()));
            assertEquals(veth0, mv0.parent());
            assertEquals(List.of("br0", "lo", "mv0", "veth0", "veth1"),
                    rt.links().stream().map(Link::name).sorted().toList());
            assertEquals(List.of("veth0", "veth1"), rt.links("veth").stream().map(Link::name).sorted().toList());

            rt.setUp(veth0, true);
            rt.setMtu(veth0, 1400);
            assertTrue(ip(ns, "link", "show", "veth0").contains("mtu 1400"));
            assertTrue(ip(ns, "link", "show", "veth0").contains(",UP"));
            assertTrue(rt.link(veth0).orElseThrow().isUp());
            rt.setUp(veth0, false);
            assertFalse(ip(ns, "link", "show", "veth0").contains(",UP"));

            rt.setMaster(veth1, br0);
            assertTrue(ip(ns, "link", "show", "veth1").contains("master br0"));
            assertEquals(List.of("veth1"), rt.linksOfMaster(br0).stream().map(Link::name).toList());
            assertEquals("bridge", rt.link(veth1).orElseThrow().slave().kind());
            rt.release(veth1);
            assertFalse(ip(ns, "link", "show", "veth1").contains("master"));
            assertEquals(0, rt.link(veth1).orElseThrow().master());

            rt.rename(mv0.index(), "mv1");
            assertTrue(ip(ns, "link", "show", "mv1").contains("mv1@veth0"));

            rt.deleteLink(rt.index("mv1"));
            assertTrue(rt.link("mv1").isEmpty());

            try (NetworkNamespace target = other.open()) {
                rt.moveToNamespace(veth1, target);
            }
            assertTrue(rt.link("veth1").isEmpty());
            assertTrue(ip(other, "link", "show", "veth1").contains("veth1@"));
        }
    }

    @Test
    void linksMadeByIpAreListed(TestNamespace ns) {
        ip(ns, "link", "add", "vethA", "mtu", "1300", "type", "veth", "peer", "name", "vethB");
        ip(ns, "link", "add", "brX", "type", "bridge", "stp_state", "1");
        ip(ns, "link", "set", "vethA", "master", "brX", "up");
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            Link a = rt.link("vethA").orElseThrow();
            Link br = rt.link("brX").orElseThrow();
            assertEquals(Optional.of("veth"), a.kindName());
            assertEquals(1300, a.mtu());
            assertEquals(br.index(), a.master());
            assertTrue(a.isUp());
            assertEquals(1, ((LinkKind.Bridge) br.kind()).stpState());
            assertEquals(rt.index("vethB"), a.parent());
            String mac = a.hardwareAddress().orElseThrow();
            assertTrue(ip(ns, "link", "show", "vethA").contains("link/ether " + mac + " "), mac);
            assertTrue(a.operState().orElseThrow() <= IfLink.IF_OPER_UP);
        }
    }

    @Test
    void missingLinkKindSaysWhichKernelOptionIsMissing(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            boolean kernelHasVrf = ns.exec("ip", "link", "add", "probe", "type", "vrf", "table", "9").exitCode() == 0;
            if (kernelHasVrf) {
                rt.createLink(Link.vrf("vrf-blue", 10));
                assertEquals(10, rt.link("vrf-blue").orElseThrow().vrfTable().orElseThrow());
                assertTrue(ip(ns, "-d", "link", "show", "vrf-blue").contains("vrf table 10"));
            } else {
                UnsupportedLinkKindException e = assertThrows(UnsupportedLinkKindException.class,
                        () -> rt.createLink(Link.vrf("vrf-blue", 10)));
                assertEquals("create link vrf-blue type vrf table 10: EOPNOTSUPP (Operation not supported): "
                        + "kernel says \"Unknown device type\": this kernel has no \"vrf\" link type "
                        + "(CONFIG_NET_VRF is not enabled, or its module is not loaded)", e.getMessage());
                assertEquals("vrf", e.kind());
            }
        }
    }

    @Test
    void errorsNameTheOperation(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            rt.createLink(Link.veth("veth0", "veth1"));
            var e = assertThrows(nftlink.netlink.NetlinkKernelException.class,
                    () -> rt.createLink(Link.veth("veth0", "veth9")));
            assertTrue(e.getMessage().startsWith("create link veth0 type veth peer veth9: EEXIST (File exists)"),
                    e.getMessage());
            var missing = assertThrows(nftlink.netlink.NetlinkKernelException.class, () -> rt.setMaster(rt.index("veth0"), 999));
            assertTrue(missing.getMessage().startsWith("set link #" + rt.index("veth0") + " master #999: "), missing.getMessage());
        }
    }
}
