package nftlink.examples.daemon;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nftlinkd as systemd runs it ({@code Type=notify}, output to the journal), with a
 * fake notify socket: READY=1 after the first full reconcile, RELOADING=1 ...
 * READY=1 around SIGHUP, STATUS= with counts, STOPPING=1; priority prefixes and no
 * time stamps; and {@code status} whose exit status and JSON tell whether the kernel
 * holds what the policy wants.
 */
@KernelTest
class SystemdNotifyKernelTest {

    @TempDir
    Path dir;
    private DaemonFixture f;
    private Path policyFile;

    @BeforeEach
    void setUp() {
        f = new DaemonFixture();
        policyFile = dir.resolve("policy.conf");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String policy() {
        return """
                flush ruleset
                table inet filter {
                	chain allow {
                	}
                }
                # mail.scope :: inet filter allow socket cgroupv2 level 2 "%s/mail.scope" tcp dport 25 accept
                """.formatted(f.root);
    }

    @Test
    void readyReloadingStatusAndStoppingReachSystemdAndLinesCarryPriorities(TestNamespace ns) throws Throwable {
        Files.writeString(policyFile, policy());
        f.mkdir("mail.scope");
        try (FakeNotifySocket systemd = new FakeNotifySocket(dir.resolve("notify").toString())) {
            ProcessBuilder pb = new ProcessBuilder(DaemonFixture.javaCommand("--netns", ns.name(), "--load", "--watch",
                    f.root.toString(), policyFile.toString()));
            pb.environment().put("NOTIFY_SOCKET", systemd.name());
            pb.environment().put("JOURNAL_STREAM", "8:12345");
            Process p = pb.start();
            BlockingQueue<String> out = follow(p.getInputStream());
            BlockingQueue<String> err = follow(p.getErrorStream());
            try {
                String ready = systemd.receiveWith("READY=1");
                assertThat(ready).isEqualTo("READY=1\nSTATUS=1 policy entries, 1 rule(s)/element(s) installed\n");
                assertThat(DaemonFixture.ruleset(ns)).contains("tcp dport 25 accept comment \"nftlinkd mail.scope");

                f.mkdir("web.scope");
                Files.writeString(policyFile, policy() + "# web.scope :: inet filter allow socket cgroupv2 level 2 \""
                        + f.root + "/web.scope\" tcp dport 80 accept\n");
                new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
                assertThat(systemd.receiveWith("RELOADING=1")).matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=reloading the policy\n");
                assertThat(systemd.receiveWith("READY=1")).isEqualTo("READY=1\nSTATUS=2 policy entries, 2 rule(s)/element(s) installed\n");

                f.mkdir("other.scope");
                f.rmdir("web.scope");
                assertThat(systemd.receiveWith("STATUS=2 policy entries, 1 rule")).isEqualTo(
                        "STATUS=2 policy entries, 1 rule(s)/element(s) installed\n");

                Files.writeString(policyFile, "table inet filter {");
                new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
                systemd.receiveWith("RELOADING=1");
                assertThat(systemd.receiveWith("READY=1")).as("a refused reload leaves the daemon ready").startsWith("READY=1\n");
                String refused = awaitLine(err, "reload refused");
                assertThat(refused).startsWith("<3>reload refused, the running policy stays: ");

                new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
                assertThat(systemd.receiveWith("STOPPING=1")).startsWith("STOPPING=1\n");
                assertThat(p.waitFor(DaemonFixture.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                List<String> lines = new java.util.ArrayList<>(out);
                assertThat(lines).isNotEmpty().allMatch(l -> l.matches("<[367]>.*") && !l.matches("<\\d>\\d\\d:\\d\\d:.*"), "journal lines");
                assertThat(lines).anyMatch(l -> l.startsWith("<6>nftlinkd: running with 1 policy entries"));
                assertThat(lines).anyMatch(l -> l.startsWith("<6>removed web.scope cgroup "));
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    @Test
    void statusExitsThreeAndSaysSoInJsonUntilTheKernelHoldsThePolicy(TestNamespace ns) throws Exception {
        Files.writeString(policyFile, policy());
        f.mkdir("mail.scope");
        long mail = f.id("mail.scope");
        ns.nftScript("table inet filter {\n chain allow {\n }\n}\n").orThrow();
        DaemonFixture.Run before = DaemonFixture.nftlinkd("status", "--json", "--netns", ns.name(), "--watch", f.root.toString(),
                policyFile.toString());
        assertThat(before.status()).as(before.err()).isEqualTo(Nftlinkd.NOT_IN_SYNC);
        assertThat(before.out()).startsWith("{\"in_sync\":false,\"policies\":[" + StatusReport.string(policyFile.toString()) + "],")
                .contains("{\"id\":" + mail + ",\"path\":\"/" + f.path("mail.scope") + "\",\"installed\":null}");

        DaemonFixture.Run text = DaemonFixture.nftlinkd("status", "--netns", ns.name(), "--watch", f.root.toString(), policyFile.toString());
        assertThat(text.status()).isEqualTo(Nftlinkd.NOT_IN_SYNC);
        assertThat(text.out()).contains("NOT INSTALLED").endsWith("NOT in sync\n");

        try (nftlink.netlink.NetworkNamespace n = ns.open();
             Daemon d = Daemon.open(Daemon.Config.of(policyFile).in(n).watching(f.root), line -> { })) {
            d.start();
        }
        DaemonFixture.Run after = DaemonFixture.nftlinkd("status", "--json", "--netns", ns.name(), "--watch", f.root.toString(),
                policyFile.toString());
        assertThat(after.status()).as(after.err()).isZero();
        assertThat(after.out()).startsWith("{\"in_sync\":true,").contains("\"installed\":\"rule inet filter allow handle ");

        Files.writeString(policyFile, "table inet filter { }\n");
        assertThat(DaemonFixture.nftlinkd("status", "--netns", ns.name(), policyFile.toString()).out())
                .as("a rule no entry describes").contains("stale (no entry describes it): rule inet filter allow handle ");
        assertThat(DaemonFixture.nftlinkd("status", "--netns", ns.name(), dir.resolve("absent.conf").toString()).status())
                .as("an error").isEqualTo(1);
    }

    private static BlockingQueue<String> follow(java.io.InputStream in) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                lines.add("read failed: " + e);
            }
        });
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DaemonFixture.WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(part)) {
                return line;
            }
        }
        throw new AssertionError("no line with \"" + part + "\"");
    }
}
