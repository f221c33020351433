package nftlink.examples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/**
 * {@code nftlink}'s arguments split as nft's getopt splits them: options first, then the command
 * words. Like nft, an option after a command word is an error (before a word that starts with
 * {@code {}); nftlink's {@code monitor --count N} is the one option a command takes.
 *
 * @param options the arguments that are options and their values
 * @param words   the command words
 */
record Argv(List<String> options, List<String> words) {

    /** Splits {@code args} with the options of {@code spec}; {@code --} ends the options. */
    static Argv split(String[] args, CommandSpec spec) {
        int i = 0;
        while (i < args.length && args[i].startsWith("-") && !args[i].equals("-")) {
            if (args[i].equals("--")) {
                return new Argv(List.of(args).subList(0, i), List.of(args).subList(i + 1, args.length));
            }
            i += takesSeparateValue(args[i], spec) ? 2 : 1;
        }
        i = Math.min(i, args.length);
        return new Argv(List.of(args).subList(0, i), List.of(args).subList(i, args.length));
    }

    /** Whether option argument {@code arg} (a long option or a cluster of short ones) needs the next argument as its value. */
    private static boolean takesSeparateValue(String arg, CommandSpec spec) {
        if (arg.startsWith("--")) {
            OptionSpec o = arg.contains("=") ? null : spec.findOption(arg);
            return o != null && o.arity().max() > 0;
        }
        for (int k = 1; k < arg.length(); k++) {
            OptionSpec o = spec.findOption(arg.charAt(k));
            if (o != null && o.arity().max() > 0) {
                return k == arg.length() - 1;
            }
        }
        return false;
    }

    /**
     * nft's check that no option follows a command word (up to a word that starts with
     * {@code {}), leaving nftlink's {@code monitor --count}.
     *
     * @throws CommandError at the first option among the command words
     */
    void checkOrder() {
        List<String> w = words;
        boolean monitor = !w.isEmpty() && w.getFirst().equals(Command.MONITOR.word());
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            if (word.startsWith("{")) {
                break;
            }
            if (monitor && (word.equals("--count") || word.startsWith("--count="))) {
                i += word.equals("--count") ? 1 : 0;
                continue;
            }
            if (word.startsWith("-") && word.length() > 1 && !Character.isDigit(word.charAt(1))) {
                throw new CommandError("syntax error, options must be specified before commands", i);
            }
        }
    }
}
