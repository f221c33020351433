package nftlink.examples.cli.docs;

import nftlink.examples.cli.CliDefinition;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A zsh completion function ({@code _NAME}) from a command line's definition: every option with
 * its help text (file names after {@code -f} and {@code --file}, directories after
 * {@code --includepath}, namespaces after {@code --netns}), the commands with what they do, and
 * the words each command takes; with {@code files}, file names wherever a command is not expected.
 */
final class ZshCompletion {
    private ZshCompletion() {
    }

    /**
     * The contents of {@code _NAME}, for a directory on zsh's {@code fpath}.
     *
     * @param name     the program
     * @param spec     its options
     * @param commands its commands and the words each takes
     * @param files    whether its arguments are file names too (nftlinkd's policies)
     */
    static String render(String name, CommandSpec spec, List<CliDefinition.Word> commands, boolean files) {
        StringBuilder sb = new StringBuilder();
        sb.append("#compdef ").append(name).append('\n');
        sb.append("# zsh completion for ").append(name).append(", generated from its command line definition; do not edit.\n\n");
        sb.append("_").append(name).append("_netns() {\n  local -a names\n  names=(/var/run/netns/*(N:t))\n  compadd -a names\n}\n\n");
        sb.append("_").append(name).append("_command() {\n  if (( CURRENT == 1 )); then\n    local -a commands\n    commands=(\n");
        for (CliDefinition.Word w : commands) {
            sb.append("      ").append(quote(w.word() + ":" + w.description())).append('\n');
        }
        sb.append("    )\n    _describe -t commands '").append(name).append(" command' commands\n");
        sb.append(files ? "    _files\n" : "").append("    return\n  fi\n");
        sb.append("  case ${words[1]} in\n");
        for (CliDefinition.Word w : commands) {
            if (!w.next().isEmpty()) {
                sb.append("    ").append(w.word()).append(") compadd -- ").append(String.join(" ", w.next())).append(" ;;\n");
            }
        }
        sb.append("    *) _files ;;\n  esac\n}\n\n");
        sb.append("_").append(name).append("() {\n  _arguments -s -S \\\n");
        for (OptionSpec o : spec.options()) {
            sb.append("    ").append(option(name, o)).append(" \\\n");
        }
        sb.append("    '*::").append(name).append(" command:_").append(name).append("_command'\n}\n\n_").append(name).append(" \"$@\"\n");
        return sb.toString();
    }

    /** One {@code _arguments} spec: exclusion list, names, help text and how its value completes. */
    private static String option(String program, OptionSpec o) {
        String[] names = o.names();
        Arrays.sort(names, Comparator.comparingInt(String::length));
        boolean value = o.arity().max() > 0;
        boolean repeats = o.isMultiValue() || !value;
        String help = "[" + String.join(" ", o.description()).replace("[", "(").replace("]", ")").replace(":", ";") + "]";
        String completer = !value ? "" : ":" + o.paramLabel().replace(":", ";") + ":" + completer(program, o);
        StringBuilder spelled = new StringBuilder();
        for (String n : names) {
            if (!spelled.isEmpty()) {
                spelled.append(',');
            }
            spelled.append(n).append(value ? (n.startsWith("--") ? "=" : "+") : "");
        }
        String exclusion = repeats ? (o.isMultiValue() ? "*" : "") : "(" + String.join(" ", names) + ")";
        return names.length == 1 ? quote(exclusion + spelled + help + completer)
                : quote(exclusion) + "{" + spelled + "}" + quote(help + completer);
    }

    private static String completer(String program, OptionSpec o) {
        return switch (o.longestName()) {
            case "--file" -> "_files";
            case "--includepath", "--cgroup-root" -> "_files -/";
            case "--netns" -> "_" + program + "_netns";
            case "--debug" -> "_values -s , level netlink all";
            default -> " ";
        };
    }

    /** A single-quoted zsh word. */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
