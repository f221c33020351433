package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each wither of {@link FibRule} and {@link Route} changes its own components and keeps every other one. */
class WithersTest {

    @Test
    void fibRuleWithersChangeOnlyTheirComponents() {
        FibRule base = new FibRule(IpFamily.INET, 100, 10, RuleAction.TO_TBL, Prefix.parse("10.0.0.0/8"),
                Prefix.parse("192.168.0.0/16"), 4, "eth0", "eth1", 7, 0xff, false, new UidRange(1000, 2000), 3, 6,
                new PortRange(1, 2), new PortRange(3, 4), 0, List.of(new RawAttribute(99, new byte[]{1})));
        Prefix from = Prefix.parse("172.16.0.0/12");
        Prefix to = Prefix.parse("10.1.0.0/16");
        UidRange uids = new UidRange(5, 6);
        PortRange sport = new PortRange(10, 20);
        PortRange dport = new PortRange(30, 40);

        assertThat(base.withPriority(200)).isEqualTo(copy(base, 200, base.table(), base.action(), base.from(), base.to(),
                base.iif(), base.oif(), base.fwmark(), base.fwmask(), base.l3mdev(), base.uidRange(), base.protocol(),
                base.ipProto(), base.sport(), base.dport(), base.flags(), base.unknown()));
        assertThat(base.withTable(20).table()).isEqualTo(20);
        assertThat(base.withAction(RuleAction.GOTO).action()).isEqualTo(RuleAction.GOTO);
        assertThat(base.withFrom(from).from()).isEqualTo(from);
        assertThat(base.withTo(to).to()).isEqualTo(to);
        assertThat(base.withIif("lo").iif()).isEqualTo("lo");
        assertThat(base.withOif("vrf0").oif()).isEqualTo("vrf0");
        FibRule marked = base.withFwmark(0x10, 0xf0);
        assertThat(List.of(marked.fwmark(), marked.fwmask())).containsExactly(0x10L, 0xf0L);
        assertThat(base.withL3mdev(true).l3mdev()).isTrue();
        assertThat(base.withUidRange(uids).uidRange()).isEqualTo(uids);
        assertThat(base.withIpProto(17).ipProto()).isEqualTo(17);
        FibRule ported = base.withPorts(sport, dport);
        assertThat(List.of(ported.sport(), ported.dport())).containsExactly(sport, dport);
        assertThat(base.withProtocol(4).protocol()).isEqualTo(4);
        assertThat(base.withFlags(2).flags()).isEqualTo(2);
        assertThat(base.withoutUnknown().unknown()).isEmpty();

        FibRule all = base.withTable(20).withAction(RuleAction.GOTO).withFrom(from).withTo(to).withIif("lo")
                .withOif("vrf0").withFwmark(0x10, 0xf0).withL3mdev(true).withUidRange(uids).withIpProto(17)
                .withPorts(sport, dport).withProtocol(4).withFlags(2).withoutUnknown();
        assertThat(all).isEqualTo(copy(base, base.priority(), 20, RuleAction.GOTO, from, to, "lo", "vrf0", 0x10, 0xf0,
                true, uids, 4, 17, sport, dport, 2, List.of()));
    }

    @Test
    void routeWithersChangeOnlyTheirComponents() throws Exception {
        Route base = Route.viaDevice(Prefix.parse("10.0.0.0/8"), 2, 10);
        InetAddress gateway = InetAddress.getByName("10.0.0.1");
        InetAddress prefsrc = InetAddress.getByName("10.0.0.2");
        Route changed = base.withOif(3).withGateway(gateway).withMetric(50).withProtocol(4).withScope(0)
                .withPrefsrc(prefsrc).withoutUnknown();
        assertThat(changed).isEqualTo(new Route(base.family(), base.destination(), base.source(), base.tos(),
                base.table(), 4, 0, base.type(), base.flags(), gateway, 3, 50, prefsrc, List.of()));
        assertThat(base.withMetric(50)).isEqualTo(new Route(base.family(), base.destination(), base.source(),
                base.tos(), base.table(), base.protocol(), base.scope(), base.type(), base.flags(), base.gateway(),
                base.oif(), 50, base.prefsrc(), base.unknown()));
    }

    private static FibRule copy(FibRule r, long priority, int table, RuleAction action, Prefix from, Prefix to,
                                String iif, String oif, long fwmark, long fwmask, boolean l3mdev, UidRange uidRange,
                                int protocol, int ipProto, PortRange sport, PortRange dport, int flags,
                                List<RawAttribute> unknown) {
        return new FibRule(r.family(), priority, table, action, from, to, r.tos(), iif, oif, fwmark, fwmask, l3mdev,
                uidRange, protocol, ipProto, sport, dport, flags, unknown);
    }
}
