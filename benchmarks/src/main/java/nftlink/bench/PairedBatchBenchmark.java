package nftlink.bench;

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

    /** The peers and the namespace, set up and reset exactly as the separate benchmarks have them. */
    BatchBenchmark batch;
    final List<long[]> samples = new ArrayList<>();
    boolean measuring;
    int round;

    @Setup(Level.Trial)
    public void setup() {
        batch = new BatchBenchmark();
        batch.n = n;
        batch.setup();
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
            batch.tearDown();
        }
    }

    /** One commit by each peer, in the order of this round; the times are recorded while JMH measures. */
    @Benchmark
    public long round() {
        long[] nanos = new long[PairedSamples.PEERS.size()];
        for (int k = 0; k < nanos.length; k++) {
            int peer = (round + k) % nanos.length;
            batch.reset();
            long start = System.nanoTime();
            switch (peer) {
                case PairedSamples.NFTLINK -> batch.nftlink();
                case PairedSamples.FLOOR -> batch.floor();
                case PairedSamples.LIBNFTABLES -> batch.libnftables();
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
