package nftlink.examples.daemon;

import nftlink.cgroup.CgroupHierarchy;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo end to end: what it reports is what happened, and what it prints says so. */
@KernelTest
class DemoKernelTest {

    @Test
    void theRuleAppearsTrafficIsAllowedAndRejectedAndTheRuleGoesWithTheCgroup() throws Exception {
        List<String> before = demoDirectories();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.Report report = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(report.ruleText()).as(out).matches("socket cgroupv2 level 2 " + report.cgroupId()
                + " tcp dport \\d+ accept comment \"nftlinkd mail\\.scope " + report.cgroupId() + " [0-9a-f]{8} /nftlink-demo-[0-9a-f]+/mail\\.scope\"");
        assertThat(report.ruleHandle()).isPositive();
        assertThat(report.appearedMillis()).isGreaterThanOrEqualTo(0);
        assertThat(report.allowed()).as(out).isTrue();
        assertThat(report.rejected()).as(out).isTrue();
        assertThat(report.removed()).as(out).isTrue();
        assertThat(report.cleanedUp()).isTrue();
        assertThat(report.ok()).isTrue();

        Matcher subtree = Pattern.compile("cgroup subtree /(nftlink-demo-[0-9a-f]+) under (\\S+);").matcher(out);
        assertThat(subtree.find()).as(out).isTrue();
        assertThat(out).contains(
                "nftlinkd: added mail.scope cgroup " + report.cgroupId() + " /" + subtree.group(1)
                        + "/mail.scope: rule inet demo apps handle " + report.ruleHandle() + "\n",
                "(cgroup ID " + report.cgroupId() + ", handle " + report.ruleHandle() + "):\n    add rule inet demo apps " + report.ruleText() + "\n",
                "/mail.scope connects to 127.0.0.1:",
                ": allowed\n",
                "/other.scope connects to 127.0.0.1:",
                ": rejected (Connection refused)\n",
                "nftlinkd: removed mail.scope cgroup " + report.cgroupId(),
                "ms after the rmdir; chain apps is empty\n",
                "# cleaned up: namespace, cgroup subtree and policy file removed");
        assertThat(out).doesNotContain("NO RULE", "FAILED", "NOT REJECTED", "STILL THERE");
        assertThat(Files.exists(CgroupHierarchy.discover().directory(nftlink.cgroup.CgroupPath.of(subtree.group(1))))).isFalse();
        assertThat(demoDirectories()).isEqualTo(before);
    }

    private static List<String> demoDirectories() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(CgroupHierarchy.discover().mountPoint())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("nftlink-demo-")).sorted().toList();
        }
    }
}
