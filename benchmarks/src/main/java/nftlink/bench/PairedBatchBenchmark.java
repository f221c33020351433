package nftlink.bench;

import nftlink.nfnetlink.Transaction;
import nftlink.nftables.Nftables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The batch of {@link BatchBenchmark}, with the peers taking turns: one call of
 * {@link #round()} commits the same {@code n} rules once by nftlink, once by the
 * pre-encoded floor and once by libnftables, in one JVM and one namespace, each
 * after a flush of the chain, and times each commit alone. The peer that goes first
 * rotates from round to round.
 *
 * <p>{@link BatchBenchmark} runs each peer in a JVM of its own, one after the other;
 * on a shared machine the load changes between them, and at large N, where a fork
 * holds only a few dozen commits, the ratio of two such medians moves by a third
 * from run to run. Here a change of load hits all peers of a round alike, so the
 * per-round ratios are what the "measured side by side" asks for.
 *
 * <p>The score JMH prints (the whole round, flushes included) means little. The
 * samples are the point: with the system property {@code nftlink.bench.paired}
 * naming a directory, each fork writes the commit times of its measured rounds to
 * {@code n<N>-<pid>.tsv} there ({@link PairedSamples} reads them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PairedBatchBenchmark {

    /** Rules per transaction. */
    @Param({"1", "100", "10000"})
    public int n;

    BenchNamespace ns;
    Nftables nft;
    Transaction tx;
    Fixtures.Floor floor;
    LibNftables lib;
    MemorySegment libCommand;
    final List<long[]> samples = new ArrayList<>();
    boolean measuring;
    int round;

    @Setup(Level.Trial)
    public void setup() {
        ns = BenchNamespace.create();
        ns.nftScript(Fixtures.TABLE_SCRIPT);
        nft = Nftables.open(ns.namespace());
        tx = nft.transaction().addAll(Fixtures.addRules(n, false));
        floor = new Fixtures.Floor(nft.connection(), Fixtures.addRules(n, false));
        lib = LibNftables.open(ns, "inet t");
        libCommand = lib.command(Fixtures.addRulesScript(n));
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            String dir = System.getProperty("nftlink.bench.paired");
            if (dir != null) {
                PairedSamples.write(Path.of(dir), n, ProcessHandle.current().pid(), samples);
            }
        } finally {
            Fixtures.closeAll(lib, nft, ns);
        }
    }

    /** One commit by each peer, in the order of this round; the times are recorded while JMH measures. */
    @Benchmark
    public long round() {
        long[] nanos = new long[PairedSamples.PEERS.size()];
        for (int k = 0; k < nanos.length; k++) {
            int peer = (round + k) % nanos.length;
            Fixtures.flushChain(nft);
            long start = System.nanoTime();
            switch (peer) {
                case PairedSamples.NFTLINK -> tx.commit();
                case PairedSamples.FLOOR -> floor.commit();
                case PairedSamples.LIBNFTABLES -> lib.run(libCommand);
                default -> throw new IllegalStateException("no peer " + peer);
            }
            nanos[peer] = System.nanoTime() - start;
        }
        round++;
        if (measuring) {
            samples.add(nanos);
        }
        return nanos[PairedSamples.NFTLINK];
    }
}
