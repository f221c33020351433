package nftlink.examples.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code nftlink}'s command line as data, for what is generated from it at build time
 * ({@code nftlink.examples.cli.docs}): the man page and the shell completions.
 */
public final class CliDefinition {
    private CliDefinition() {
    }

    /**
     * One form of a command.
     *
     * @param synopsis    its words, placeholders in capitals
     * @param description what it does
     */
    public record Form(String synopsis, String description) {
    }

    /**
     * A command word for completion.
     *
     * @param word        the word
     * @param description what the command does, in a few words
     * @param next        the words that may follow it
     */
    public record Word(String word, String description, List<String> next) {
    }

    /** The options and commands, as {@code nftlink} parses and documents them. */
    public static CommandLine commandLine() {
        return NftlinkCommand.commandLine();
    }

    /** Every form of every command the help shows, in its order. */
    public static List<Form> forms() {
        List<Form> forms = new ArrayList<>();
        for (Command c : Command.values()) {
            if (!c.hidden()) {
                c.forms().forEach(f -> forms.add(new Form(f.synopsis(), f.description())));
            }
        }
        return forms;
    }

    /** The words a command starts with, each with what may follow it. */
    public static List<Word> commands() {
        return Arrays.stream(Command.values()).filter(c -> !c.hidden())
                .map(c -> new Word(c.word(), c.summary(), c.completions())).toList();
    }

    /** nftlink's version. */
    public static String version() {
        return VersionText.version();
    }
}
