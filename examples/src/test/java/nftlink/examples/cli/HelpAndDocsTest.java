package nftlink.examples.cli;

import nftlink.examples.cli.docs.GenerateDocs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help, the man pages and the completions come from the command line definitions: each names every
 * option and every command form, and the completions complete in bash (and zsh, where it is installed;
 * CI has it). {@code nftlinkd(8)} and its completions come from the daemon's own definition.
 */
class HelpAndDocsTest {

    private static List<String> optionNames() {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : NftlinkCommand.commandLine().getCommandSpec().options()) {
            names.addAll(List.of(o.names()));
        }
        return names;
    }

    @Test
    void helpShowsEveryOptionAndEveryForm() {
        MainTest.Run r = MainTest.run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: nftlink [ options ] [ cmds... ]\n");
        for (String name : optionNames()) {
            assertThat(r.out()).contains(name);
        }
        for (CliDefinition.Form f : CliDefinition.forms()) {
            assertThat(r.out()).contains("  " + f.synopsis()).contains(f.description().split(" ")[0]);
        }
        assertThat(optionNames()).contains("-a", "-s", "-t", "-n", "-N", "-S", "-u", "-y", "-p", "-T", "-V", "-I", "-i", "-c", "-e",
                "-f", "-o", "-d", "-D", "-j", "--netns", "--resolve-hostnames");
    }

    @Test
    void manPageNamesEveryOptionAndForm(@TempDir Path dir) throws IOException, InterruptedException {
        GenerateDocs.main(new String[]{dir.toString()});
        String page = Files.readString(dir.resolve("man/nftlink.8"));
        assertThat(page).startsWith(".\\\" Generated").contains(".TH NFTLINK 8 ", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS",
                ".SH EXIT STATUS", ".SH SEE ALSO");
        for (String name : optionNames()) {
            assertThat(page).contains("\\fB" + name.replace("-", "\\-") + "\\fR");
        }
        for (CliDefinition.Form f : CliDefinition.forms()) {
            assertThat(page).contains(f.description().replace("-", "\\-"));
        }
        String daemonPage = Files.readString(dir.resolve("man/nftlinkd.8"));
        assertThat(daemonPage).contains(".TH NFTLINKD 8 ", ".SH COMMANDS", "\\fBstatus\\fR", "\\fB\\-\\-dry\\-run\\fR", "\\fIPOLICY\\fR");
        for (String name : List.of("nftlink.8", "nftlinkd.8")) {
            for (String line : Files.readString(dir.resolve("man").resolve(name)).lines().toList()) {
                if (line.startsWith(".")) {
                    assertThat(line).as("a man(7) request").matches("\\.(\\\\\".*|TH .*|SH .*|SS .*|TP|PP|B .*|BR .*|br|nf|fi)");
                }
            }
            Path groff = Path.of("/usr/bin/groff");
            if (Files.isExecutable(groff)) {
                Process p = new ProcessBuilder(groff.toString(), "-man", "-Tutf8", "-ww", "-z", dir.resolve("man").resolve(name).toString())
                        .redirectErrorStream(true).start();
                String warnings = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(warnings).as("groff's warnings on " + name).isEmpty();
            }
        }
    }

    /** What bash's completion offers after {@code line}, through the generated script. */
    private static List<String> bash(Path script, String line) throws IOException, InterruptedException {
        String program = line.split(" ")[0];
        String shell = "source " + script + " 2>/dev/null\n"
                + "read -ra COMP_WORDS <<< \"$LINE\"; [[ \"$LINE\" == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE=\"$LINE\"; COMP_POINT=${#LINE}\n"
                + "_complete_" + program + " " + program + " \"${COMP_WORDS[-1]}\" 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", shell);
        pb.environment().put("LINE", line);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(s -> !s.isBlank()).toList();
    }

    @Test
    void bashCompletesOptionsCommandsAndTheirWords(@TempDir Path dir) throws IOException, InterruptedException {
        GenerateDocs.main(new String[]{dir.toString()});
        Path script = dir.resolve("completion/nftlink.bash");
        assertThat(bash(script, "nftlink li")).containsExactly("list");
        assertThat(bash(script, "nftlink list ")).contains("ruleset", "tables", "table", "chain", "sets", "counters", "ct", "inet");
        assertThat(bash(script, "nftlink list coun")).containsExactlyInAnyOrder("counters", "counter");
        assertThat(bash(script, "nftlink --ne")).containsExactly("--netns");
        assertThat(bash(script, "nftlink -")).contains("-a", "--handle", "-j", "--json", "-f", "--file", "-V");
        assertThat(bash(script, "nftlink monitor ")).contains("new", "destroy", "rules", "--count").doesNotContain("inet");
        Path daemon = dir.resolve("completion/nftlinkd.bash");
        assertThat(bash(daemon, "nftlinkd --dr")).containsExactly("--dry-run");
        assertThat(bash(daemon, "nftlinkd st")).containsExactly("status");
        assertThat(bash(daemon, "nftlinkd status --js")).containsExactly("--json");
    }

    @Test
    void zshCompletionFunctionParsesAndOffersOptionsAndCommandWords(@TempDir Path dir) throws IOException, InterruptedException {
        Path zsh = Path.of("/usr/bin/zsh");
        if (!Files.isExecutable(zsh)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must check the zsh completion, but zsh is not installed (./run-tests installs it)");
            }
            Assumptions.abort("skipped: no zsh");
        }
        GenerateDocs.main(new String[]{dir.toString()});
        Path function = dir.resolve("completion/_nftlink");
        assertThat(Files.readString(function)).startsWith("#compdef nftlink\n");
        assertThat(Files.readString(dir.resolve("completion/_nftlinkd"))).startsWith("#compdef nftlinkd\n")
                .contains("'--dry-run[print, in nft syntax, every change it would make, and exit]'", "'status:");
        for (String name : List.of("_nftlink", "_nftlinkd")) {
            Process syntax = new ProcessBuilder(zsh.toString(), "-n", dir.resolve("completion").resolve(name).toString())
                    .redirectErrorStream(true).start();
            assertThat(new String(syntax.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as(name).isEmpty();
            assertThat(syntax.waitFor()).isZero();
        }
        // the command words, with zsh's completion builtins replaced by ones that print what they are given
        String program = "compadd() { print -r -- \"compadd $*\" }\n_describe() { print -r -- \"describe ${(P)4}\" }\n"
                + "_arguments() { print -rl -- \"$@\" }\n_files() { : }\n"
                + "source " + function + "\n"
                + "words=(list ''); CURRENT=2; _nftlink_command\nwords=(''); CURRENT=1; _nftlink_command\n_nftlink\n";
        Process p = new ProcessBuilder(zsh.toString(), "-f", "-c", program).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("compadd -- ruleset tables table")
                .contains("--netns=[Work inside network namespace <name> (/var/run/netns/<name>)]:<name>:_nftlink_netns\n")
                .contains("-f+[Read input from <filename> ('-' for standard input), applied as one transaction]:<filename>:_files\n")
                .contains("*::nftlink command:_nftlink_command\n")
                .contains("describe list:print the rule set, or a part of it");
    }
}
