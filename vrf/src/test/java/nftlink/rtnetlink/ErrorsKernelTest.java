package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.DumpCollector;
import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Refusals name the operation, carry the kernel's extended-ACK text and the offending attribute by its header name. */
@KernelTest
class ErrorsKernelTest {

    @Test
    void errorsCarryOperationExtendedAckAndAttribute(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            rt.createLink(Link.veth("veth0", "veth1"));
            int veth0 = rt.index("veth0");

            NetlinkKernelException mtu = assertThrows(NetlinkKernelException.class, () -> rt.setMtu(veth0, 20));
            assertEquals("set link #" + veth0 + " mtu 20: EINVAL (Invalid argument): kernel says \"mtu less than device minimum\"",
                    mtu.getMessage());

            Route badOif = new Route(IpFamily.INET, Prefix.parse("10.0.0.0/8"), null, 0, 100, RtnetlinkUapi.RTPROT_BOOT,
                    RtnetlinkUapi.RT_SCOPE_LINK, RouteType.UNICAST, 0, null, 0, -1, null,
                    List.of(new RawAttribute(RtnetlinkUapi.RTA_OIF, new byte[] {1, 2})));
            NetlinkKernelException policy = assertThrows(NetlinkKernelException.class, () -> rt.addRoute(badOif));
            assertEquals(Errno.ERANGE, policy.errno());
            assertEquals("RTA_OIF", policy.attribute());
            assertEquals("add route Route[10.0.0.0/8 table 100 proto 3 scope 253]: ERANGE (Numerical result out of range): "
                    + "kernel says \"Attribute failed policy validation\" at RTA_OIF", policy.getMessage());

            NetlinkKernelException noDevice = assertThrows(NetlinkKernelException.class,
                    () -> rt.addAddress(Address.of(999, "10.0.0.1/8")));
            assertEquals(Errno.ENODEV, noDevice.errno());
            assertEquals("add address 10.0.0.1/8 dev #999: ENODEV (No such device): kernel says \"ipv4: Device not found\"",
                    noDevice.getMessage());

            NetlinkKernelException exclusive = assertThrows(NetlinkKernelException.class,
                    () -> rt.addRule(FibRule.l3mdev(IpFamily.INET, 7).withTable(5)));
            assertEquals("l3mdev and table are mutually exclusive", exclusive.kernelMessage());
        }
    }

    @Test
    void unknownLinkKindCarriesTheKernelsText(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            UnsupportedLinkKindException e = assertThrows(UnsupportedLinkKindException.class,
                    () -> rt.createLink(Link.of("x0", new LinkKind.Other("nosuchkind", List.of()))));
            assertEquals(Errno.EOPNOTSUPP, e.errno());
            assertEquals("Unknown device type", e.kernelMessage());
            assertEquals("create link x0 type nosuchkind: EOPNOTSUPP (Operation not supported): "
                    + "kernel says \"Unknown device type\": this kernel has no \"nosuchkind\" link type "
                    + "(the kernel option for \"nosuchkind\" is not enabled, or its module is not loaded)", e.getMessage());
        }
    }

    @Test
    void vethWithABadPeerNamesThePeerAttribute(TestNamespace ns) {
        byte[] peer = new byte[RtnetlinkUapi.IFINFOMSG_LEN];
        ByteBuffer.wrap(peer).order(ByteOrder.nativeOrder()).putInt(4, -1);
        Link veth = Link.of("v0", new LinkKind.Other("veth", List.of(new RawAttribute(IfLink.VETH_INFO_PEER, peer))));
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            NetlinkKernelException e = assertThrows(NetlinkKernelException.class, () -> rt.createLink(veth));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("ifindex can't be negative", e.kernelMessage());
            assertEquals("IFLA_LINKINFO > IFLA_INFO_DATA > VETH_INFO_PEER", e.attribute());
            assertEquals("create link v0 type veth: EINVAL (Invalid argument): kernel says \"ifindex can't be negative\""
                    + " at IFLA_LINKINFO > IFLA_INFO_DATA > VETH_INFO_PEER", e.getMessage());
        }
    }

    @Test
    void dumpRefusalCarriesTheKernelsText(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            NetlinkKernelException e = assertThrows(NetlinkKernelException.class, () -> rt.connection().dump(
                    (w, seq) -> RtMessages.dumpRoutes(w, seq, IpFamily.INET, 4242), () -> new DumpCollector<Integer>() {
                        private int count;

                        @Override
                        public void accept(NetlinkMessage message) {
                            count++;
                        }

                        @Override
                        public Integer result() {
                            return count;
                        }
                    }, "list routes ip table 4242", RtnetlinkUapi.RTMSG_LEN, null));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("list routes ip table 4242: ENOENT (No such file or directory): "
                    + "kernel says \"ipv4: FIB table does not exist\"", e.getMessage());
        }
    }
}
