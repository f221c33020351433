package nftlink.packaging;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .deb installed with dpkg into a throwaway root (its own dpkg database; the
 * maintainer scripts run outside a chroot and do nothing there, as DPKG_ROOT says):
 * what lands where, the installed tools at work in a throwaway network namespace,
 * and systemd-analyze on the installed units.
 */
@KernelTest
class DebPackageTest {

    @TempDir
    static Path root;

    @BeforeAll
    static void install() throws IOException {
        installInto(root);
    }

    /** Installs the .deb into ROOT with a fresh dpkg database there. */
    static void installInto(Path root) throws IOException {
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        // libc6 is the only dependency and this root has no package database entry for it;
        // dependsAreSatisfiedByThisDebianSystem checks it against the host instead.
        Packages.output("dpkg", "--root=" + root, "--force-script-chrootless", "--force-depends",
                "--log=/dev/null", "-i", Packages.deb().toString());
    }

    @Test
    void installsTheToolsUnderUsrLibNftlinkWithLinksInUsrSbinAndTheUnits() throws IOException {
        assertThat(Files.readSymbolicLink(root.resolve("usr/sbin/nftlink"))).hasToString("../lib/nftlink/bin/nftlink");
        assertThat(Files.readSymbolicLink(root.resolve("usr/sbin/nftlinkd"))).hasToString("../lib/nftlink/bin/nftlinkd");
        assertThat(root.resolve("usr/lib/nftlink/runtime/bin/java")).isExecutable();
        assertThat(root.resolve("lib/systemd/system/nftlinkd.service")).isRegularFile();
        assertThat(root.resolve("lib/systemd/system/nftlink-load.service")).isRegularFile();
        assertThat(root.resolve("usr/share/doc/nftlink/copyright")).isRegularFile();
        String listed = Packages.output("dpkg", "--root=" + root, "-L", "nftlink");
        assertThat(listed).contains("/usr/sbin/nftlink\n", "/lib/systemd/system/nftlink-load.service\n");
        assertThat(Packages.output("dpkg", "--root=" + root, "-s", "nftlink"))
                .contains("Status: install ok installed", "Version: " + Packages.version().replace('-', '~'));
    }

    @Test
    void dependsAreSatisfiedByThisDebianSystem() {
        String depends = Packages.output("dpkg-deb", "-f", Packages.deb().toString(), "Depends").strip();
        Matcher m = Pattern.compile("^libc6 \\(>= ([^)]+)\\)$").matcher(depends);
        assertThat(m.matches()).as("Depends: " + depends).isTrue();
        String libc = Packages.output("dpkg-query", "-W", "-f=${Version}", "libc6");
        assertThat(Packages.run("dpkg", "--compare-versions", libc, "ge", m.group(1)).exitCode())
                .as("libc6 " + libc + " >= " + m.group(1)).isZero();
    }

    @Test
    void theInstalledNftlinkPrintsItsVersion() {
        assertThat(Packages.output(root.resolve("usr/sbin/nftlink").toString(), "--version").strip())
                .isEqualTo("nftlink " + Packages.version());
    }

    @Test
    void theInstalledNftlinkListsARuleSetAsTheReferenceNftDoes(TestNamespace ns) throws IOException {
        Path rules = root.resolve("tmp-rules.nft");
        Files.writeString(rules, """
                table inet filter {
                	set admins {
                		type ipv4_addr
                		elements = { 192.0.2.1, 192.0.2.7 }
                	}
                	chain input {
                		type filter hook input priority filter; policy drop;
                		ct state established,related accept
                		iifname "lo" accept
                		ip saddr @admins tcp dport 22 accept
                	}
                }
                """);
        ns.exec(Packages.referenceNft(), "-f", rules.toString()).orThrow();
        TestNamespace.Result listed = ns.exec(root.resolve("usr/sbin/nftlink").toString(), "list", "ruleset");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stderr()).as("no JVM warning: native access is granted in the runtime").isEmpty();
        assertThat(listed.stdout()).isEqualTo(ns.exec(Packages.referenceNft(), "list", "ruleset").orThrow());
    }

    @Test
    void theInstalledNftlinkAppliesAFileLikeTheBootLoaderDoes(TestNamespace ns) throws IOException {
        Path conf = root.resolve("tmp-nftables.conf");
        Files.writeString(conf, "flush ruleset\ntable ip boot {\n\tchain output {\n\t\ttype filter hook output priority 0; policy accept;\n\t\tcounter\n\t}\n}\n");
        ns.exec(root.resolve("usr/sbin/nftlink").toString(), "-f", conf.toString()).orThrow();
        assertThat(ns.exec(Packages.referenceNft(), "list", "ruleset").orThrow()).contains("table ip boot {", "hook output");
    }

    @Test
    void systemdAnalyzeVerifiesTheInstalledUnits() throws IOException {
        Path base = baseSystem();
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--root=" + base));
        boolean manPages = Files.exists(base.resolve("usr/share/man/man8/nftlink.8.gz"));
        if (manPages) {
            cmd.add(0, "MANPATH=" + base.resolve("usr/share/man"));
            cmd.add(0, "env");
        } else {
            cmd.add("--man=no");   // the package has no nftlink(8) yet: the build said so
        }
        cmd.addAll(List.of("nftlink-load.service", "nftlinkd.service"));
        TestNamespace.Result r = TestNamespace.run(cmd, null);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout() + r.stderr()).isEmpty();
    }

    @Test
    void systemdAnalyzeRatesBothInstalledUnitsAtMostTwo() throws IOException {
        Path base = baseSystem();
        for (String unit : List.of("nftlink-load.service", "nftlinkd.service")) {
            TestNamespace.Result r = Packages.run("systemd-analyze", "security", "--offline=true", "--root=" + base, unit);
            Matcher m = Pattern.compile("Overall exposure level for " + Pattern.quote(unit) + ": (\\d+\\.\\d+)")
                    .matcher(r.stdout() + r.stderr());
            assertThat(m.find()).as(r.stdout() + r.stderr()).isTrue();
            assertThat(Double.parseDouble(m.group(1))).as(unit).isLessThanOrEqualTo(2.0);
        }
    }

    @Test
    void purgingThePackageLeavesNothingOfIt(@TempDir Path other) throws IOException {
        installInto(other);
        Packages.output("dpkg", "--root=" + other, "--force-script-chrootless", "--log=/dev/null", "--purge", "nftlink");
        assertThat(other.resolve("usr/lib/nftlink")).doesNotExist();
        assertThat(other.resolve("usr/sbin/nftlink")).doesNotExist();
        assertThat(other.resolve("lib/systemd/system/nftlinkd.service")).doesNotExist();
        assertThat(Packages.run("dpkg", "--root=" + other, "-s", "nftlink").exitCode()).isNotZero();
    }

    /**
     * The throwaway root with what a Debian system around the package has and
     * systemd-analyze looks for there: the system's targets and /bin/kill (the
     * daemon unit's ExecReload).
     */
    private static Path baseSystem() throws IOException {
        Path units = root.resolve("lib/systemd/system");
        try (var targets = Files.newDirectoryStream(Path.of("/lib/systemd/system"), "*.target")) {
            for (Path t : targets) {
                if (!Files.exists(units.resolve(t.getFileName()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(t, units.resolve(t.getFileName()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        Files.createDirectories(root.resolve("bin"));
        if (!Files.exists(root.resolve("bin/kill"))) {
            Files.copy(Path.of("/bin/kill"), root.resolve("bin/kill"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        return root;
    }
}
