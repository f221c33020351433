package nftlink.nftables.parse;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Nftables;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code add element} to an auto-merge interval set declared earlier in the same text joins the new elements
 * with the set's own, as nft does (it deletes the old intervals and adds the joined one): listed and dumped as
 * nft-ref's, for host-order and network-order keys.
 */
@KernelTest
class AutoMergeAdditionKernelTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mark | 0x10-0x20, 0x40 comment \"c\" | 0x21-0x3f",
            "ipv4_addr | 10.0.0.0/24, 10.0.2.0/24 | 10.0.1.0/24, 10.0.3.1",
            "inet_service | 22, 80-90 | 23-79, 100"})
    void additionsJoinTheDeclaredElements(String type, String declared, String added, TestNamespace ns, TestNamespace theirs) {
        String text = """
                table ip t {
                \tset s {
                \t\ttype TYPE
                \t\tflags interval
                \t\tauto-merge
                \t\telements = { DECLARED }
                \t}
                }
                add element ip t s { ADDED }
                add element ip t s { ADDED }
                """.replace("TYPE", type).replace("DECLARED", declared).replace("ADDED", added);
        NftRef.apply(theirs, text);
        try (NetworkNamespace handle = ns.open(); Nftables nft = Nftables.open(handle)) {
            nft.transaction().addAll(new NftParser(CgroupPathResolver.none(), SetLookup.NONE).parse(text, "merge.nft")
                    .operations()).commit();
        }
        assertThat(NftRef.list(ns)).isEqualTo(NftRef.list(theirs));
        assertThat(NftRef.bytecode(ns)).isEqualTo(NftRef.bytecode(theirs));
    }
}
