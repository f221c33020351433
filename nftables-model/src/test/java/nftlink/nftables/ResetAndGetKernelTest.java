package nftlink.nftables;

import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.expr.Counter;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The library's reading requests that zero what they read ({@link Nftables#resetRules},
 * {@link Nftables#resetRule}, {@link Nftables#resetElements}), its element lookup
 * ({@link Nftables#getElements}) and {@link ChainRename}, checked against what nft-ref lists after them.
 */
@KernelTest
class ResetAndGetKernelTest {

    private static final String RULESET = """
            table inet t {
            \tset e { type ipv4_addr; counter; elements = { 1.1.1.1 counter packets 4 bytes 5, 2.2.2.2 counter packets 6 bytes 7 } }
            \tchain c {
            \t\tcounter packets 5 bytes 10 accept
            \t\ttcp dport 22 counter packets 1 bytes 2
            \t}
            \tchain d { counter packets 7 bytes 8; }
            }
            """;

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static long packets(Rule rule) {
        return rule.expressions().stream().filter(Counter.class::isInstance).map(Counter.class::cast).findFirst().orElseThrow().packets();
    }

    private static long packets(SetElement element) {
        return element.expressions().stream().filter(Counter.class::isInstance).map(Counter.class::cast).findFirst().orElseThrow().packets();
    }

    @Test
    void resetRulesReturnsTheValuesBeforeZeroingThem(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            List<Rule> chainC = nft.resetRules(Family.INET, "t", "c");
            assertThat(chainC).extracting(ResetAndGetKernelTest::packets).containsExactly(5L, 1L);
            assertThat(nft.listRules(Family.INET, "t", "c")).extracting(ResetAndGetKernelTest::packets).containsExactly(0L, 0L);
            assertThat(nft.listRules(Family.INET, "t", "d")).extracting(ResetAndGetKernelTest::packets).containsExactly(7L);
            long handle = nft.listRules(Family.INET, "t", "d").getFirst().handle();
            assertThat(packets(nft.resetRule(Family.INET, "t", "d", handle))).isEqualTo(7);
            assertThat(nft.resetRules(null, null, null)).extracting(ResetAndGetKernelTest::packets).containsOnly(0L).hasSize(3);
            assertThatThrownBy(() -> nft.resetRule(Family.INET, "t", "d", handle + 100))
                    .isInstanceOfSatisfying(NetlinkKernelException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        }
    }

    @Test
    void elementsAreLookedUpAndResetByKey(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            SetElement key = SetElement.of(address("2.2.2.2"));
            List<SetElement> found = nft.getElements(Family.INET, "t", "e", List.of(key), false);
            assertThat(found).hasSize(1);
            assertThat(packets(found.getFirst())).isEqualTo(6);
            assertThat(packets(nft.getElements(Family.INET, "t", "e", List.of(key), true).getFirst())).isEqualTo(6);
            assertThat(packets(nft.getElements(Family.INET, "t", "e", List.of(key), false).getFirst())).isZero();
            assertThat(nft.resetElements(Family.INET, "t", "e")).extracting(ResetAndGetKernelTest::packets).containsExactlyInAnyOrder(4L, 0L);
            assertThat(nft.listElements(Family.INET, "t", "e")).extracting(ResetAndGetKernelTest::packets).containsOnly(0L);
            SetElement missing = SetElement.of(address("3.3.3.3"));
            assertThatThrownBy(() -> nft.getElements(Family.INET, "t", "e", List.of(missing), false))
                    .isInstanceOfSatisfying(NetlinkKernelException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        }
    }

    @Test
    void aChainIsRenamedByItsHandle(TestNamespace ns) {
        NftRef.apply(ns, RULESET);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            long handle = nft.listChains(Family.INET, "t").stream().filter(c -> c.name().equals("d")).findFirst().orElseThrow().handle();
            nft.transaction().add(new ChainRename(Family.INET, "t", handle, "renamed")).commit();
            assertThat(NftRef.list(ns)).contains("\tchain renamed {\n\t\tcounter packets 7 bytes 8\n\t}\n").doesNotContain("chain d ");
        }
    }
}
