package nftlink.packaging;

import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** nftlink-VERSION-linux-ARCH.tar.gz: what it holds, and that its launchers run on its own runtime. */
class DistArchiveTest {

    @TempDir
    static Path extracted;
    static Path top;

    @BeforeAll
    static void extract() throws IOException {
        top = Packages.extractArchive(extracted);
    }

    @Test
    void theArchiveHoldsTheRuntimeLaunchersUnitsAndDocumentation() {
        assertThat(Packages.archiveEntries()).contains("bin/nftlink", "bin/nftlinkd", "runtime/bin/java",
                "runtime/lib/modules", "runtime/release", "lib/systemd/system/nftlinkd.service",
                "lib/systemd/system/nftlink-load.service", "share/doc/nftlink/README.md",
                "share/doc/nftlink/LICENSE", "share/doc/nftlink/README.packaging.md",
                "share/doc/nftlink/nftables.conf.example");
        for (String launcher : List.of("bin/nftlink", "bin/nftlinkd")) {
            assertThat(Files.isExecutable(top.resolve(launcher))).as(launcher).isTrue();
        }
    }

    @Test
    void theRuntimeHoldsTheNftlinkModulesAndOnlyTheJdkModulesTheyNeed() throws IOException {
        String release = Files.readString(top.resolve("runtime/release"));
        String modules = release.lines().filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
        Set<String> names = new TreeSet<>(Arrays.asList(modules.substring("MODULES=".length()).replace("\"", "").split(" ")));
        assertThat(names).contains("nftlink.nfnetlink", "nftlink.nftables", "nftlink.cgroup", "nftlink.vrf",
                "nftlink.examples", "info.picocli");
        assertThat(names.stream().filter(n -> n.startsWith("java.") || n.startsWith("jdk.")))
                .containsExactlyInAnyOrder("java.base", "jdk.unsupported");
    }

    @Test
    void theLaunchersRunOnTheBundledRuntimeNotOnTheSystemJava(@TempDir Path fake) throws IOException {
        Path java = fake.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'the system java was used' >&2\nexit 99\n");
        Files.setPosixFilePermissions(java, Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_READ));
        String path = "PATH=" + fake + ":/usr/bin:/bin";

        TestNamespace.Result version = Packages.run("env", "-i", path, top.resolve("bin/nftlink").toString(), "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout().strip()).isEqualTo("nftlink " + Packages.version());
        assertThat(version.stderr()).isEmpty();

        TestNamespace.Result help = Packages.run("env", "-i", path, top.resolve("bin/nftlinkd").toString(), "--help");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).contains("nftlinkd");
    }

    @Test
    void theDaemonUnitIsTheExamplesUnitWithTheLauncherInExecStartAndThePackagesLoader() throws IOException {
        List<String> source = logicalLines(Files.readString(Packages.examples().resolve("systemd/nftlinkd.service")));
        List<String> packaged = logicalLines(Files.readString(top.resolve("lib/systemd/system/nftlinkd.service")));
        assertThat(packaged).hasSameSizeAs(source);
        for (int i = 0; i < source.size(); i++) {
            String line = source.get(i);
            if (line.startsWith("ExecStart=")) {
                String args = line.replaceFirst("^ExecStart=\\S*/java .*nftlink\\.examples\\.daemon\\.Nftlinkd", "")
                        .replaceFirst("^ExecStart=\\S*nftlinkd", "");
                assertThat(packaged.get(i)).isEqualTo("ExecStart=/usr/lib/nftlink/bin/nftlinkd" + args);
            } else if (line.matches("^(Wants|Requires|BindsTo)=.*")) {
                assertThat(packaged.get(i)).isEqualTo(line.replaceAll("\\bnftables\\.service\\b", "nftlink-load.service"));
            } else if (line.startsWith("After=")) {
                assertThat(packaged.get(i)).isEqualTo(line.replaceAll("\\bnftables\\.service\\b", "nftables.service nftlink-load.service"));
            } else if (line.startsWith("Documentation=")) {
                assertThat(packaged.get(i)).isEqualTo(line.replace("/doc/nftlink/README.md", "/doc/nftlink/README.systemd.md")
                        .replace("/doc/nftlink/README.nftlink.md", "/doc/nftlink/README.md"));
            } else {
                assertThat(packaged.get(i)).isEqualTo(line);
            }
        }
        assertThat(packaged).as("starting nftlinkd must not start nftables.service beside nftlink-load.service")
                .noneMatch(l -> l.matches("^(Wants|Requires|BindsTo)=.*\\bnftables\\.service\\b.*"));
    }

    @Test
    void everyDocumentTheUnitsNameIsInTheArchive() throws IOException {
        for (String unit : List.of("nftlinkd.service", "nftlink-load.service")) {
            List<String> documentation = logicalLines(Files.readString(top.resolve("lib/systemd/system").resolve(unit))).stream()
                    .filter(l -> l.startsWith("Documentation=")).toList();
            assertThat(documentation).as(unit).isNotEmpty();
            for (String uri : String.join(" ", documentation).replace("Documentation=", "").strip().split("\\s+")) {
                if (uri.startsWith("file:/usr/share/doc/nftlink/")) {
                    assertThat(top.resolve("share/doc/nftlink").resolve(uri.substring("file:/usr/share/doc/nftlink/".length())))
                            .as(unit + " names " + uri).isRegularFile();
                }
            }
        }
    }

    @Test
    void manPagesAndCompletionsArePackagedExactlyWhenTheExamplesBuildMadeThem() throws IOException {
        Map<String, List<String>> wanted = Map.of(
                "share/man/man8/nftlink.8", List.of("nftlink.8"),
                "share/man/man8/nftlinkd.8", List.of("nftlinkd.8"),
                "share/bash-completion/completions/nftlink", List.of("nftlink", "nftlink.bash", "nftlink_completion"),
                "share/bash-completion/completions/nftlinkd", List.of("nftlinkd", "nftlinkd.bash", "nftlinkd_completion"),
                "share/zsh/vendor-completions/_nftlink", List.of("_nftlink"),
                "share/zsh/vendor-completions/_nftlinkd", List.of("_nftlinkd"));
        Set<String> generated = generatedFileNames(Packages.examples().resolve("target"));
        List<String> entries = Packages.archiveEntries();
        for (var e : wanted.entrySet()) {
            boolean made = e.getValue().stream().anyMatch(generated::contains);
            assertThat(entries.contains(e.getKey())).as(e.getKey() + " packaged, generated: " + made).isEqualTo(made);
        }
    }

    /** Names of the regular files under examples/target, but for the compiled tests. */
    private static Set<String> generatedFileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(dir.resolve("test-classes")))
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet());
        }
    }

    /** A unit's lines with continuations ({@code \} at the end) joined, as systemd reads them. */
    static List<String> logicalLines(String unit) {
        List<String> lines = new ArrayList<>();
        StringBuilder pending = null;
        for (String line : unit.split("\n", -1)) {
            if (pending != null) {
                pending.append(' ').append(line.strip());
            } else {
                pending = new StringBuilder(line);
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
                pending = new StringBuilder(pending.toString().stripTrailing());
                continue;
            }
            lines.add(pending.toString());
            pending = null;
        }
        return lines;
    }
}
