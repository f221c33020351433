package nftlink.examples.cli.docs;

import nftlink.examples.cli.CliDefinition;

import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A section-8 man page in man(7) format, from a command line's definition: its options (by its
 * option groups where it has them), its parameters, and the page's commands, exit status and
 * examples.
 */
final class ManPage {
    private ManPage() {
    }

    /** The page, for {@code version} of the program. */
    static String render(Page page, String version) {
        CommandSpec spec = page.command().getCommandSpec();
        StringBuilder sb = new StringBuilder();
        sb.append(".\\\" Generated from ").append(page.name()).append("'s command line definition; do not edit.\n");
        sb.append(".TH ").append(page.name().toUpperCase(Locale.ROOT)).append(" 8 \"\" \"nftlink ")
                .append(Troff.escape(version)).append("\" \"System Manager's Manual\"\n");
        sb.append(".SH NAME\n").append(page.name()).append(" \\- ").append(Troff.escape(page.summary())).append('\n');
        sb.append(".SH SYNOPSIS\n");
        for (String synopsis : page.synopses()) {
            sb.append(".B ").append(page.name()).append('\n').append(Troff.form(synopsis)).append("\n.br\n");
        }
        sb.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            sb.append(Troff.escape(line)).append('\n');
        }
        for (String note : page.notes()) {
            sb.append(".PP\n").append(Troff.escape(note)).append('\n');
        }
        options(sb, spec);
        if (!page.commands().isEmpty()) {
            sb.append(".SH COMMANDS\n");
            for (CliDefinition.Form form : page.commands()) {
                sb.append(".TP\n").append(Troff.form(form.synopsis())).append('\n').append(Troff.escape(form.description())).append('\n');
            }
        }
        List<String> footer = List.of(spec.usageMessage().footer()).stream().filter(l -> !l.isBlank()).toList();
        if (!footer.isEmpty()) {
            sb.append(".SH NOTES\n");
            footer.forEach(line -> sb.append(Troff.escape(line)).append("\n.br\n"));
        }
        sb.append(".SH EXIT STATUS\n").append(Troff.escape(page.exitStatus())).append('\n');
        sb.append(".SH EXAMPLES\n.nf\n").append(Troff.escape(String.join("\n", page.examples()))).append("\n.fi\n");
        sb.append(".SH SEE ALSO\n");
        for (int i = 0; i < page.seeAlso().size(); i++) {
            String ref = page.seeAlso().get(i);
            int paren = ref.indexOf('(');
            sb.append(".BR ").append(Troff.escape(ref.substring(0, paren))).append(' ').append(ref.substring(paren))
                    .append(i + 1 < page.seeAlso().size() ? ",\n" : "\n");
        }
        return sb.toString();
    }

    /** OPTIONS: one subsection per option group, or one list; then the parameters. */
    private static void options(StringBuilder sb, CommandSpec spec) {
        sb.append(".SH OPTIONS\n");
        List<ArgGroupSpec> groups = spec.argGroups();
        if (groups.isEmpty()) {
            spec.options().stream().filter(o -> !o.hidden()).forEach(o -> option(sb, o));
        }
        for (ArgGroupSpec group : groups) {
            sb.append(".SS \"").append(heading(group.heading())).append("\"\n");
            group.options().forEach(o -> option(sb, o));
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                sb.append(".TP\n").append(Troff.italic(p.paramLabel())).append(p.arity().max() > 1 ? "..." : "").append('\n');
                for (String d : p.description()) {
                    sb.append(Troff.escape(d)).append('\n');
                }
            }
        }
    }

    private static void option(StringBuilder sb, OptionSpec o) {
        sb.append(".TP\n").append(names(o)).append('\n');
        for (String d : o.description()) {
            sb.append(Troff.escape(d)).append('\n');
        }
    }

    /** {@code \fB-f\fR, \fB--file\fR \fI<filename>\fR}. */
    private static String names(OptionSpec o) {
        StringBuilder sb = new StringBuilder();
        String[] names = o.names();
        Arrays.sort(names, Comparator.comparingInt(String::length));
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
