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
    void helpDocumentsEveryOptionSignalAndExitStatus() {
        DaemonFixture.Run r = nftlinkd("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--load", "--dry-run", "--remove-and-exit", "-f, --flush", "--journal", "--cgroup-root=PATH",
                "--watch=SUBTREE", "--netns=NAME", "--resolve-hostnames", "-u, --reload-with-unit=UNIT", "status", "HUP reloads",
                "TERM/INT stop", "Exit status: 0", "3 (status only)", "POLICY");
        assertThat(nftlinkd("status", "--help").out()).contains("--json", "exit status 0 if so, 3 if not");
    }

    @Test
    void usageMistakesAreStatusTwoWithOneLine() {
        assertThat(nftlinkd()).isEqualTo(new DaemonFixture.Run(2, "", "nftlinkd: no policy file given (try --help)\n"));
        assertThat(nftlinkd("--frob", "p.conf")).isEqualTo(new DaemonFixture.Run(2, "", "nftlinkd: Unknown option: '--frob' (try --help)\n"));
        assertThat(nftlinkd("--dry-run", "--remove-and-exit", "p.conf")).isEqualTo(
                new DaemonFixture.Run(2, "", "nftlinkd: --dry-run, --remove-and-exit and --flush exclude each other (try --help)\n"));
        assertThat(nftlinkd("--watch").err()).isEqualTo("nftlinkd: Missing required parameter for option '--watch' (SUBTREE) (try --help)\n");
        assertThat(nftlinkd("--dns-ttl", "x", "p.conf").err()).isEqualTo("nftlinkd: --dns-ttl needs FLOOR-CEILING in seconds, not 'x' (try --help)\n");
    }

    /** scnpm's options that nftlinkd does not need are refused, each naming what to do instead; its -d is accepted. */
    @Test
    void scnpmOptionsAreRefusedWithTheirEquivalent() {
        DaemonFixture.Run u = nftlinkd("--flush", "--reload-with-unit", "nftables.service", "/etc/nftables.conf");
        assertThat(u.status()).isEqualTo(2);
        assertThat(u.err()).startsWith("nftlinkd: --reload-with-unit (scnpm) is not needed: ")
                .contains("'ReloadPropagatedFrom=nftables.service' in nftlinkd.service").hasLineCount(1);
        assertThat(nftlinkd("-a", "nftables.service", "p.conf").err()).startsWith("nftlinkd: --reapply-with-unit (scnpm) is not needed");
        assertThat(nftlinkd("-c", "300", "p.conf").err()).startsWith("nftlinkd: --cooldown (scnpm) is not needed");
        assertThat(nftlinkd("-f", "--dry-run", "p.conf").err()).contains("exclude each other");
    }

    @Test
    void theCommandLineGeneratesAManPageAndCompletion() {
        String completion = picocli.AutoComplete.bash("nftlinkd", Nftlinkd.commandLine());
        assertThat(completion).contains("--remove-and-exit", "--dns-server", "status");
    }

    @Test
    void theNftlinkToolRunsItAsItsDaemonCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[]{"daemon", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Nftlinkd.usage());
    }
}
