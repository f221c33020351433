package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.CommitResult;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Verdict;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@link Nftables} shared by eight threads: commits with echoes, listings
 * (small and multi-datagram dumps, some decoded on a helper), generations and
 * element listings interleave on one socket, and every answer is the one its
 * thread asked for.
 */
@KernelTest
class SharedConnectionKernelTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 1_000;
    private static final String TABLE = "shared";

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void eightThreadsShareOneConnection(TestNamespace ns) throws Exception {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n);
             ExecutorService decoders = Executors.newVirtualThreadPerTaskExecutor()) {
            nft.connection().setDumpExecutor(decoders);
            List<NftOperation> setup = new ArrayList<>();
            setup.add(new NftOperation.AddTable(Table.of(Family.INET, TABLE), false));
            for (int t = 0; t < THREADS; t++) {
                setup.add(new NftOperation.AddChain(Chain.regular(Family.INET, TABLE, chain(t)), false));
                setup.add(new NftOperation.AddSet(NftSet.of(Family.INET, TABLE, set(t), 7 /* ipv4_addr */, 4), false));
            }
            nft.commit(setup.toArray(NftOperation[]::new));

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    workers.add(pool.submit(() -> work(nft, thread)));
                }
                for (Future<Integer> w : workers) {
                    assertThat(w.get(540, TimeUnit.SECONDS)).isEqualTo(OPERATIONS);
                }
            } finally {
                pool.shutdownNow();
            }
            // what every thread left behind, seen from outside
            for (int t = 0; t < THREADS; t++) {
                assertThat(nft.listRules(Family.INET, TABLE, chain(t))).hasSize(OPERATIONS / 5);
                assertThat(nft.listElements(Family.INET, TABLE, set(t))).hasSize(OPERATIONS / 5);
            }
        }
        assertThat(ns.nft("list", "chain", "inet", TABLE, chain(3)).orThrow()).contains("comment \"t3-995\"");
    }

    /** One thread's mixed operations, each checked against what this thread did before; returns how many ran. */
    private static int work(Nftables nft, int thread) {
        List<Long> handles = new ArrayList<>();
        Set<Integer> elements = new HashSet<>();
        int lastGeneration = Integer.MIN_VALUE;
        int done = 0;
        for (int i = 0; i < OPERATIONS; i++) {
            switch (i % 5) {
                case 0 -> {
                    Rule rule = Rule.of(Family.INET, TABLE, chain(thread),
                            List.of(Counter.zero(), Immediate.verdict(Verdict.ACCEPT))).withComment("t" + thread + "-" + i);
                    CommitResult result = nft.commit(new NftOperation.AddRule(rule, true));
                    Rule echoed = Rule.decode(result.echo(0).orElseThrow());
                    assertThat(echoed.chain()).isEqualTo(chain(thread));
                    assertThat(echoed.comment()).isEqualTo("t" + thread + "-" + i);
                    assertThat(echoed.handle()).isPositive().isNotIn(handles);
                    handles.add(echoed.handle());
                }
                case 1 -> assertThat(nft.listRules(Family.INET, TABLE, chain(thread)))
                        .extracting(Rule::handle).containsExactlyElementsOf(handles);
                case 2 -> {
                    int generation = nft.generation();
                    assertThat(generation).isGreaterThanOrEqualTo(lastGeneration);
                    lastGeneration = generation;
                }
                case 3 -> {
                    int value = thread * 1_000_000 + i;
                    nft.commit(new NftOperation.AddElements(Family.INET, TABLE, set(thread), 0,
                            List.of(SetElement.of(Bytes.u32(value))), false));
                    elements.add(value);
                }
                default -> {
                    // every rule of every chain: a dump over many datagrams while the others commit
                    List<Rule> all = nft.listRules();
                    assertThat(all.stream().filter(r -> r.chain().equals(chain(thread))).map(Rule::handle))
                            .containsExactlyElementsOf(handles);
                    assertThat(nft.listElements(Family.INET, TABLE, set(thread)))
                            .extracting(e -> e.key().asU32())
                            .containsExactlyInAnyOrderElementsOf(elements);
                }
            }
            done++;
        }
        return done;
    }

    private static String chain(int thread) {
        return "c" + thread;
    }

    private static String set(int thread) {
        return "s" + thread;
    }
}
