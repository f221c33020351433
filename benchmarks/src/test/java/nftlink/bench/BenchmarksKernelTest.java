package nftlink.bench;

import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark's setup, one call of each benchmark method (not timed),
 * its reset, and its teardown against the real kernel, with small parameters, so
 * the build proves the benchmark code works. Each benchmark makes and removes its
 * own namespace; the test checks the effect of each call through nftlink.
 */
@KernelTest
class BenchmarksKernelTest {

    private static List<Rule> rules(BenchNamespace ns) {
        try (Nftables nft = Nftables.open(ns.namespace())) {
            return nft.listRules(Family.INET, Fixtures.TABLE, Fixtures.CHAIN);
        }
    }

    private static void assertNamespaceGone(BenchNamespace ns) {
        assertThat(Files.exists(Path.of("/var/run/netns", ns.name()))).isFalse();
    }

    @Test
    void batch() {
        BatchBenchmark b = new BatchBenchmark();
        b.n = 3;
        b.setup();
        try {
            List<Runnable> calls = List.of(b::nftlink, b::nftlinkEcho, b::floor, b::libnftables, b::nftFile, b::nftPerUpdate);
            for (Runnable call : calls) {
                call.run();
                List<Rule> added = rules(b.ns);
                assertThat(added).hasSize(3);
                assertThat(added.getFirst().expressions()).isEqualTo(Fixtures.rule().expressions());
                b.reset();
                assertThat(rules(b.ns)).isEmpty();
            }
            assertThat(b.nftlinkEcho().echo(2)).isPresent();
            b.reset();
        } finally {
            b.tearDown();
        }
        assertNamespaceGone(b.ns);
    }

    @Test
    void pairedRoundsCommitEveryPeerAndAreWrittenForTheReport(@TempDir Path dir) throws Exception {
        PairedBatchBenchmark b = new PairedBatchBenchmark();
        b.n = 4;
        b.setup();
        String before = System.setProperty("nftlink.bench.paired", dir.toString());
        try {
            b.round(); // a warm-up round: not recorded
            b.measuring = true;
            for (int r = 0; r < 3; r++) {
                b.round();
                List<Rule> added = rules(b.batch.ns); // the round's last peer's rules, after flushes before each peer
                assertThat(added).hasSize(4);
                assertThat(added.getFirst().expressions()).isEqualTo(Fixtures.rule().expressions());
            }
            assertThat(b.samples).hasSize(3).allSatisfy(round -> assertThat(Arrays.stream(round).min().orElseThrow())
                    .isPositive());
            assertThat(b.samples).allSatisfy(round -> assertThat(round).hasSize(3));
        } finally {
            b.tearDown();
            if (before == null) {
                System.clearProperty("nftlink.bench.paired");
            } else {
                System.setProperty("nftlink.bench.paired", before);
            }
        }
        assertNamespaceGone(b.batch.ns);
        PairedSamples read = PairedSamples.read(dir).get(4);
        assertThat(read.rounds()).hasSize(3);
        assertThat(read.rounds().getFirst()).containsExactly(b.samples.getFirst());
    }

    @Test
    void existingRules() {
        ExistingRulesBenchmark b = new ExistingRulesBenchmark();
        b.m = 50;
        b.n = 2;
        b.setup();
        try {
            for (Runnable call : List.<Runnable>of(b::nftlink, b::floor, b::libnftables, b::nftFile)) {
                call.run();
                assertThat(rules(b.ns)).hasSize(52);
                b.reset();
                assertThat(rules(b.ns)).hasSize(50);
            }
        } finally {
            b.tearDown();
        }
        assertNamespaceGone(b.ns);
    }

    @Test
    void encode() {
        EncodeBenchmark b = new EncodeBenchmark();
        b.setup();
        try {
            assertThat(b.encodeRule()).isGreaterThan(EncodeBenchmark.RULES * 100);
            b.sendBufferCheck();
        } finally {
            b.tearDown();
        }
        assertNamespaceGone(b.ns);
    }

