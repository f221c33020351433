package nftlink.bench;

import nftlink.nftables.NftFormatter;
import nftlink.nftables.Nftables;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Listing the realistic rule set of {@link RulesetGenerator} ({@code rules} rules in
 * several chains and two tables, named and anonymous sets, maps), loaded into a fresh
 * namespace by the installed {@code nft}:
 * <ul>
 *   <li>{@link #decode}: everything read from the kernel into the model
 *       ({@link RulesetListing#read}: tables, chains, sets, elements, rules, objects);</li>
 *   <li>{@link #render}: the model read once in the set-up, rendered as
 *       {@code nft list ruleset} prints it (rules delinearized into the rule language):
 *       the CPU work alone;</li>
 *   <li>{@link #decodeRender}: both, what {@code nftlink list ruleset} does;</li>
 *   <li>{@link #nftList}: the peer, {@code nft list ruleset} as a process.</li>
 * </ul>
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} is the heap allocated per listing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RulesetListBenchmark {

    /** Rules in the generated rule set. */
    @Param({"50000"})
    public int rules;

    BenchNamespace ns;
    Nftables nft;
    RulesetListing listing;
    NftCli cli;

    @Setup(Level.Trial)
    public void setup() {
        ns = BenchNamespace.create();
        ns.nftScript(RulesetGenerator.generate(rules));
        nft = Nftables.open(ns.namespace());
        listing = RulesetListing.read(nft);
        if (listing.rules().size() != rules) {
            throw new IllegalStateException("the namespace holds " + listing.rules().size() + " rules, not " + rules);
        }
        cli = new NftCli(ns);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Fixtures.closeAll(nft, ns);
    }

    /** The whole rule set read from the kernel into the model. */
    @Benchmark
    public RulesetListing decode() {
        return RulesetListing.read(nft);
    }

    /** The model rendered as nft text, nothing read. */
    @Benchmark
    public int render() {
        return listing.render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT).length();
    }

    /** Read and rendered: {@code nftlink list ruleset}'s work. */
    @Benchmark
    public int decodeRender() {
        return RulesetListing.read(nft).render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT).length();
    }

    /** {@code nft list ruleset} as a process, output discarded. */
    @Benchmark
    public void nftList() {
        cli.command(List.of("list", "ruleset"));
    }
}
