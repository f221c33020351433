package nftlink.examples.cli;

import nftlink.nftables.lang.ExpressionDescription;
import nftlink.nftables.lang.Fields;

import java.util.List;

/**
 * {@code describe EXPRESSION}: nft 1.1.3's description of a field's datatype
 * ({@link ExpressionDescription}); a word that names nothing is a symbol of no type, as nft has it.
 */
final class DescribeCommand {

    /** Verdict words, keywords of nft's scanner that no expression starts with. */
    private static final List<String> VERDICTS = List.of("accept", "drop", "reject", "continue", "return", "jump", "goto", "queue");

    private DescribeCommand() {
    }

    /** What nft prints for {@code text}. */
    static String run(CommandText text) {
        List<String> words = text.words().subList(1, text.words().size());
        var description = ExpressionDescription.describe(words);
        if (description.isPresent()) {
            return description.get();
        }
        boolean fieldStart = !words.isEmpty() && (Fields.isProtocol(words.getFirst()) || List.of("meta", "ct").contains(words.getFirst()));
        if (words.size() == 1 && !fieldStart && !VERDICTS.contains(words.getFirst()) && !ListTarget.isKeyword(words.getFirst())
                && Command.of(words.getFirst()) == null && !words.getFirst().startsWith("\"")) {
            return "symbol expression, datatype invalid (invalid)\n";
        }
        if (words.size() > 2 && ExpressionDescription.describe(words.subList(0, 2)).isPresent()) {
            throw new CommandError("syntax error, unexpected " + (words.get(2).matches("[0-9]+") ? "number" : "string")
                    + ", expecting end of file or newline or semicolon", 3);
        }
        if (words.size() > 1 && !fieldStart) {
            throw CommandError.syntax(text, 2, "end of file or newline or semicolon");
        }
        if (words.size() == 1 && !fieldStart) {
            throw new CommandError("syntax error, unexpected " + words.getFirst(), 1);
        }
        throw CommandError.syntax(text, text.words().size(), null);
    }
}