    @Test
    void setElements() {
        for (String kind : List.of("hash", "interval")) {
            SetElementsBenchmark b = new SetElementsBenchmark();
            b.kind = kind;
            b.existing = 20;
            b.n = 3;
            b.setup();
            try {
                for (Runnable call : List.<Runnable>of(b::nftlink, b::floor, b::libnftables, b::nftFile)) {
                    call.run();
                    String listed = b.ns.nft("list", "set", "inet", "t", "s");
                    assertThat(listed).contains("12.0.0.0").contains(kind.equals("hash") ? "12.0.0.2" : "12.0.0.8/31");
                    b.reset();
                    assertThat(b.ns.nft("list", "set", "inet", "t", "s")).doesNotContain("12.0.0.").contains("10.0.0.");
                }
            } finally {
                b.tearDown();
            }
            assertNamespaceGone(b.ns);
        }
    }

    @Test
    void list() {
        ListBenchmark b = new ListBenchmark();
        b.rules = 200;
        b.setup();
        try {
            long[] floor = b.floorReceiveOnly();
            assertThat(floor[2]).isEqualTo(200);
            assertThat(floor[0]).isPositive();
            assertThat(floor[1]).isGreaterThan(200 * 100);
            assertThat(b.floorReceiveOnly()[2]).isEqualTo(200);
            assertThat(b.nftlinkDumpOnly()[0]).isEqualTo(200);
            assertThat(b.nftlinkDecode()).hasSize(200);
            assertThat(b.nftlinkDecodeDebugRender()).isGreaterThan(200 * 50);
            assertThat(b.nftlinkListRulesetText()).isGreaterThan(200 * 20);
            assertThat(b.libnftables()).isGreaterThan(200 * 20);
            b.nftList();
        } finally {
            b.tearDown();
        }
        assertNamespaceGone(b.ns);
    }

    @Test
    void cgroup() throws Exception {
        for (String form : List.of("rule", "set")) {
            CgroupBenchmark b = new CgroupBenchmark();
            b.form = form;
            b.setup();
            Path subtree = b.hierarchy.directory(b.root);
            try {
                assertThat(subtree).isDirectory();
                b.prepare();
                b.mkdirToCommit();
                long id = (long) Files.getAttribute(subtree.resolve("c-0"), "unix:ino"); // a cgroup's ID is its inode number
                try (Nftables nft = Nftables.open(b.ns.namespace())) {
                    if (form.equals("rule")) {
                        List<Rule> bound = nft.listRules(Family.INET, CgroupBenchmark.TABLE, CgroupBenchmark.RULE_CHAIN);
                        assertThat(bound).hasSize(1);
                        assertThat(b.ns.nft("list", "chain", "inet", CgroupBenchmark.TABLE, CgroupBenchmark.RULE_CHAIN))
                                .contains("socket cgroupv2 level 2 " + id + " accept");
                    } else {
                        assertThat(nft.listElements(Family.INET, CgroupBenchmark.TABLE, CgroupBenchmark.SET)).hasSize(1);
                        assertThat(nft.listRules(Family.INET, CgroupBenchmark.TABLE, CgroupBenchmark.RULE_CHAIN)).isEmpty();
                    }
                }
                b.removeCgroup();
                try (Nftables nft = Nftables.open(b.ns.namespace())) {
                    assertThat(nft.listRules(Family.INET, CgroupBenchmark.TABLE, CgroupBenchmark.RULE_CHAIN)).isEmpty();
                    assertThat(nft.listElements(Family.INET, CgroupBenchmark.TABLE, CgroupBenchmark.SET)).isEmpty();
                }
                assertThat(subtree.resolve("c-0")).doesNotExist();
            } finally {
                b.tearDown();
            }
            assertThat(subtree).doesNotExist();
            assertNamespaceGone(b.ns);
        }
    }

    @Test
    void namespaceThreadSpawnsProcessesInsideTheNamespace() {
        try (BenchNamespace ns = BenchNamespace.create()) {
            ns.nftScript("table inet onlyhere { }\n");
            String inside = ns.inside(() -> new String(new ProcessBuilder("nft", "list", "tables").start()
                    .getInputStream().readAllBytes()));
            assertThat(inside).contains("table inet onlyhere");
        }
    }
}
