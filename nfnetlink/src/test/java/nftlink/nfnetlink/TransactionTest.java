package nftlink.nfnetlink;

import nftlink.netlink.AttributePath;
import nftlink.netlink.Errno;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.Netlink;
import nftlink.netlink.NetlinkConnection;
import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetlinkMessage;
import nftlink.testing.FakeKernel;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batch framing and reply handling of {@link Transaction}, against a scripted kernel. */
class TransactionTest {

    /** A stand-in operation: message 7 with one string attribute. */
    record Op(String name, boolean echo) implements BatchOperation {
        @Override public int message() { return 7; }
        @Override public int flags() { return Netlink.NLM_F_CREATE; }
        @Override public int family() { return 2; }
        @Override public void writeAttributes(MessageWriter w) { w.attrString(1, name); }
        @Override public String kind() { return "add thing"; }
        @Override public String object() { return name; }
        @Override public nftlink.netlink.AttributeNamer attributeNamer() {
            return (AttributePath p) -> p.types()[0] == 1 ? "THING_NAME" : p.toString();
        }
    }

    /** Acknowledges the batch end like a kernel whose commit succeeded. */
    private static void ackEnd(List<NetlinkMessage> sent, FakeKernel k) {
        MessageWriter w = new MessageWriter();
        FakeKernel.writeError(w, sent.getLast(), 0, null, -1);
        k.reply(w);
    }

    @Test
    void writesOneDatagramFramedByBatchBeginAndEnd() {
        FakeKernel kernel = new FakeKernel(TransactionTest::ackEnd);
        Transaction t = new Transaction(new NetlinkConnection(kernel), Nfnetlink.NFNL_SUBSYS_NFTABLES);
        t.add(new Op("a", false)).add(new Op("b", false)).commit();

        assertThat(kernel.sent()).hasSize(1);
        byte[] datagram = kernel.sent().getFirst();
        List<NetlinkMessage> m = NetlinkMessage.parseAll(MemorySegment.ofArray(datagram), datagram.length);
        assertThat(m).hasSize(4);
        assertThat(m.get(0).type()).isEqualTo(Nfnetlink.NFNL_MSG_BATCH_BEGIN);
        assertThat(m.get(0).payloadU16Be(2)).isEqualTo(Nfnetlink.NFNL_SUBSYS_NFTABLES);
        assertThat(m.get(1).type()).isEqualTo((10 << 8) | 7);
        assertThat(m.get(1).flags()).isEqualTo(Netlink.NLM_F_REQUEST | Netlink.NLM_F_CREATE);
        assertThat(m.get(1).payloadU8(0)).isEqualTo(2);
        assertThat(m.get(2).attributes(4).require(1, "name").string()).isEqualTo("b");
        assertThat(m.get(3).type()).isEqualTo(Nfnetlink.NFNL_MSG_BATCH_END);
        assertThat(m.get(3).flags() & Netlink.NLM_F_ACK).isNotZero();
        for (int i = 1; i < 4; i++) {
            assertThat(m.get(i).sequence()).isEqualTo(m.get(0).sequence() + i);
        }
    }

