package nftlink.nftables;

import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.TransactionException;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * nf_tables refusals, in listings and in batches alike, name the operation, the object, the errno
 * and the attribute the kernel pointed at by its {@code nf_tables.h} name.
 */
@KernelTest
class ErrorsKernelTest {

    private static final String TABLE = """
            table inet t {
            \tset s {
            \t\ttype ipv4_addr
            \t}
            }
            """;

    @Test
    void listingAMissingSetNamesTheSetAttribute(TestNamespace ns) {
        ns.nftScript(TABLE).orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThatThrownBy(() -> nft.listElements(Family.INET, "t", "nosuch"))
                    .isInstanceOfSatisfying(NetlinkKernelException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                        assertThat(e.attribute()).isEqualTo("NFTA_SET_ELEM_LIST_SET");
                        assertThat(e.operation()).isEqualTo("list elements inet t nosuch");
                    })
                    .hasMessage("list elements inet t nosuch: ENOENT (No such file or directory) at NFTA_SET_ELEM_LIST_SET");
            assertThatThrownBy(() -> nft.listElements(Family.INET, "nosuch", "s"))
                    .hasMessage("list elements inet nosuch s: ENOENT (No such file or directory) at NFTA_SET_ELEM_LIST_TABLE");
            assertThatThrownBy(() -> nft.listSets(Family.INET, "nosuch"))
                    .hasMessage("list sets inet nosuch: ENOENT (No such file or directory) at NFTA_SET_TABLE");
        }
    }

    @Test
    void batchErrorsOnSetsNameTheAttributeAndTheElement(TestNamespace ns) {
        ns.nftScript(TABLE).orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddElements(Family.INET, "t", "nosuch", 0,
                    List.of(SetElement.of(Bytes.of((byte) 10, (byte) 0, (byte) 0, (byte) 1))), false)))
                    .isInstanceOfSatisfying(TransactionException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                        assertThat(e.errors().getFirst().errno()).isEqualTo(Errno.ENOENT);
                    })
                    .hasMessage("transaction failed at operation 1 of 1 (add element inet t nosuch (1 elements)): "
                            + "ENOENT (No such file or directory) at NFTA_SET_ELEM_LIST_SET; nothing was applied");
            List<SetElement> secondTooShort = List.of(SetElement.of(Bytes.of((byte) 10, (byte) 0, (byte) 0, (byte) 1)),
                    SetElement.of(Bytes.of((byte) 10, (byte) 0)));
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddElements(Family.INET, "t", "s", 0, secondTooShort,
                    false)))
                    .isInstanceOfSatisfying(TransactionException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
                        assertThat(e.attribute()).startsWith("NFTA_SET_ELEM_LIST_ELEMENTS > element #2");
                    });
            assertThatThrownBy(() -> nft.commit(new NftOperation.DeleteSet(Family.INET, "t", "nosuch", false)))
                    .hasMessage("transaction failed at operation 1 of 1 (delete set inet t nosuch): "
                            + "ENOENT (No such file or directory) at NFTA_SET_NAME; nothing was applied");
        }
    }
}
