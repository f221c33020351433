package nftlink.examples.daemon;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Repeated repairs: a few lines a minute, then a count of those left out. */
class RepairLogTest {

    @Test
    void aFloodOfRepairsIsCutToAFewLinesAndASummary() {
        AtomicLong clock = new AtomicLong(1_000);
        List<String> lines = new ArrayList<>();
        RepairLog log = new RepairLog(lines::add, clock::get);
        for (int i = 0; i < 50; i++) {
            log.accept("repaired " + i);
            clock.addAndGet(100_000_000L);
        }
        assertThat(lines).containsExactly("repaired 0", "repaired 1", "repaired 2", "repaired 3", "repaired 4");
        clock.addAndGet(RepairLog.WINDOW_NANOS);
        log.accept("repaired again");
        assertThat(lines).hasSize(7);
        assertThat(lines.get(5)).isEqualTo("45 more repair line(s) left out in the last 65 s: someone keeps removing what the daemon keeps");
        assertThat(lines.get(6)).isEqualTo("repaired again");
    }

    @Test
    void occasionalRepairsAllPass() {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        RepairLog log = new RepairLog(lines::add, clock::get);
        for (int i = 0; i < 20; i++) {
            log.accept("repaired " + i);
            clock.addAndGet(RepairLog.WINDOW_NANOS / 4);
        }
        assertThat(lines).hasSize(20);
    }
}
