package nftlink.examples.daemon;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Journal priorities, time stamps only off the journal, and the library's logs routed through the daemon's log. */
class DaemonLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private DaemonLog log(boolean journal, boolean debug) {
        return new DaemonLog(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                journal, debug);
    }

    @Test
    void forTheJournalEveryLineCarriesItsPriorityAndNoTimeStamp() {
        DaemonLog log = log(true, false);
        log.info("running");
        log.warning("careful");
        log.error("policy.conf:3:1: Error: x\nline two");
        log.debug("not shown");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("<6>running\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("<4>careful\n<3>policy.conf:3:1: Error: x\n<3>line two\n");
    }

    @Test
    void offTheJournalInformationHasTheTimeOfDayAndProblemsTheToolsName() {
        DaemonLog log = log(false, true);
        log.info("running");
        log.error("bad");
        log.debug("detail");
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("\\d\\d:\\d\\d:\\d\\d(\\.\\d+)? running\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("nftlinkd: bad\nnftlinkd: debug: detail\n");
    }

    @Test
    void theLibrarysLoggersWriteThroughTheDaemonsLog() {
        DaemonLog log = log(true, false);
        try {
            log.captureLibraryLogs();
            System.Logger library = System.getLogger("nftlink.cgroup.Reconciler");
            library.log(System.Logger.Level.WARNING, "reconciling failed: x; retrying in 500 ms");
            library.log(System.Logger.Level.INFO, "{0} works again", "reconciling");
            library.log(System.Logger.Level.DEBUG, "not without --debug");
        } finally {
            DaemonLoggerFinder.reset();
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("<4>reconciling failed: x; retrying in 500 ms\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("<6>reconciling works again\n");
    }
}
