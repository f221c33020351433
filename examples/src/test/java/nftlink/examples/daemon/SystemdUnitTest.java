package nftlink.examples.daemon;

import nftlink.nftables.parse.NftParser;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shipped unit, example policy and install script. */
class SystemdUnitTest {

    /** examples/systemd, found from the test's working directory (the module or the repository root). */
    static Path systemdDir() {
        for (Path p : List.of(Path.of("systemd"), Path.of("examples", "systemd"))) {
            if (Files.isRegularFile(p.resolve("nftlinkd.service"))) {
                return p.toAbsolutePath();
            }
        }
        throw new AssertionError("examples/systemd not found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void theExamplePolicyIsValid() throws IOException {
        Path file = systemdDir().resolve("nftables.conf.example");
        String text = Files.readString(file);
        PolicyFile policy = PolicyFile.parse(text, file, NftParser.standard());
        assertThat(policy.entries()).extracting(PolicyFile.Entry::unit)
                .containsExactly("postfix.service", "app-thunderbird@*.scope", "app-firefox@*.scope");
        assertThat(policy.entries().get(1).selector().matches(nftlink.cgroup.CgroupPath.of(
                "user.slice/user-1000.slice/user@1000.service/app.slice/app-thunderbird@2.scope"))).isTrue();
        assertThat(NftParser.standard().parse(text, file).operations()).hasSizeGreaterThan(5);
    }

    @Test
    void theUnitStartsTheDaemonFromTheInstalledJarsAndReloadsWithHup() throws IOException {
        String unit = Files.readString(systemdDir().resolve("nftlinkd.service"));
        assertThat(unit).contains("-cp /usr/lib/nftlink/nftlink-examples.jar:/usr/lib/nftlink/lib/*",
                Nftlinkd.class.getName() + " /etc/nftables.conf", "ExecReload=/bin/kill -HUP $MAINPID",
                "CapabilityBoundingSet=CAP_NET_ADMIN\n", "RestrictAddressFamilies=AF_NETLINK AF_UNIX\n",
                "Type=notify\n", "NotifyAccess=main\n");
        assertThat(unit.lines().filter(l -> l.startsWith("ExecStart=")).toList()).as("one line a packager can change")
                .singleElement().asString().doesNotEndWith("\\").endsWith(" /etc/nftables.conf");
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit(@TempDir Path dir) throws IOException {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze (Debian's systemd package) is not installed");
        Path unit = Files.copy(systemdDir().resolve("nftlinkd.service"), dir.resolve("nftlinkd.service"));
        TestNamespace.Result r = TestNamespace.run(List.of(analyze.toString(), "verify", "--man=no", unit.toString()), null);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stderr()).as("no warnings").doesNotContain("nftlinkd.service:");
    }

    @Test
    void systemdAnalyzeRatesTheUnitAtMostOnePointFive() throws IOException {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze (Debian's systemd package) is not installed");
        TestNamespace.Result r = TestNamespace.run(List.of(analyze.toString(), "security", "--offline=true",
                systemdDir().resolve("nftlinkd.service").toString()), null);
        Matcher m = Pattern.compile("Overall exposure level for nftlinkd\\.service: (\\d+\\.\\d+)").matcher(r.stdout() + r.stderr());
        assertThat(m.find()).as(r.stdout() + r.stderr()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(1.5);
    }

    @Test
    void installPutsJarsUnitAndExampleUnderDestdir(@TempDir Path dir) throws IOException {
        Path tree = dir.resolve("repo");
        Path systemd = Files.createDirectories(tree.resolve("examples/systemd"));
        for (String f : List.of("install.sh", "nftlinkd.service", "nftables.conf.example", "README.md")) {
            Files.copy(systemdDir().resolve(f), systemd.resolve(f));
        }
        Files.writeString(tree.resolve("README.md"), "readme");
        Files.createDirectories(tree.resolve("examples/target/lib"));
        Files.writeString(tree.resolve("examples/target/nftlink-examples.jar"), "jar");
        Files.writeString(tree.resolve("examples/target/lib/nftlink-cgroup.jar"), "lib");
        Path dest = dir.resolve("dest");
        TestNamespace.Result r = TestNamespace.run(List.of("env", "DESTDIR=" + dest, "sh", systemd.resolve("install.sh").toString()), null);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(dest.resolve("usr/lib/nftlink/nftlink-examples.jar")).hasContent("jar");
        assertThat(dest.resolve("usr/lib/nftlink/lib/nftlink-cgroup.jar")).hasContent("lib");
        assertThat(dest.resolve("etc/systemd/system/nftlinkd.service")).exists();
        assertThat(dest.resolve("usr/share/doc/nftlink/nftables.conf.example")).exists();
        assertThat(dest.resolve("usr/share/doc/nftlink/README.nftlink.md")).hasContent("readme");

        Files.delete(tree.resolve("examples/target/nftlink-examples.jar"));
        TestNamespace.Result missing = TestNamespace.run(List.of("env", "DESTDIR=" + dest, "sh", systemd.resolve("install.sh").toString()), null);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("nftlink-examples.jar is missing");
    }
}
