package nftlink.examples.cli.docs;

import nftlink.examples.cli.CliDefinition;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/**
 * {@code nftlink(8)} in man(7) format, from the command line's definition: its options by nft's
 * groups, and every form of every command with what it does.
 */
final class ManPage {
    private ManPage() {
    }

    /**
     * The page.
     *
     * @param cl       the command line ({@code NftlinkCommand.commandLine()})
     * @param commands each command form and its description, in order
     * @param version  nftlink's version
     */
    static String render(CommandLine cl, List<CliDefinition.Form> commands, String version) {
        CommandSpec spec = cl.getCommandSpec();
        StringBuilder sb = new StringBuilder();
        sb.append(".\\\" Generated from nftlink's command line definition; do not edit.\n");
        sb.append(".TH NFTLINK 8 \"\" \"nftlink ").append(Troff.escape(version)).append("\" \"System Manager's Manual\"\n");
        sb.append(".SH NAME\nnftlink \\- nft's command line over netlink, without the nft binary\n");
        sb.append(".SH SYNOPSIS\n");
        for (String synopsis : List.of("[ options ] [ cmds... ]", "[ options ] -f <filename>", "[ options ] -i")) {
            sb.append(".B nftlink\n").append(Troff.form(synopsis)).append("\n.br\n");
        }
        sb.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            sb.append(Troff.escape(line)).append('\n');
        }
        sb.append(".PP\nA command is nft's: its words may be given as separate arguments or as one, and several commands "
                + "may be separated by \\fB;\\fR. Commands that change the rule set are applied as one transaction: "
                + "all or nothing. Options come before the command, as for nft.\n");
        sb.append(".SH OPTIONS\n");
        for (ArgGroupSpec group : spec.argGroups()) {
            sb.append(".SS \"").append(heading(group.heading())).append("\"\n");
            for (OptionSpec o : group.options()) {
                sb.append(".TP\n").append(names(o)).append('\n');
                for (String d : o.description()) {
                    sb.append(Troff.escape(d)).append('\n');
                }
            }
        }
        sb.append(".SH COMMANDS\n");
        for (CliDefinition.Form form : commands) {
            sb.append(".TP\n").append(Troff.form(form.synopsis())).append('\n').append(Troff.escape(form.description())).append('\n');
        }
        sb.append(".PP\n");
        for (String line : spec.usageMessage().footer()) {
            if (!line.isBlank()) {
                sb.append(Troff.escape(line)).append("\n.br\n");
            }
        }
        sb.append(".SH EXIT STATUS\n0 on success; 1 for any error: a usage mistake, a syntax error, an object that does "
                + "not exist, or an error of the kernel (as nft).\n");
        sb.append(".SH EXAMPLES\n.nf\n")
                .append(Troff.escape("nftlink list ruleset\nnftlink -a list chain inet filter input\n"
                        + "nftlink -t list sets inet\nnftlink -c -f /etc/nftables.conf\n"
                        + "nftlink add rule inet filter input tcp dport 22 accept\n"
                        + "nftlink --netns blue monitor rules\n"))
                .append(".fi\n");
        sb.append(".SH SEE ALSO\n.BR nft (8),\n.BR nftlinkd (8)\n");
        return sb.toString();
    }

    /** {@code \fB-f\fR, \fB--file\fR \fI<filename>\fR}. */
    private static String names(OptionSpec o) {
        StringBuilder sb = new StringBuilder();
        String[] names = o.names();
        java.util.Arrays.sort(names, java.util.Comparator.comparingInt(String::length));
        for (String n : names) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(Troff.bold(n));
        }
        if (o.arity().max() > 0) {
            sb.append(' ').append(Troff.italic(o.paramLabel()));
        }
        return sb.toString();
    }

    private static String heading(String heading) {
        return heading.replace("%n", "").strip().replaceAll(":$", "");
    }
}
