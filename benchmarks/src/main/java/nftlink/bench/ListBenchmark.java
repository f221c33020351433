package nftlink.bench;

import nftlink.netlink.DumpCollector;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.NfTables;
import nftlink.nftables.Nftables;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.Rule;
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

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_DUMP;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;

/**
 * Listing a rule set of {@code rules} rules ({@code tcp dport 22 accept} in one
 * chain). nftlink cannot render rules as nft text yet (the rule-language level is
 * not built), so it is measured as: the dump alone (the floor: every message
 * received and walked, nothing decoded), decoding into the kernel-level model
 * ({@code listRules}), and decoding plus the kernel-level debug rendering
 * ({@link Rule#toDebugString()}, what {@code nft --debug=netlink} prints). The peers
 * parse and render nft text: {@code nft list ruleset} as a process (output to
 * /dev/null) and in-process through libnftables (output buffered).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ListBenchmark {

    /** Rules in the rule set. */
    @Param({"50000"})
    public int rules;

    BenchNamespace ns;
    Nftables nft;
    LibNftables lib;
    MemorySegment libCommand;
    NftCli cli;

    @Setup(Level.Trial)
    public void setup() {
        ns = BenchNamespace.create();
        ns.nftScript(Fixtures.TABLE_SCRIPT);
        nft = Nftables.open(ns.namespace());
        Fixtures.fillChain(nft, rules);
        lib = LibNftables.open(ns, "inet t");
        libCommand = lib.command("list ruleset");
        cli = new NftCli(ns);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (lib != null) {
            lib.close();
        }
        if (nft != null) {
            nft.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** Counts the messages and bytes of a rule dump. */
    static final class Counter implements DumpCollector<long[]> {
        final long[] counts = new long[2];

        @Override
        public void accept(NetlinkMessage message) {
            counts[0]++;
            counts[1] += message.length();
        }

        @Override
        public long[] result() {
            return counts;
        }
    }

    @Benchmark
    public long[] nftlinkDumpOnly() {
        return nft.connection().dump((w, seq) -> {
            int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(Nfnetlink.NFNL_SUBSYS_NFTABLES, NfTables.NFT_MSG_GETRULE),
                    NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK, seq, NfTables.NFPROTO_UNSPEC, 0);
            w.endMessage(m);
        }, Counter::new, "list rules", Nfnetlink.NFGENMSG_LEN, null);
    }

    @Benchmark
    public List<Rule> nftlinkDecode() {
        return nft.listRules();
    }

    @Benchmark
    public long nftlinkDecodeDebugRender() {
        long chars = 0;
        for (Rule r : nft.listRules()) {
            chars += r.toDebugString().length();
        }
        return chars;
    }

    /** The whole rule set read and printed as {@code nft list ruleset} prints it: what the peers below do. */
    @Benchmark
    public int nftlinkListRulesetText() {
        return RulesetListing.read(nft).render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT).length();
    }

    @Benchmark
    public long libnftables() {
        return lib.run(libCommand);
    }

    @Benchmark
    public void nftList() {
        cli.command(List.of("list", "ruleset"));
    }
}
