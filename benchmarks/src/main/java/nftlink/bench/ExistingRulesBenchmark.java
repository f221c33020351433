package nftlink.bench;

import nftlink.nfnetlink.CommitResult;
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

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Appending {@code n} rules to a chain that already holds {@code m} rules. After
 * each invocation the {@code n} new rules are deleted again by handle (rules get
 * consecutive handles from the table's counter), outside the measured time, so
 * the chain holds exactly {@code m} rules before every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExistingRulesBenchmark {

    /** Rules already in the chain. */
    @Param({"10000", "50000"})
    public int m;

    /** Rules per transaction. */
    @Param({"1", "100"})
    public int n;

    BenchNamespace ns;
    Nftables nft;
    Transaction tx;
    Fixtures.Floor floor;
    LibNftables lib;
    MemorySegment libCommand;
    NftCli cli;
    Path script;
    long nextHandle;

    @Setup(Level.Trial)
    public void setup() {
        ns = BenchNamespace.create();
        ns.nftScript(Fixtures.TABLE_SCRIPT);
        nft = Nftables.open(ns.namespace());
        Fixtures.fillChain(nft, m);
        nextHandle = Fixtures.nextHandle(nft);
        tx = nft.transaction().addAll(Fixtures.addRules(n, false));
        floor = new Fixtures.Floor(nft.connection(), Fixtures.addRules(n, false));
        lib = LibNftables.open(ns, "inet t");
        String text = Fixtures.addRulesScript(n);
        libCommand = lib.command(text);
        cli = new NftCli(ns);
        script = BenchNamespace.tempFile(text);
    }

    @TearDown(Level.Invocation)
    public void reset() {
        nextHandle = Fixtures.deleteRules(nft, nextHandle, n);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Fixtures.closeAll(lib, nft, ns);
    }

    @Benchmark
    public CommitResult nftlink() {
        return tx.commit();
    }

    @Benchmark
    public void floor() {
        floor.commit();
    }

    @Benchmark
    public long libnftables() {
        return lib.run(libCommand);
    }

    @Benchmark
    public void nftFile() {
        cli.file(script);
    }
}
