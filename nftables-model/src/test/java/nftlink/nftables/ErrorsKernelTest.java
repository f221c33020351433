package nftlink.nftables;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.Errno;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.Netlink;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.BatchOperation;
import nftlink.nfnetlink.Transaction;
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

    /** {@code add table inet x} whose flags are two bytes instead of four. */
    record ShortFlagsTable() implements BatchOperation {
        @Override public int message() { return NfTablesUapi.NFT_MSG_NEWTABLE; }
        @Override public int flags() { return Netlink.NLM_F_CREATE; }
        @Override public int family() { return NfTablesUapi.NFPROTO_INET; }
        @Override public void writeAttributes(MessageWriter w) {
            w.attrString(NfTablesUapi.NFTA_TABLE_NAME, "x");
            w.attrU16(NfTablesUapi.NFTA_TABLE_FLAGS, 0);
        }
        @Override public String kind() { return "add table"; }
        @Override public String object() { return "inet x"; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.TABLE; }
    }

    @Test
    void batchRefusalCarriesTheKernelsTextAndAttribute(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Transaction tx = nft.transaction().add(new NftOperation.AddTable(Table.of(Family.INET, "y"), false))
                    .add(new ShortFlagsTable());
            assertThatThrownBy(tx::commit)
                    .isInstanceOfSatisfying(TransactionException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.ERANGE);
                        assertThat(e.kernelMessage()).isEqualTo("Attribute failed policy validation");
                        assertThat(e.attribute()).isEqualTo("NFTA_TABLE_FLAGS");
                        assertThat(e.operation()).isEqualTo("add table inet x");
                    })
                    .hasMessage("transaction failed at operation 2 of 2 (add table inet x): ERANGE (Numerical result out "
                            + "of range): kernel says \"Attribute failed policy validation\" at NFTA_TABLE_FLAGS; "
                            + "nothing was applied");
            assertThat(nft.listTables()).isEmpty();
        }
    }
}
