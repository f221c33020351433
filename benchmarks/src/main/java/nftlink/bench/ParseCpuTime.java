package nftlink.bench;

import com.sun.management.ThreadMXBean;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link ParseBenchmark}'s work measured in the parsing thread's CPU time rather than wall time
 * (issue #18): on a machine shared with other work, wall time mostly measures the load, while the
 * CPU time the thread itself used, and the heap it allocated, change far less with it. Parses
 * {@link RulesetGenerator}'s file of {@code RULES} rules {@code WARMUPS} times untimed, then
 * {@code PARSES} times, and prints the shortest, median and longest thread CPU time of one parse
 * with the rules per second they stand for, and the bytes allocated per rule.
 *
 * <p>{@code java -Xms1g -Xmx2g -cp benchmarks.jar nftlink.bench.ParseCpuTime [RULES] [PARSES] [WARMUPS]}
 * (defaults 50,000, 20 and 10; the heap as the JMH runs have it).
 */
public final class ParseCpuTime {

    private ParseCpuTime() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the number of rules (default 50,000), of timed parses (default 20) and of untimed ones before them
     *             (default 10)
     */
    public static void main(String[] args) {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int parses = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String text = RulesetGenerator.generate(rules);
        NftParser parser = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        int operations = 0;
        for (int i = 0; i < warmups; i++) {
            operations = parser.parse(text, "generated.nft").operations().size();
        }
        long[] cpu = new long[parses];
        long allocated = Long.MAX_VALUE;
        for (int i = 0; i < parses; i++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long heap0 = threads.getThreadAllocatedBytes(thread);
            operations = parser.parse(text, "generated.nft").operations().size();
            cpu[i] = threads.getCurrentThreadCpuTime() - cpu0;
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - heap0);
        }
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%d rules (%d operations), %d parses after %d untimed: thread CPU time of one "
                        + "parse %.1f ms shortest (%,.0f rules/s), %.1f ms median (%,.0f rules/s), %.1f ms longest; "
                        + "%,d bytes allocated per rule%n", rules, operations, parses, warmups, cpu[0] / 1e6, rules / (cpu[0] / 1e9),
                cpu[parses / 2] / 1e6, rules / (cpu[parses / 2] / 1e9), cpu[parses - 1] / 1e6, allocated / rules);
    }
}
