package nftlink.examples.cli;

import nftlink.nftables.Table;
import nftlink.nftables.lang.Misspellings;
import nftlink.nftables.parse.NftParser;

import java.util.List;
import java.util.Optional;

/**
 * An nft command that cannot run, reported as nft reports it: {@code Error: MESSAGE}, the
 * command, and a caret under the word at fault. Exit status 1.
 */
final class CommandError extends RuntimeException {

    /** The word index that stands for the whole command: nft marks all of it, and one column more. */
    static final int WHOLE_COMMAND = -1;

    private final int word;

    /**
     * @param message what nft would say after {@code Error: }
     * @param word    the index of the word at fault ({@code words().size()}: after the last word;
     *                {@link #WHOLE_COMMAND}: all of it)
     */
    CommandError(String message, int word) {
        super(message);
        this.word = word;
    }

    /** A syntax error at {@code word}: {@code syntax error, unexpected ...}. */
    static CommandError syntax(CommandText text, int word, String expecting) {
        String unexpected = word >= text.words().size() ? "newline" : describe(text.words().get(word));
        return new CommandError("syntax error, unexpected " + unexpected + (expecting == null ? "" : ", expecting " + expecting), word);
    }

    /** A syntax error at a keyword that cannot stand at {@code word}: {@code syntax error, unexpected WORD, ...}. */
    static CommandError unexpectedWord(CommandText text, int word, String expecting) {
        return new CommandError("syntax error, unexpected " + text.words().get(word) + ", expecting " + expecting, word);
    }

    /** An object named at {@code word} does not exist: nft's {@code No such file or directory}. */
    static CommandError noSuch(int word) {
        return new CommandError("No such file or directory", word);
    }

    /**
     * An object named at {@code word} does not exist, with nft's guess at what was meant
     * ({@link Misspellings}), e.g. {@code chain 'c' in table inet 't'}.
     */
    static CommandError noSuch(int word, Optional<String> meant) {
        return new CommandError("No such file or directory" + meant.map(m -> "; did you mean " + m + "?").orElse(""), word);
    }

    /** nft's suggestion for a table {@code name} that is not among {@code tables}. */
    static Optional<String> meantTable(String name, List<Table> tables) {
        return Misspellings.closest(name, tables, Table::name).map(t -> "table '" + t.name() + "' in family " + t.family().nftName());
    }

    /** The message, the command line and the caret, as nft prints them on standard error (the message alone without a command). */
    String render(CommandText text) {
        if (text == null) {
            return "Error: " + getMessage();
        }
        String where = word == WHOLE_COMMAND ? text.line() + "\n" + "^".repeat(text.line().length() + 1) : text.pointAt(word);
        return "Error: " + getMessage() + "\n" + where;
    }

    private static String describe(String word) {
        if (word.startsWith("\"")) {
            return "quoted string";
        }
        return ListTarget.isKeyword(word) || Command.of(word) != null || NftParser.isKeyword(word) ? word : "string";
    }
}
