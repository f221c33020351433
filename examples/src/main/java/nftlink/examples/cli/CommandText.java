package nftlink.examples.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of one nft command, and the line nft reads them as: its arguments joined with
 * spaces. Errors point at a word with a caret under it, as nft points at a token.
 *
 * @param words the words, double-quoted strings kept whole with their quotes
 */
record CommandText(List<String> words) {

    CommandText {
        words = List.copyOf(words);
    }

    /**
     * The words of {@code arguments} joined with spaces, as nft joins them, and split again at
     * blanks outside double quotes: {@code nftlink 'add rule ip t c accept'} is five words.
     */
    static CommandText of(List<String> arguments) {
        String line = String.join(" ", arguments);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            }
            if (!quoted && Character.isWhitespace(ch)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(ch);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return new CommandText(words);
    }

    /** The command as one line. */
    String line() {
        return String.join(" ", words);
    }

    /** The word at {@code index} without the quotes of a quoted string, as nft reads an identifier. */
    String identifier(int index) {
        String w = words.get(index);
        return w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"") ? w.substring(1, w.length() - 1) : w;
    }

    /** The line with a caret line under word {@code index}; past the last word, one caret after the line. */
    String pointAt(int index) {
        int column = 0;
        for (int i = 0; i < index && i < words.size(); i++) {
            column += words.get(i).length() + 1;
        }
        int width = index < words.size() ? words.get(index).length() : 1;
        if (index >= words.size()) {
            column = line().length();
        }
        return line() + "\n" + " ".repeat(column) + "^".repeat(Math.max(width, 1));
    }
}
