package nftlink.bench;

import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.Transaction;
import nftlink.nftables.Nftables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One transaction that appends {@code n} copies of {@code tcp dport 22 accept} to
 * the empty chain {@code inet t c}, by every peer. The chain is flushed after each
 * invocation, outside the measured time (SampleTime timestamps each call).
 *
 * <ul>
 *   <li>{@code nftlink}: a prepared {@link Transaction} of {@code n} AddRule operations, committed again each time
 *       (encode + send + acknowledge).</li>
 *   <li>{@code nftlinkEcho}: the same, asking the kernel to echo every rule (so handles are known).</li>
 *   <li>{@code floor}: the same batch encoded once into its own buffer; only sent and acknowledged.</li>
 *   <li>{@code libnftables}: {@code nft_run_cmd_from_buffer} with {@code n} lines of {@code add rule ...}, in-process.</li>
 *   <li>{@code nftFile}: one {@code nft -f FILE} process per batch.</li>
 *   <li>{@code nftPerUpdate}: one {@code nft add rule ...} process per rule.</li>
 * </ul>
 */
public class BatchBenchmark extends PeerBenchmark {

    /** Rules per transaction. */
    @Param({"1", "100", "10000"})
    public int n;

    Transaction txEcho;

    @Setup(Level.Trial)
    public void setup() {
        ns = BenchNamespace.create();
        ns.nftScript(Fixtures.TABLE_SCRIPT);
        nft = Nftables.open(ns.namespace());
        peers(Fixtures.addRules(n, false), Fixtures.addRulesScript(n));
        txEcho = nft.transaction().addAll(Fixtures.addRules(n, true));
    }

    @TearDown(Level.Invocation)
    public void reset() {
        Fixtures.flushChain(nft);
    }

    @Benchmark
    public CommitResult nftlinkEcho() {
        return txEcho.commit();
    }

    @Benchmark
    public void nftPerUpdate() {
        for (int i = 0; i < n; i++) {
            cli.command(Fixtures.ADD_RULE_ARGS);
        }
    }
}
