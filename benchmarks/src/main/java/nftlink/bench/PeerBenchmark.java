package nftlink.bench;

import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.Transaction;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One change to {@code inet t}, made by every peer: {@code nftlink} commits a prepared
 * {@link Transaction} (encode + send + acknowledge), {@code floor} sends the same batch
 * encoded once, {@code libnftables} runs the change's nft text in-process, and
 * {@code nftFile} runs one {@code nft -f FILE} process. A subclass opens {@link #ns} and
 * {@link #nft} in its trial setup, hands the change to {@link #peers}, and undoes it
 * after each invocation, outside the measured time (SampleTime timestamps each call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class PeerBenchmark {

    BenchNamespace ns;
    Nftables nft;
    Transaction tx;
    Fixtures.Floor floor;
    LibNftables lib;
    MemorySegment libCommand;
    NftCli cli;
    Path script;

    /**
     * Prepares every peer to make the change that {@code ops} make and {@code text} says in nft's
     * language.
     */
    void peers(List<NftOperation> ops, String text) {
        tx = nft.transaction().addAll(ops);
        floor = new Fixtures.Floor(nft.connection(), ops);
        lib = LibNftables.open(ns, "inet t");
        libCommand = lib.command(text);
        cli = new NftCli(ns);
        script = BenchNamespace.tempFile(text);
    }

    /** Closes libnftables, the connection and the namespace. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Fixtures.closeAll(lib, nft, ns);
    }

    /**
     * nftlink: the prepared transaction, committed again.
     *
     * @return the commit's result
     */
    @Benchmark
    public CommitResult nftlink() {
        return tx.commit();
    }

    /** The batch encoded once: only sent and acknowledged. */
    @Benchmark
    public void floor() {
        floor.commit();
    }

    /**
     * libnftables: {@code nft_run_cmd_from_buffer} with the change's text, in-process.
     *
     * @return libnftables' result
     */
    @Benchmark
    public long libnftables() {
        return lib.run(libCommand);
    }

    /** One {@code nft -f FILE} process. */
    @Benchmark
    public void nftFile() {
        cli.file(script);
    }
}
