package nftlink.examples.daemon;

import nftlink.examples.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static nftlink.examples.daemon.DaemonFixture.nftlinkd;
import static org.assertj.core.api.Assertions.assertThat;

/** nftlinkd's command line, without the kernel. */
class NftlinkdTest {

    @Test
    void anIgnoredHangupIsNoticed() {
        assertThat(Nftlinkd.hangupIgnored("Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000000001\n")).isTrue();
        assertThat(Nftlinkd.hangupIgnored("Name:\tjava\nSigIgn:\t0000000000001000\n")).isFalse();
        assertThat(Nftlinkd.hangupIgnored("Name:\tjava\n")).isFalse();
    }

    @Test
    void helpDocumentsEveryOptionAndSignal() {
        DaemonFixture.Run r = nftlinkd("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--load", "--dry-run", "--flush", "--journal", "--cgroup-root PATH", "--watch SUBTREE",
                "--netns NAME", "nftlinkd status", "HUP reloads", "TERM/INT stop");
    }

    @Test
    void usageMistakesAreStatusTwoWithOneLine() {
        assertThat(nftlinkd()).isEqualTo(new DaemonFixture.Run(2, "", "nftlinkd: no policy file given (try --help)\n"));
        assertThat(nftlinkd("--frob", "p.conf")).isEqualTo(new DaemonFixture.Run(2, "", "nftlinkd: unknown option '--frob' (try --help)\n"));
        assertThat(nftlinkd("--dry-run", "--flush", "p.conf")).isEqualTo(
                new DaemonFixture.Run(2, "", "nftlinkd: --dry-run, --flush and status exclude each other (try --help)\n"));
        assertThat(nftlinkd("a.conf", "b.conf").err()).isEqualTo("nftlinkd: one policy file, not [a.conf, b.conf] (try --help)\n");
        assertThat(nftlinkd("--watch").err()).isEqualTo("nftlinkd: option --watch needs a value (try --help)\n");
    }

    @Test
    void theNftlinkToolRunsItAsItsDaemonCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[]{"daemon", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Nftlinkd.USAGE);
    }
}
