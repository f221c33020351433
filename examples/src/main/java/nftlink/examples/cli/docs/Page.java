package nftlink.examples.cli.docs;

import nftlink.examples.cli.CliDefinition;
import nftlink.examples.daemon.Nftlinkd;

import picocli.CommandLine;

import java.util.List;

/**
 * What a man page says beyond its command line's options: the name line, the synopses, the
 * commands, the exit status, the examples and the related pages.
 *
 * @param command    the command line the options come from
 * @param name       the program's name
 * @param summary    the NAME line's text after the dash
 * @param synopses   the synopsis lines after the program's name
 * @param notes      paragraphs after the description
 * @param commands   the command forms with what each does (none: no COMMANDS section)
 * @param exitStatus the EXIT STATUS paragraph
 * @param examples   example command lines
 * @param seeAlso    related pages, as {@code nft(8)}
 */
record Page(CommandLine command, String name, String summary, List<String> synopses, List<String> notes,
            List<CliDefinition.Form> commands, String exitStatus, List<String> examples, List<String> seeAlso) {

    /** {@code nftlink(8)}. */
    static Page nftlink() {
        return new Page(CliDefinition.commandLine(), "nftlink", "nft's command line over netlink, without the nft binary",
                List.of("[ options ] [ cmds... ]", "[ options ] -f <filename>", "[ options ] -i"),
                List.of("A command is nft's: its words may be given as separate arguments or as one, and several commands "
                        + "may be separated by ;. Commands that change the rule set are applied as one transaction: "
                        + "all or nothing. Options come before the command, as for nft."),
                CliDefinition.forms(),
                "0 on success; 1 for any error: a usage mistake, a syntax error, an object that does not exist, "
                        + "or an error of the kernel (as nft).",
                List.of("nftlink list ruleset", "nftlink -a list chain inet filter input", "nftlink -t list sets inet",
                        "nftlink -c -f /etc/nftables.conf", "nftlink add rule inet filter input tcp dport 22 accept",
                        "nftlink --netns blue monitor rules"),
                List.of("nft(8)", "nftlinkd(8)"));
    }

    /** {@code nftlinkd(8)}, from the daemon's own command line. */
    static Page nftlinkd() {
        CommandLine cl = Nftlinkd.commandLine();
        return new Page(cl, "nftlinkd", "keeps per-application nftables rules true as cgroups come and go",
                List.of("[ options ] POLICY...", "status [ --json ] POLICY..."), List.of(), subcommandForms(cl),
                "0 on success (status: the kernel holds what the policy wants); 1 for an error; 2 for a usage mistake; "
                        + "3 (status only): the kernel does not hold what the policy wants.",
                List.of("nftlinkd --load /etc/nftables.conf", "nftlinkd --dry-run /etc/nftlinkd.d",
                        "nftlinkd status --json /etc/nftables.conf"),
                List.of("nftlink(8)", "nft(8)", "systemd.service(5)"));
    }

    /** Each subcommand as a form: its name, its options and parameters, and its description. */
    private static List<CliDefinition.Form> subcommandForms(CommandLine cl) {
        return cl.getSubcommands().values().stream().map(sub -> {
            StringBuilder synopsis = new StringBuilder(sub.getCommandName());
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.usageHelp() && !o.versionHelp()) {
                    synopsis.append(" [").append(o.longestName()).append(o.arity().max() > 0 ? " " + o.paramLabel() : "").append(']');
                }
            }
            for (CommandLine.Model.PositionalParamSpec p : sub.getCommandSpec().positionalParameters()) {
                synopsis.append(' ').append(p.paramLabel()).append(p.arity().max() > 1 ? "..." : "");
            }
            return new CliDefinition.Form(synopsis.toString(), String.join(" ", sub.getCommandSpec().usageMessage().description()));
        }).toList();
    }
}