    @Test
    void errorNamesTheFailingOperationAndItsAttribute() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            FakeKernel.writeError(w, sent.get(3), Errno.EEXIST.number(), null, 20);
            FakeKernel.writeError(w, sent.get(4), Errno.ENOENT.number(), null, -1);
            k.reply(w);
        });
        Transaction t = new Transaction(new NetlinkConnection(kernel), Nfnetlink.NFNL_SUBSYS_NFTABLES);
        t.add(new Op("a", false)).add(new Op("b", false)).add(new Op("c", false)).add(new Op("d", false));
        assertThatThrownBy(t::commit)
                .isInstanceOfSatisfying(TransactionException.class, e -> {
                    assertThat(e.operationNumber()).isEqualTo(3);
                    assertThat(e.operationIndex()).isEqualTo(2);
                    assertThat(e.operationKind()).isEqualTo("add thing");
                    assertThat(e.object()).isEqualTo("c");
                    assertThat(e.errno()).isEqualTo(Errno.EEXIST);
                    assertThat(e.attribute()).isEqualTo("THING_NAME");
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.errors().get(1).index()).isEqualTo(3);
                    assertThat(e.errors().get(1).errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.errors().get(1).errnoNumber()).isEqualTo(2);
                    assertThat(e.errors().getFirst().errno()).isEqualTo(e.errno());
                    assertThat(e.operation()).isEqualTo("add thing c");
                    assertThat(e.errors().get(1)).hasToString(
                            "operation 4 (add thing d): ENOENT (No such file or directory)");
                })
                .hasMessage("transaction failed at operation 3 of 4 (add thing c): EEXIST (File exists) at THING_NAME"
                        + " (+1 more error); nothing was applied");
    }

    @Test
    void generationMismatchOnBatchBeginIsAConflict() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            FakeKernel.writeError(w, sent.getFirst(), Errno.ERESTART.number(), null, -1);
            k.reply(w);
        });
        Transaction t = new Transaction(new NetlinkConnection(kernel), Nfnetlink.NFNL_SUBSYS_NFTABLES);
        t.add(new Op("a", false)).expectGeneration(41);
        assertThatThrownBy(t::commit)
                .isInstanceOfSatisfying(GenerationConflictException.class, e -> {
                    assertThat(e.expectedGeneration()).isEqualTo(41);
                    assertThat(e.operationIndex()).isEqualTo(-1);
                })
                .hasMessageContaining("no longer at generation 41");
        byte[] datagram = kernel.sent().getFirst();
        NetlinkMessage begin = NetlinkMessage.parseAll(MemorySegment.ofArray(datagram), datagram.length).getFirst();
        assertThat(begin.attributes(4).require(Nfnetlink.NFNL_BATCH_GENID, "genid").u32Be()).isEqualTo(41);
    }

    @Test
    void echoesAreMappedToTheirOperations() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            int m = w.beginMessage((10 << 8) | 7, 0, sent.get(2).sequence());
            w.putU8(2).putU8(0).putU16Be(0);
            w.attrU64Be(3, 1234);
            w.endMessage(m);
            FakeKernel.writeError(w, sent.getLast(), 0, null, -1);
            k.reply(w);
        });
        Transaction t = new Transaction(new NetlinkConnection(kernel), Nfnetlink.NFNL_SUBSYS_NFTABLES);
        CommitResult r = t.add(new Op("a", false)).add(new Op("b", true)).commit();
        assertThat(r.echo(0)).isEmpty();
        assertThat(r.echo(1)).hasValueSatisfying(m -> assertThat(m.attributes(4).require(3, "h").u64Be()).isEqualTo(1234));
        byte[] datagram = kernel.sent().getFirst();
        NetlinkMessage op = NetlinkMessage.parseAll(MemorySegment.ofArray(datagram), datagram.length).get(2);
        assertThat(op.flags() & Netlink.NLM_F_ECHO).isNotZero();
    }

    @Test
    void silenceMeansCommittedOnKernelsThatDoNotAcknowledgeBatches() {
        // Linux before 6.10 sends nothing for a batch that commits without echoes
        Transaction t = new Transaction(new NetlinkConnection(new FakeKernel((s, k) -> { })), 10);
        t.add(new Op("a", false));
        assertThat(t.commit().operationCount()).isEqualTo(1);
    }

    @Test
    void aBeginAcknowledgedWithoutItsEndMeansTheBatchWasDiscarded() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            FakeKernel.writeError(w, sent.getFirst(), 0, null, -1);
            k.reply(w);
        });
        Transaction t = new Transaction(new NetlinkConnection(kernel), 10);
        t.add(new Op("a", false));
        assertThatThrownBy(t::commit).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("acknowledged the start of the batch of 1 operations but not its end");
    }

    @Test
    void checkSendsNoBatchEnd() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            FakeKernel.writeError(w, sent.getFirst(), 0, null, -1);
            k.reply(w);
        });
        Transaction t = new Transaction(new NetlinkConnection(kernel), 10);
        t.add(new Op("a", false)).check();
        byte[] datagram = kernel.sent().getFirst();
        List<NetlinkMessage> m = NetlinkMessage.parseAll(MemorySegment.ofArray(datagram), datagram.length);
        assertThat(m).hasSize(2);
        assertThat(m.getLast().type()).isNotEqualTo(Nfnetlink.NFNL_MSG_BATCH_END);
    }

    @Test
    void emptyTransactionSendsNothing() {
        FakeKernel kernel = new FakeKernel((s, k) -> { });
        new Transaction(new NetlinkConnection(kernel), 10).commit();
        assertThat(kernel.sent()).isEmpty();
    }
}
