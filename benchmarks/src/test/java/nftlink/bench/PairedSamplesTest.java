package nftlink.bench;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import nftlink.bench.PairedSamples.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static nftlink.bench.PairedSamples.FLOOR;
import static nftlink.bench.PairedSamples.LIBNFTABLES;
import static nftlink.bench.PairedSamples.NFTLINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairedSamplesTest {

    @Test
    void medianIntervalUsesTheOrderStatisticRanks() {
        // m = 100: ranks 40 and 61, the textbook 95 % interval of a median
        Estimate e = Estimate.of(IntStream.rangeClosed(1, 100).asDoubleStream().toArray());
        assertThat(e.median()).isEqualTo(50.5);
        assertThat(e.low()).isEqualTo(40);
        assertThat(e.high()).isEqualTo(61);
        assertThat(e.count()).isEqualTo(100);
        Estimate three = Estimate.of(new double[]{3, 1, 2});
        assertThat(three.median()).isEqualTo(2);
        assertThat(three.low()).isEqualTo(1);
        assertThat(three.high()).isEqualTo(3);
        assertThat(Estimate.of(new double[]{Double.NaN, 4})).isEqualTo(new Estimate(4, 4, 4, 1));
        assertThat(Estimate.of(new double[0])).isEqualTo(Estimate.NONE);
    }

    @Property
    void intervalHoldsTheMedian(@ForAll @Size(min = 1, max = 300) List<@IntRange(min = -1000, max = 1000) Integer> values) {
        Estimate e = Estimate.of(values.stream().mapToDouble(Integer::doubleValue).toArray());
        assertThat(e.low()).isLessThanOrEqualTo(e.median());
        assertThat(e.high()).isGreaterThanOrEqualTo(e.median());
        assertThat(e.low()).isGreaterThanOrEqualTo(values.stream().min(Comparator.naturalOrder()).orElseThrow());
        assertThat(e.high()).isLessThanOrEqualTo(values.stream().max(Comparator.naturalOrder()).orElseThrow());
    }

    @Test
    void ratiosArePerRoundNotRatiosOfMedians() {
        // nftlink is exactly 1.1× the floor in every round while the load moves both by 10×
        List<long[]> rounds = List.of(new long[]{110, 100, 300}, new long[]{1100, 1000, 2000}, new long[]{11000, 10000, 9000});
        PairedSamples p = new PairedSamples(10, rounds);
        assertThat(p.ratio(NFTLINK, FLOOR).median()).isCloseTo(1.1, within(1e-12));
        assertThat(p.ratio(LIBNFTABLES, NFTLINK).median()).isCloseTo(2000.0 / 1100, within(1e-12));
        assertThat(p.micros(FLOOR).median()).isEqualTo(1.0);
    }

    @Test
    void perRuleRatioSubtractsTheOneRuleMedians() {
        PairedSamples one = new PairedSamples(1, List.of(new long[]{20, 10, 50}, new long[]{20, 10, 50}));
        PairedSamples hundred = new PairedSamples(100, List.of(new long[]{1010, 1000, 3000}, new long[]{1010, 1000, 3000}));
        // (1010 − 20) / (1000 − 10) = 1
        assertThat(hundred.perRuleRatio(NFTLINK, FLOOR, one).median()).isEqualTo(1.0);
        assertThat(hundred.perRuleMicros(FLOOR, one)).isCloseTo(0.99 / 99, within(1e-12));
    }

    @Property(tries = 50)
    void writtenRoundsReadBackAcrossForks(@ForAll @IntRange(min = 1, max = 50000) int n,
                                          @ForAll @Size(max = 40) List<@Size(3) List<@LongRange(min = 1) Long>> a,
                                          @ForAll @Size(max = 40) List<@Size(3) List<@LongRange(min = 1) Long>> b)
            throws IOException {
        Path dir = Files.createTempDirectory("paired");
        try {
            PairedSamples.write(dir, n, 11, arrays(a));
            PairedSamples.write(dir, n, 12, arrays(b));
            List<long[]> read = PairedSamples.read(dir).get(n).rounds();
            List<long[]> expected = new ArrayList<>(arrays(a));
            expected.addAll(arrays(b));
            assertThat(read).hasSize(expected.size());
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i)).containsExactly(expected.get(i));
            }
        } finally {
            BenchMain.deleteDirectory(dir);
        }
    }

    @Test
    void aLineThatIsNotOneTimePerPeerIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("n5-1.tsv"), "1\t2\t3\n4\t5\n");
        assertThatThrownBy(() -> PairedSamples.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n5-1.tsv").hasMessageContaining("4\t5");
        Files.writeString(dir.resolve("n5-1.tsv"), "1\t2\tx\n");
        assertThatThrownBy(() -> PairedSamples.read(dir)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherFilesAndAMissingDirectoryAreIgnored(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThat(PairedSamples.read(dir)).isEmpty();
        assertThat(PairedSamples.read(dir.resolve("absent"))).isEmpty();
    }

    private static List<long[]> arrays(List<List<Long>> rounds) {
        return rounds.stream().map(r -> r.stream().mapToLong(Long::longValue).toArray()).toList();
    }
}
