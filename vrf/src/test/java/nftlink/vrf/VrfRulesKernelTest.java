package nftlink.vrf;

import nftlink.netlink.NetworkNamespace;
import nftlink.rtnetlink.Link;
import nftlink.rtnetlink.RtNetlink;
import nftlink.rtnetlink.UnsupportedLinkKindException;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule part of VRF isolation on the host kernel (which needs no VRF device):
 * the Alpine layout, idempotent, and reversible. The whole isolation runs in the
 * VM ({@link VrfVmTest}).
 */
@KernelTest
class VrfRulesKernelTest {

    private static final String ISOLATED_V4 = """
            1000:\tfrom all lookup [l3mdev-table]
            2000:\tfrom all lookup [l3mdev-table] unreachable
            32765:\tfrom all lookup local
            32766:\tfrom all lookup main
            32767:\tfrom all lookup default
            """;
    private static final String ISOLATED_V6 = """
            1000:\tfrom all lookup [l3mdev-table]
            2000:\tfrom all lookup [l3mdev-table] unreachable
            32765:\tfrom all lookup local
            32766:\tfrom all lookup main
            """;

    @Test
    void ruleLayoutIsIdempotentAndReversible(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            VrfIsolation isolation = new VrfIsolation(rt);
            List<String> first = isolation.isolateRules();
            assertEquals(8, first.size(), first.toString());
            assertEquals(ISOLATED_V4, ns.exec("ip", "-4", "rule", "show").orThrow());
            assertEquals(ISOLATED_V6, ns.exec("ip", "-6", "rule", "show").orThrow());

            assertEquals(List.of(), isolation.isolateRules());
            assertEquals(ISOLATED_V4, ns.exec("ip", "-4", "rule", "show").orThrow());
            assertEquals(ISOLATED_V6, ns.exec("ip", "-6", "rule", "show").orThrow());

            List<String> restored = isolation.restoreRules();
            assertEquals(6, restored.size(), restored.toString());
            assertEquals("""
                    0:\tfrom all lookup local
                    1000:\tfrom all lookup [l3mdev-table]
                    32766:\tfrom all lookup main
                    32767:\tfrom all lookup default
                    """, ns.exec("ip", "-4", "rule", "show").orThrow());
            assertEquals(List.of(), isolation.restoreRules());
        }
    }

    @Test
    void applyWithoutVrfSupportFailsBeforeChangingAnything(TestNamespace ns) {
        try (NetworkNamespace handle = ns.open(); RtNetlink rt = RtNetlink.open(handle)) {
            boolean kernelHasVrf = ns.exec("ip", "link", "add", "probe", "type", "vrf", "table", "9").exitCode() == 0;
            rt.createLink(Link.veth("veth0", "veth1"));
            String rulesBefore = ns.exec("ip", "rule", "show").orThrow();
            VrfIsolation isolation = new VrfIsolation(rt);
            VrfSpec spec = VrfSpec.of("vrf-blue", 10, "veth0");
            if (kernelHasVrf) {
                assertTrue(isolation.apply(spec).contains("created VRF vrf-blue on table 10"));
                assertEquals(List.of(), isolation.apply(spec));
            } else {
                UnsupportedLinkKindException e = assertThrows(UnsupportedLinkKindException.class, () -> isolation.apply(spec));
                assertTrue(e.getMessage().contains("Unknown device type") && e.getMessage().contains("CONFIG_NET_VRF"),
                        e.getMessage());
                assertEquals(rulesBefore, ns.exec("ip", "rule", "show").orThrow());
            }
        }
    }
}
