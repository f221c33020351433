package nftlink.netlink;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@KernelTest
class NetlinkSocketKernelTest {

    @Test
    void bufferSizesCanBeForcedBeyondTheSysctlLimit(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.NETFILTER, n)) {
            int size = 16 << 20;
            assertThat(s.setReceiveBufferSize(size, true)).isGreaterThanOrEqualTo(size);
            assertThat(s.setSendBufferSize(size, true)).isGreaterThanOrEqualTo(size);
        }
    }

    @Test
    void optionsAndGroupsAreAccepted(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, n)) {
            s.setExtendedAck(true);
            s.setCapAck(true);
            s.setStrictCheck(true);
            s.joinGroup(1);   // RTNLGRP_LINK
            s.leaveGroup(1);
            assertThatThrownBy(() -> s.joinGroup(100_000)).isInstanceOf(SystemCallException.class)
                    .hasMessageContaining("NETLINK_ADD_MEMBERSHIP");
        }
    }

    @Test
    void connectionsAskForExtendedAcks(TestNamespace ns) {
        try (NetworkNamespace n = ns.open()) {
            for (NetlinkProtocol protocol : new NetlinkProtocol[] {NetlinkProtocol.NETFILTER, NetlinkProtocol.ROUTE}) {
                try (NetlinkSocket plain = NetlinkSocket.open(protocol, n);
                     NetlinkConnection connection = NetlinkConnection.open(protocol, n)) {
                    assertThat(plain.extendedAcks()).as("a bare socket, %s", protocol).isFalse();
                    assertThat(connection.socket().extendedAcks()).as("a connection, %s", protocol).isTrue();
                }
            }
        }
    }

    @Test
    void receiveNowReturnsMinusOneWhenNothingIsQueued(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, n);
             Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192);
            assertThat(s.receiveNow(buffer)).isEqualTo(-1);
            assertThat(s.awaitReadable(10)).isFalse();
        }
    }

    @Test
    void kernelAnswersAnAckedRequestWithItsSequenceNumber(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); NetlinkConnection c = NetlinkConnection.open(NetlinkProtocol.ROUTE, n)) {
            // RTM_GETLINK for ifindex 1 (lo): struct ifinfomsg is 16 bytes
            int[] replies = {0};
            c.execute((w, seq) -> {
                int m = w.beginMessage(18, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq);
                w.putU8(0).putU8(0).putU16(0).putU32(1).putU32(0).putU32(0);
                w.endMessage(m);
            }, "get link 1", 16, null, msg -> replies[0]++);
            assertThat(replies[0]).isEqualTo(1);
        }
    }

    @Test
    void closedSocketRefusesUse(TestNamespace ns) {
        NetlinkSocket s;
        try (NetworkNamespace n = ns.open()) {
            s = NetlinkSocket.open(NetlinkProtocol.ROUTE, n);
        }
        s.close();
        s.close();
        assertThatThrownBy(s::receiveBufferSize).isInstanceOf(IllegalStateException.class);
    }
}
