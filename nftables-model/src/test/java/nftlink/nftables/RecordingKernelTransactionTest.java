package nftlink.nftables;

import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkConnection;
import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.GenerationConflictException;
import nftlink.nfnetlink.Transaction;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import nftlink.nftables.testing.RecordingNftKernel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transactions, echoes, handles, the generation guard and parsed scripts
 * against {@link RecordingNftKernel}: what the library sends and how it reads
 * the kernel's answers, without root.
 */
class RecordingKernelTransactionTest {

    private final RecordingNftKernel kernel = new RecordingNftKernel();
    private final Nftables nft = Nftables.wrap(new NetlinkConnection(kernel));

    @Test
    void echoesCarryTheHandlesTheKernelGave() {
        List<Expression> accept = List.of(Immediate.verdict(Verdict.ACCEPT));
        CommitResult r = nft.commit(
                new NftOperation.AddTable(Table.of(Family.IP, "t"), false),
                new NftOperation.AddChain(Chain.regular(Family.IP, "t", "c"), false),
                new NftOperation.AddRule(Rule.of(Family.IP, "t", "c", accept)),
                new NftOperation.AddRule(Rule.of(Family.IP, "t", "c", accept).withComment("second")));
        assertThat(Table.decode(r.echo(0).orElseThrow()).handle()).isEqualTo(1);
        assertThat(Chain.decode(r.echo(1).orElseThrow()).handle()).isEqualTo(1);
        Rule first = Rule.decode(r.echo(2).orElseThrow());
        Rule second = Rule.decode(r.echo(3).orElseThrow());
        // tables count on their own; chains and rules share their table's counter, where the chain took 1
        assertThat(first.handle()).isEqualTo(2);
        assertThat(second.handle()).isEqualTo(3);
        assertThat(second.comment()).isEqualTo("second");
        assertThat(second.expressions()).isEqualTo(accept);
        assertThat(kernel.committed()).extracting(RecordingNftKernel.Operation::message)
                .containsExactly(NfTablesUapi.NFT_MSG_NEWTABLE, NfTablesUapi.NFT_MSG_NEWCHAIN, NfTablesUapi.NFT_MSG_NEWRULE,
                        NfTablesUapi.NFT_MSG_NEWRULE);
        long third = Rule.decode(nft.commit(new NftOperation.AddRule(Rule.of(Family.IP, "t", "c", accept)))
                .echo(0).orElseThrow()).handle();
        assertThat(third).isEqualTo(4);
    }

    /**
     * Kernels before 6.10 (Debian 12's 6.1) acknowledge neither the begin nor the end message of a
     * batch: a commit with no error among its replies succeeded, with its echoes, and a refused one
     * still fails naming its operation; a check answers nothing when all is well.
     */
    @Test
    void kernelsThatDoNotAcknowledgeBatchesCommitAndRefuseAsOthers() {
        RecordingNftKernel old = new RecordingNftKernel().beforeLinux610();
        Nftables nft61 = Nftables.wrap(new NetlinkConnection(old));
        CommitResult r = nft61.commit(new NftOperation.AddTable(Table.of(Family.IP, "t"), false),
                new NftOperation.AddChain(Chain.regular(Family.IP, "t", "c"), false));
        assertThat(Chain.decode(r.echo(1).orElseThrow()).name()).isEqualTo("c");
        assertThat(old.committed()).hasSize(2);
        nft61.transaction().add(new NftOperation.AddChain(Chain.regular(Family.IP, "t", "d"), false)).check();
        old.failWhen(op -> op.index() == 0, Errno.ENOENT);
        assertThatThrownBy(() -> nft61.commit(new NftOperation.AddChain(Chain.regular(Family.IP, "u", "c"), false)))
                .isInstanceOf(TransactionException.class).hasMessageContaining("No such file or directory");
        assertThat(old.committed()).hasSize(2);
    }

    @Test
    void fiftyThousandEchoesMapToTheirOperations() {
        Transaction tx = nft.transaction().add(new NftOperation.AddTable(Table.of(Family.INET, "big"), true));
        for (int i = 1; i < 50_000; i++) {
            tx.add(new NftOperation.AddRule(Rule.of(Family.INET, "big", "c",
                    List.of(Immediate.verdict(Verdict.ACCEPT))).withComment("r" + i)));
        }
        CommitResult r = tx.commit();
        assertThat(kernel.batches()).hasSize(1);
        Rule last = Rule.decode(r.echo(49_999).orElseThrow());
        assertThat(last.comment()).isEqualTo("r49999");
        assertThat(last.handle()).isEqualTo(49_999);
    }

