package nftlink.nftables;

import nftlink.netlink.Errno;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.BatchOperation;
import nftlink.nfnetlink.GenerationConflictException;
import nftlink.nfnetlink.Transaction;
import nftlink.nfnetlink.TransactionException;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transactions against the real kernel: atomicity, precise errors, generation guard, size. */
@KernelTest
class TransactionKernelTest {

    private static final String BASE = """
            table inet keep {
            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t}
            }
            """;

    @Test
    void failureAtTheThirdOperationChangesNothingAndNamesIt(TestNamespace ns) {
        ns.nftScript(BASE).orThrow();
        String before = ns.nft("list", "ruleset").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Transaction tx = nft.transaction()
                    .add(new NftOperation.AddTable(Table.of(Family.IP, "new"), true))
                    .add(new NftOperation.AddChain(Chain.regular(Family.IP, "new", "c"), true))
                    .add(new NftOperation.AddChain(Chain.regular(Family.INET, "keep", "input"), true))
                    .add(new NftOperation.AddChain(Chain.regular(Family.IP, "new", "d"), true));
            assertThatThrownBy(tx::commit)
                    .isInstanceOfSatisfying(TransactionException.class, e -> {
                        assertThat(e.operationNumber()).isEqualTo(3);
                        assertThat(e.operationKind()).isEqualTo("create chain");
                        assertThat(e.object()).isEqualTo("inet keep input");
                        assertThat(e.errno()).isEqualTo(Errno.EEXIST);
                        assertThat(e.attribute()).isEqualTo("NFTA_CHAIN_NAME");
                    })
                    .hasMessage("transaction failed at operation 3 of 4 (create chain inet keep input): "
                            + "EEXIST (File exists) at NFTA_CHAIN_NAME; nothing was applied");
        }
        assertThat(ns.nft("list", "ruleset").orThrow()).isEqualTo(before);
    }

    @Test
    void eexistNamesTheTable(TestNamespace ns) {
        ns.nftScript(BASE).orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddTable(Table.of(Family.INET, "keep"), true)))
                    .hasMessage("transaction failed at operation 1 of 1 (create table inet keep): "
                            + "EEXIST (File exists) at NFTA_TABLE_NAME; nothing was applied");
            // add (not create) of an existing table is fine
            nft.commit(new NftOperation.AddTable(Table.of(Family.INET, "keep"), false));
        }
    }

    @Test
    void enoentNamesWhatIsMissing(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThatThrownBy(() -> nft.commit(new NftOperation.DeleteTable(Family.IP, "ghost", false)))
                    .hasMessage("transaction failed at operation 1 of 1 (delete table ip ghost): "
                            + "ENOENT (No such file or directory) at NFTA_TABLE_NAME; nothing was applied");
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddChain(Chain.regular(Family.IP, "ghost", "c"), false)))
                    .hasMessage("transaction failed at operation 1 of 1 (add chain ip ghost c): "
                            + "ENOENT (No such file or directory) at NFTA_CHAIN_TABLE; nothing was applied");
        }
    }

    /** A chain whose policy is not a verdict the kernel accepts as policy. */
    record BadPolicyChain() implements BatchOperation {
        @Override public int message() { return NfTablesUapi.NFT_MSG_NEWCHAIN; }
        @Override public int flags() { return nftlink.netlink.Netlink.NLM_F_CREATE; }
        @Override public int family() { return NfTablesUapi.NFPROTO_INET; }
        @Override public void writeAttributes(MessageWriter w) {
            Chain.base(Family.INET, "keep", "odd", BaseChain.of(ChainType.FILTER, Hook.OUTPUT, 0, null)).writeAttributes(w);
            w.attrU32Be(NfTablesUapi.NFTA_CHAIN_POLICY, 7);
        }
        @Override public String kind() { return "add chain"; }
        @Override public String object() { return "inet keep odd"; }
    }

    @Test
    void einvalForAnInvalidPolicy(TestNamespace ns) {
        ns.nftScript(BASE).orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Transaction tx = nft.transaction().add(new BadPolicyChain());
            assertThatThrownBy(tx::commit)
                    .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                    .hasMessageStartingWith("transaction failed at operation 1 of 1 (add chain inet keep odd): EINVAL (Invalid argument)");
        }
    }

    @Test
    void eopnotsuppForUnknownTableFlagsAndWrongHooks(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddTable(Table.of(Family.IP, "f").withFlags(0x80), false)))
                    .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EOPNOTSUPP))
                    .hasMessage("transaction failed at operation 1 of 1 (add table ip f): "
                            + "EOPNOTSUPP (Operation not supported); nothing was applied");
            assertThatThrownBy(() -> nft.commit(
                    new NftOperation.AddTable(Table.of(Family.IP, "n"), false),
                    new NftOperation.AddChain(Chain.base(Family.IP, "n", "c",
                            BaseChain.of(ChainType.NAT, Hook.FORWARD, 0, null)), false)))
                    .isInstanceOfSatisfying(TransactionException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.EOPNOTSUPP);
                        assertThat(e.operationNumber()).isEqualTo(2);
                    });
            assertThat(nft.listTables()).isEmpty();
        }
    }

    @Test
    void generationGuardRefusesAStaleView(TestNamespace ns) {
        ns.nftScript(BASE).orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            int generation = nft.generation();
            ns.nft("add", "table", "ip", "concurrent").orThrow();
            String before = ns.nft("list", "ruleset").orThrow();
            Transaction tx = nft.transaction()
                    .add(new NftOperation.AddTable(Table.of(Family.IP, "mine"), true))
                    .expectGeneration(generation);
            assertThatThrownBy(tx::commit)
                    .isInstanceOfSatisfying(GenerationConflictException.class, e -> {
                        assertThat(e.expectedGeneration()).isEqualTo(generation);
                        assertThat(e.errno()).isEqualTo(Errno.ERESTART);
                    })
                    .hasMessageContaining("no longer at generation " + Integer.toUnsignedString(generation));
            assertThat(ns.nft("list", "ruleset").orThrow()).isEqualTo(before);

            int current = nft.generation();
            tx.clear().add(new NftOperation.AddTable(Table.of(Family.IP, "mine"), true)).expectGeneration(current).commit();
            assertThat(nft.generation()).isEqualTo(current + 1);
        }
    }

    @Test
    void fiftyThousandOperationsCommitAsOne(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            int generation = nft.generation();
            Transaction tx = nft.transaction().add(new NftOperation.AddTable(Table.of(Family.INET, "big"), true));
            for (int i = 1; i < 50_000; i++) {
                tx.add(new NftOperation.AddChain(Chain.regular(Family.INET, "big", "c" + i), true));
            }
            assertThat(tx.size()).isEqualTo(50_000);
            var result = tx.commit();
            assertThat(nft.generation()).isEqualTo(generation + 1);
            List<Chain> chains = nft.listChains(Family.INET, "big");
            assertThat(chains).hasSize(49_999);
            assertThat(Chain.decode(result.echo(49_999).orElseThrow()).name()).isEqualTo("c49999");
            assertThat(ns.nft("list", "table", "inet", "big").orThrow().lines().filter(l -> l.startsWith("\tchain ")).count())
                    .isEqualTo(49_999);
        }
    }

    @Test
    void fiftyThousandOperationsFailAsOne(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Transaction tx = nft.transaction().add(new NftOperation.AddTable(Table.of(Family.INET, "big"), true));
            for (int i = 1; i < 50_000; i++) {
                tx.add(new NftOperation.AddChain(Chain.regular(Family.INET, "big", i == 40_000 ? "c1" : "c" + i), true));
            }
            assertThatThrownBy(tx::commit)
                    .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.operationNumber()).isEqualTo(40_001));
            assertThat(nft.listTables()).isEmpty();
        }
    }

    @Test
    void checkValidatesWithoutCommitting(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            int generation = nft.generation();
            nft.transaction().add(new NftOperation.AddTable(Table.of(Family.IP, "x"), true)).check();
            assertThat(nft.listTables()).isEmpty();
            assertThat(nft.generation()).isEqualTo(generation);
            Transaction bad = nft.transaction().add(new NftOperation.AddChain(Chain.regular(Family.IP, "x", "c"), true));
            assertThatThrownBy(bad::check).isInstanceOf(TransactionException.class).hasMessageContaining("ENOENT");
        }
    }

    @Test
    void preparedTransactionCanBeCommittedAgain(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Transaction tx = nft.transaction()
                    .add(new NftOperation.AddTable(Table.of(Family.IP, "again"), false))
                    .add(new NftOperation.AddChain(Chain.regular(Family.IP, "again", "c"), false));
            tx.commit();
            tx.commit();
            assertThat(nft.listChains(Family.IP, "again")).hasSize(1);
        }
    }
}
