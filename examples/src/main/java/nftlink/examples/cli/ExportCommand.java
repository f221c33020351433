package nftlink.examples.cli;

import java.util.List;

/**
 * {@code export [ruleset] xml|json|vm json}: nft 1.1.3 reads the command (parser_bison.y's
 * {@code export_cmd} and {@code markup_format}) and refuses every form, pointing at {@code list}
 * with {@code -j}. nftlink reads it the same way and fails with nft's words.
 */
final class ExportCommand {
    private ExportCommand() {
    }

    /** Reads {@code text} and fails as nft does: a syntax error, or nft's refusal of the format. */
    static int run(CommandText text) {
        List<String> w = text.words();
        int at = 1;
        if (at < w.size() && w.get(at).equals("ruleset")) {
            at++;
        }
        String expected = at == 1 ? "ruleset or xml or json or vm" : "xml or json or vm";
        if (at >= w.size()) {
            throw syntax(text, at, expected);
        }
        boolean json = switch (w.get(at)) {
            case "xml" -> false;
            case "json" -> true;
            case "vm" -> {
                at++;
                if (at >= w.size() || !w.get(at).equals("json")) {
                    throw syntax(text, at, "json");
                }
                yield true;
            }
            default -> throw syntax(text, at, expected);
        };
        if (at + 1 < w.size()) {
            throw syntax(text, at + 1, "end of file or newline or semicolon");
        }
        throw new CommandError(json ? "JSON export is no longer supported, use 'nft -j list ruleset' instead"
                : "this output type is not supported, use nft -j list ruleset for JSON support instead", CommandError.WHOLE_COMMAND);
    }

    /** nft's syntax error, naming the markup words as the keywords they are. */
    private static CommandError syntax(CommandText text, int word, String expecting) {
        String unexpected = word >= text.words().size() ? "newline"
                : List.of("ruleset", "xml", "json", "vm").contains(text.words().get(word)) ? text.words().get(word) : null;
        if (unexpected == null) {
            return CommandError.syntax(text, word, expecting);
        }
        return new CommandError("syntax error, unexpected " + unexpected + ", expecting " + expecting, word);
    }
}
