package nftlink.bench;

import nftlink.nftables.Nftables;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Appending {@code n} rules to a chain that already holds {@code m} rules. After
 * each invocation the {@code n} new rules are deleted again by handle (rules get
 * consecutive handles from the table's counter), outside the measured time, so
 * the chain holds exactly {@code m} rules before every call.
 */
public class ExistingRulesBenchmark extends PeerBenchmark {

    /** Rules already in the chain. */
    @Param({"10000", "50000"})
    public int m;

    /** Rules per transaction. */
    @Param({"1", "100"})
    public int n;

    long nextHandle;

    @Setup(Level.Trial)
    public void setup() {
        ns = BenchNamespace.create();
        ns.nftScript(Fixtures.TABLE_SCRIPT);
        nft = Nftables.open(ns.namespace());
        Fixtures.fillChain(nft, m);
        nextHandle = Fixtures.nextHandle(nft);
        peers(Fixtures.addRules(n, false), Fixtures.addRulesScript(n));
    }

    @TearDown(Level.Invocation)
    public void reset() {
        nextHandle = Fixtures.deleteRules(nft, nextHandle, n);
    }

}