    @Test
    void aRefusedOperationIsNamedWithItsAttributeAndNothingIsApplied() {
        kernel.failWhen(op -> op.index() == 2, Errno.EEXIST, NfTablesUapi.NFTA_CHAIN_NAME);
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
        assertThat(kernel.committed()).isEmpty();
        assertThat(kernel.generation()).isEqualTo(1);
    }

    @Test
    void theGenerationGuardRefusesAStaleView() {
        int generation = nft.generation();
        assertThat(generation).isEqualTo(1);
        nft.commit(new NftOperation.AddTable(Table.of(Family.IP, "concurrent"), false));
        Transaction tx = nft.transaction()
                .add(new NftOperation.AddTable(Table.of(Family.IP, "mine"), true))
                .expectGeneration(generation);
        assertThatThrownBy(tx::commit)
                .isInstanceOfSatisfying(GenerationConflictException.class, e -> {
                    assertThat(e.expectedGeneration()).isEqualTo(generation);
                    assertThat(e.errno()).isEqualTo(Errno.ERESTART);
                })
                .hasMessageContaining("no longer at generation " + generation);
        assertThat(kernel.committed()).hasSize(1);

        int current = nft.generation();
        tx.clear().add(new NftOperation.AddTable(Table.of(Family.IP, "mine"), true)).expectGeneration(current).commit();
        assertThat(nft.generation()).isEqualTo(current + 1);
    }

    @Test
    void checkSendsTheBatchWithoutItsEnd() {
        nft.transaction().add(new NftOperation.AddTable(Table.of(Family.IP, "x"), true)).check();
        assertThat(kernel.batches()).singleElement().satisfies(b -> {
            assertThat(b.committed()).isFalse();
            assertThat(b.operations()).hasSize(1);
        });
        assertThat(kernel.generation()).isEqualTo(1);
        kernel.failWhen(op -> op.message() == NfTablesUapi.NFT_MSG_NEWCHAIN, Errno.ENOENT, NfTablesUapi.NFTA_CHAIN_TABLE);
        Transaction bad = nft.transaction().add(new NftOperation.AddChain(Chain.regular(Family.IP, "x", "c"), true));
        assertThatThrownBy(bad::check).isInstanceOf(TransactionException.class).hasMessageContaining("ENOENT")
                .hasMessageContaining("NFTA_CHAIN_TABLE");
    }

    @Test
    void aParsedScriptIsSentAsItWasParsed() {
        String script = """
                table inet filter {
                \tset allowed { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 } }
                \tchain input {
                \t\ttype filter hook input priority filter; policy drop;
                \t\tip saddr @allowed tcp dport 22 accept comment "ssh"
                \t\tct state established,related accept
                \t}
                }
                """;
        List<NftOperation> parsed = new NftParser(CgroupPathResolver.none(), SetLookup.NONE)
                .parse(script, "script.nft").operations();
        Transaction tx = nft.transaction();
        parsed.forEach(tx::add);
        CommitResult result = tx.commit();

        List<RecordingNftKernel.Operation> sent = kernel.committed();
        assertThat(sent).hasSameSizeAs(parsed);
        for (int i = 0; i < parsed.size(); i++) {
            NftOperation op = parsed.get(i);
            RecordingNftKernel.Operation recorded = sent.get(i);
            assertThat(recorded.message()).isEqualTo(op.message());
            assertThat(recorded.family().protocol()).isEqualTo(op.family());
            switch (op) {
                case NftOperation.AddRule add -> {
                    assertThat(Rule.decode(recorded.request())).isEqualTo(add.rule());
                    Rule echoed = Rule.decode(result.echo(i).orElseThrow());
                    assertThat(echoed.handle()).isEqualTo(recorded.handle()).isPositive();
                    assertThat(echoed.withHandle(0)).isEqualTo(add.rule());
                }
                case NftOperation.AddChain add -> assertThat(Chain.decode(recorded.request())).isEqualTo(add.chain());
                case NftOperation.AddSet add -> assertThat(NftSet.decode(recorded.request()).name()).isEqualTo(add.set().name());
                default -> { }
            }
        }
        assertThat(parsed).filteredOn(NftOperation.AddRule.class::isInstance).hasSize(2);
    }
}
