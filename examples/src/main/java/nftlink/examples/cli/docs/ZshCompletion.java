package nftlink.examples.cli.docs;

import nftlink.examples.cli.CliDefinition;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Arrays;
import java.util.List;

/**
 * The zsh completion function {@code _nftlink}, from the command line's definition: every option
 * with its help text (file names after {@code -f}, directories after {@code -I}, namespaces after
 * {@code --netns}), the commands with what they do, and the words each command takes.
 */
final class ZshCompletion {
    private ZshCompletion() {
    }

    /** The contents of {@code _nftlink}, for a directory on zsh's {@code fpath}. */
    static String render(CommandSpec spec, List<CliDefinition.Word> commands) {
        StringBuilder sb = new StringBuilder();
        sb.append("#compdef nftlink\n");
        sb.append("# zsh completion for nftlink, generated from its command line definition; do not edit.\n\n");
        sb.append("_nftlink_netns() {\n  local -a names\n  names=(/var/run/netns/*(N:t))\n  compadd -a names\n}\n\n");
        sb.append("_nftlink_command() {\n  if (( CURRENT == 1 )); then\n    local -a commands\n    commands=(\n");
        for (CliDefinition.Word w : commands) {
            sb.append("      ").append(quote(w.word() + ":" + w.description())).append('\n');
        }
        sb.append("    )\n    _describe -t commands 'nftlink command' commands\n    return\n  fi\n");
        sb.append("  case ${words[1]} in\n");
        for (CliDefinition.Word w : commands) {
            if (!w.next().isEmpty()) {
                sb.append("    ").append(w.word()).append(") compadd -- ").append(String.join(" ", w.next())).append(" ;;\n");
            }
        }
        sb.append("    daemon) _files ;;\n  esac\n}\n\n");
        sb.append("_nftlink() {\n  _arguments -s -S \\\n");
        for (OptionSpec o : spec.options()) {
            sb.append("    ").append(option(o)).append(" \\\n");
        }
        sb.append("    '*::nftlink command:_nftlink_command'\n}\n\n_nftlink \"$@\"\n");
        return sb.toString();
    }

    /** One {@code _arguments} spec: exclusion list, names, help text and how its value completes. */
    private static String option(OptionSpec o) {
        String[] names = o.names();
        Arrays.sort(names, java.util.Comparator.comparingInt(String::length));
        boolean value = o.arity().max() > 0;
        boolean repeats = o.isMultiValue() || !value;
        String help = "[" + String.join(" ", o.description()).replace("[", "(").replace("]", ")").replace(":", ";") + "]";
        String completer = !value ? "" : ":" + o.paramLabel().replace(":", ";") + ":" + completer(o);
        StringBuilder names1 = new StringBuilder();
        for (String n : names) {
            if (!names1.isEmpty()) {
                names1.append(',');
            }
            names1.append(n).append(value ? (n.startsWith("--") ? "=" : "+") : "");
        }
        String exclusion = repeats ? (o.isMultiValue() ? "*" : "") : "(" + String.join(" ", names) + ")";
        String spec = names.length == 1 ? names1 + help + completer : "{" + names1 + "}" + quote(help + completer);
        return names.length == 1 ? quote(exclusion + spec) : quote(exclusion) + spec;
    }

    private static String completer(OptionSpec o) {
        return switch (o.longestName()) {
            case "--file" -> "_files";
            case "--includepath" -> "_files -/";
            case "--netns" -> "_nftlink_netns";
            case "--debug" -> "_values -s , level netlink all";
            default -> " ";
        };
    }

    /** A single-quoted zsh word. */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
