package nftlink.bench;

import nftlink.netlink.MessageWriter;
import nftlink.nfnetlink.BatchOperation;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static nftlink.netlink.Netlink.NLM_F_REQUEST;
import static nftlink.nfnetlink.Nfnetlink.NFNL_SUBSYS_NFTABLES;

/**
 * Encoding alone, no kernel: {@value #RULES} prepared {@code AddRule} operations of
 * {@code tcp dport 22 accept} written into a reused {@link MessageWriter} exactly as
 * {@code Transaction} writes them (nlmsghdr + nfgenmsg, then the operation's
 * attributes). Scores are per rule; run with {@code -prof gc} to see the heap
 * allocation per rule ({@code gc.alloc.rate.norm}, bytes per rule).
 *
 * <p>{@code sendBufferCheck} measures one call of
 * {@code NetlinkTransport.ensureSendCapacity}, which {@code Transaction.commit} makes
 * on every commit (until commit adc8126 a {@code getsockopt(SO_SNDBUF)} system call,
 * 0.5-3 µs here; now the socket remembers its size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodeBenchmark {

    static final int RULES = 1000;

    final MessageWriter writer = new MessageWriter(1 << 20);
    BatchOperation[] operations;
    BenchNamespace ns;
    Nftables nft;

    @Setup(Level.Trial)
    public void setup() {
        List<NftOperation> ops = Fixtures.addRules(RULES, false);
        operations = ops.toArray(new BatchOperation[0]);
        ns = BenchNamespace.create();
        nft = Nftables.open(ns.namespace());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (nft != null) {
            nft.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(RULES)
    public int encodeRule() {
        MessageWriter w = writer.reset();
        BatchOperation[] ops = operations;
        for (int i = 0; i < ops.length; i++) {
            BatchOperation op = ops[i];
            int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, op.message()),
                    NLM_F_REQUEST | op.flags(), i + 2, op.family(), 0);
            op.writeAttributes(w);
            w.endMessage(m);
        }
        return w.position();
    }

    @Benchmark
    public void sendBufferCheck() {
        nft.connection().transport().ensureSendCapacity(4096);
    }
}
