package nftlink.bench;

import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.NftScript;
import nftlink.nftables.parse.SetLookup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Parsing and compiling alone, no kernel: the text of {@link RulesetGenerator} with
 * {@code rules} rules read by {@link NftParser} into the operations {@code nftlink -f}
 * commits (every rule linearized into its expressions). The score is the time of one
 * whole file; the report divides {@code rules} by it for rules per second. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the heap allocated per file. {@link ParseCpuTime} times
 * the same work in the parsing thread's CPU time, which a loaded machine changes less than wall time.
 *
 * <p>A parse keeps the whole file's tokens and operations alive until it returns, so with G1 on two
 * shared CPUs its concurrent marking and pauses took 4-5 s of every 10 s measured: the forks run the
 * throughput collector with a young generation that holds one parse, which measures the parser.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsPrepend = {"-XX:+UseParallelGC", "-Xmn1g"})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParseBenchmark {

    /** Rules in the generated file. */
    @Param({"50000"})
    public int rules;

    String text;
    NftParser parser;

    @Setup(Level.Trial)
    public void setup() {
        text = RulesetGenerator.generate(rules);
        // interface names (iifname) need no resolving; the file declares every set it uses
        parser = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);
        int operations = parser.parse(text, "generated.nft").operations().size();
        if (operations < rules) {
            throw new IllegalStateException("the generated file parsed into " + operations + " operations, fewer than its "
                    + rules + " rules");
        }
    }

    /** {@code nftlink -f}'s work before the commit: the whole file parsed and compiled. */
    @Benchmark
    public NftScript parseCompile() {
        return parser.parse(text, "generated.nft");
    }
}
