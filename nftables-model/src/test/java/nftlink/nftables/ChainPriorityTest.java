package nftlink.nftables;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Priority rendering as nft 1.1.3 prints it (values observed with nft-ref). */
class ChainPriorityTest {

    @ParameterizedTest
    @CsvSource({
            "IP, INPUT, 7, filter + 7",
            "IP, INPUT, -5, filter - 5",
            "IP, INPUT, -150, mangle",
            "INET, INPUT, -160, mangle - 10",
            "INET, INPUT, -161, -161",
            "IP, INPUT, -89, -89",
            "IP, INPUT, 300, 300",
            "INET, INPUT, -300, raw",
            "INET, FORWARD, 50, security",
            "INET, OUTPUT, -100, dstnat",
            "INET, INPUT, 100, srcnat",
            "INET, INPUT, -100, -100",
            "INET, OUTPUT, 100, 100",
            "IP6, POSTROUTING, 100, srcnat",
            "IP, PREROUTING, -95, dstnat + 5",
            "ARP, OUTPUT, 5, filter + 5",
            "ARP, OUTPUT, -150, -150",
            "NETDEV, INGRESS, -500, -500",
            "NETDEV, EGRESS, 1, filter + 1",
            "BRIDGE, PREROUTING, -300, dstnat",
            "BRIDGE, INPUT, -200, filter",
            "BRIDGE, OUTPUT, 100, out",
            "BRIDGE, POSTROUTING, 300, srcnat",
            "BRIDGE, FORWARD, -190, filter + 10",
            "BRIDGE, INPUT, 0, 0",
            "BRIDGE, INPUT, -100, -100",
    })
    void rendersLikeNft(Family family, Hook hook, int priority, String expected) {
        assertThat(ChainPriority.render(family, hook, priority)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"IP, PREROUTING, dstnat, -100", "BRIDGE, OUTPUT, out, 100", "INET, INPUT, raw, -300",
            "IP, OUTPUT, dstnat, -100", "INET, INPUT, srcnat, 100"})
    void namesResolveWhereValid(Family family, Hook hook, String name, int value) {
        assertThat(ChainPriority.valueOf(family, hook, name)).hasValue(value);
    }

    @ParameterizedTest
    @CsvSource({"IP, INPUT, dstnat", "IP, OUTPUT, srcnat", "ARP, INPUT, raw", "NETDEV, INGRESS, srcnat", "BRIDGE, INPUT, out"})
    void namesAreRefusedWhereInvalid(Family family, Hook hook, String name) {
        assertThat(ChainPriority.valueOf(family, hook, name)).isEmpty();
    }
}
