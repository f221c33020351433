package nftlink.nftables.lang;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.testing.NftRef;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sets declared with typeof: the library writes the userdata nft writes, and lists them as nft does. */
@KernelTest
class SetTypeofKernelTest {

    /** Set name to its typeof field, in the order of {@link #SCRIPT}. */
    private static Map<String, Field> keys() {
        Map<String, Field> keys = new LinkedHashMap<>();
        keys.put("cg", new SocketCgroupField(2));
        keys.put("uid", MetaField.SKUID);
        keys.put("ifn", MetaField.IIFNAME);
        keys.put("marks", MetaField.MARK);
        keys.put("st", CtField.STATE);
        keys.put("cm", CtField.MARK);
        keys.put("src", PayloadField.IP_SADDR);
        keys.put("dst6", PayloadField.IP6_DADDR);
        keys.put("port", PayloadField.TCP_DPORT);
        keys.put("uport", PayloadField.UDP_SPORT);
        keys.put("mac", PayloadField.ETHER_SADDR);
        keys.put("pair", ConcatField.of(PayloadField.IP_SADDR, PayloadField.TCP_DPORT));
        return keys;
    }

    private static final String SCRIPT = """
            table inet t {
              set cg { typeof socket cgroupv2 level 2; }
              set uid { typeof meta skuid; }
              set ifn { typeof iifname; }
              set marks { typeof meta mark; comment "marks"; }
              set st { typeof ct state; }
              set cm { typeof ct mark; }
              set src { typeof ip saddr; }
              set dst6 { typeof ip6 daddr; }
              set port { typeof tcp dport; }
              set uport { typeof udp sport; }
              set mac { typeof ether saddr; }
              set pair { typeof ip saddr . tcp dport; }
            }
            """;

    @Test
    void libraryWritesTheUserdataNftWritesAndListsLikeNft(TestNamespace byNft, TestNamespace byLibrary) {
        NftRef.script(byNft, SCRIPT).orThrow();
        NftRef.script(byLibrary, "table inet t { }").orThrow();
        Map<String, byte[]> nftUserdata = new LinkedHashMap<>();
        try (NetworkNamespace n = byNft.open(); Nftables nft = Nftables.open(n)) {
            for (NftSet s : nft.listSets()) {
                nftUserdata.put(s.name(), s.userdata());
            }
            assertThat(RulesetListing.read(nft).render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT))
                    .isEqualTo(NftRef.run(byNft, "list", "ruleset").orThrow());
        }
        try (NetworkNamespace n = byLibrary.open(); Nftables nft = Nftables.open(n)) {
            var tx = nft.transaction();
            keys().forEach((name, field) -> tx.add(new NftOperation.AddSet(
                    SetTypeof.set(Family.INET, "t", name, field, name.equals("marks") ? "marks" : null), true)));
            tx.commit();
            for (NftSet s : nft.listSets()) {
                assertThat(s.userdata()).as(s.name()).isEqualTo(nftUserdata.get(s.name()));
            }
        }
        assertThat(NftRef.run(byLibrary, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(byNft, "list", "ruleset").orThrow());
    }

    @Test
    void typeofTextIsReadBack() {
        assertThat(SetTypeof.text(SetTypeof.userdata(MetaField.SKUID, null))).isEqualTo("meta skuid");
        assertThat(SetTypeof.text(SetTypeof.userdata(ConcatField.of(MetaField.IIFNAME, PayloadField.IP_SADDR), "x")))
                .isEqualTo("iifname . ip saddr");
        assertThat(SetTypeof.text(new byte[]{0, 4, 1, 0, 0, 0})).isNull();
        assertThat(SetTypeof.text(new byte[]{3, 40, 1})).isNull();
        assertThat(List.of(keys().keySet().toArray())).hasSize(12);
    }
}
