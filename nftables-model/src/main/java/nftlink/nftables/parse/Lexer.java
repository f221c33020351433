package nftlink.nftables.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits nft text into tokens: comments ({@code #} to the end of the line) and
 * line continuations (backslash before a line break) vanish; newlines stay, as
 * they separate statements.
 */
final class Lexer {
    private final Source source;
    private final String text;
    /** The text's characters, which the loops below read one by one. */
    private final char[] chars;
    private final List<Token> out;
    /** Words read before, by a hash of their characters: a word the text repeats is one string. */
    private final String[] words = new String[WORD_CACHE];
    private int pos;
    private int line = 1;
    private int lineStart;
    private int nesting;

    private Lexer(String file, String text) {
        this.source = new Source(file, text);
        this.text = text;
        this.chars = text.toCharArray();
        // about one token for every five characters of a rule set: no copying as the list grows
        this.out = new ArrayList<>(text.length() / 5 + 16);
    }

    /** Whether {@code word} is the text's {@code length} characters from {@code start}: a loop, as words are short. */
    private boolean sameWord(String word, int start, int length) {
        if (word.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (word.charAt(i) != chars[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** Slots of the word cache, a power of two. */
    private static final int WORD_CACHE = 1024;
    /** Longer words (addresses, names) rarely repeat: they are not looked up. */
    private static final int CACHED_WORD_LENGTH = 16;

    /**
     * The text from {@code start} to {@code end}: the string made for the same word before, when it is
     * still in its slot. Keywords and field names then allocate nothing, and their hash is computed once
     * for the lookups the parser makes with them.
     */
    private String word(int start, int end) {
        int length = end - start;
        if (length > CACHED_WORD_LENGTH) {
            return text.substring(start, end);
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + chars[i];
        }
        int slot = (h ^ (h >>> 10)) & (WORD_CACHE - 1);
        String cached = words[slot];
        if (cached != null && cached.hashCode() == h && sameWord(cached, start, length)) {
            return cached;
        }
        String word = text.substring(start, end);
        words[slot] = word;
        return word;
    }

    /**
     * The text tokens come from, which makes their locations when asked.
     *
     * @param file the file name as given
     * @param text the whole text
     */
    record Source(String file, String text) {
        /** The location of offsets {@code start} to {@code end} on line {@code line}, which starts at {@code lineStart}. */
        SourceLocation location(int line, int lineStart, int start, int end) {
            int lineEnd = text.indexOf('\n', lineStart);
            String lineText = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
            if (lineText.endsWith("\r")) {
                lineText = lineText.substring(0, lineText.length() - 1);
            }
            return new SourceLocation(file, line, start - lineStart + 1, end - lineStart, lineText);
        }
    }

    /** The tokens of {@code text}, ending with a newline token. */
    static List<Token> tokens(String file, String text) {
        Lexer l = new Lexer(file, text);
        l.run();
        return l.out;
    }

    private SourceLocation at(int start, int end) {
        return source.location(line, lineStart, start, end);
    }

    private void add(Token.Kind kind, String value, int start) {
        if (kind == Token.Kind.LBRACE || kind == Token.Kind.OTHER && value.equals("(")) {
            if (++nesting > InputLimits.MAX_NESTING) {
                throw new NftParseException(at(start, pos), "braces and parentheses nested too deeply (at most "
                        + InputLimits.MAX_NESTING + " levels)");
            }
        } else if (nesting > 0 && (kind == Token.Kind.RBRACE || kind == Token.Kind.OTHER && value.equals(")"))) {
            nesting--;
        }
        out.add(new Token(kind, value, source, line, lineStart, start, pos));
    }

    /** The ASCII characters of words, looked up rather than classified for every character of the text. */
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c) || "_.:/-*[]+~%".indexOf(c) >= 0;
        }
    }

    static boolean wordChar(char c) {
        return c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c);
    }

    /** The bitwise operators, words of their own as in nft's scanner: {@code tcp flags & (fin|syn)}. */
    private static boolean operatorChar(char c) {
        return c == '&' || c == '|' || c == '^';
    }

    private void run() {
        while (pos < chars.length) {
            char c = chars[pos];
            int start = pos;
            if (c == '\n') {
                pos++;
                add(Token.Kind.NEWLINE, "\n", start);
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && continuation()) {
                line++;
                lineStart = pos;
            } else if (c == '#') {
                while (pos < chars.length && chars[pos] != '\n') {
                    pos++;
                }
            } else if (c == '"') {
                string(start);
            } else if (c == '$' || c == '@') {
                pos++;
                // a set name is nft's string: after its first character also - . and / (kube-proxy's names have /)
                while (pos < chars.length && (Character.isLetterOrDigit(chars[pos]) || chars[pos] == '_'
                        || (chars[pos] == '-' || chars[pos] == '.' || chars[pos] == '/' && pos > start + 1)
                        && c == '@')) {
                    pos++;
                }
                if (pos == start + 1) {
                    add(Token.Kind.OTHER, String.valueOf(c), start);
                } else {
                    add(c == '$' ? Token.Kind.VARIABLE : Token.Kind.SET_REFERENCE, word(start + 1, pos), start);
                }
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                pos++;
                boolean eq = pos < chars.length && chars[pos] == '=';
                boolean shift = !eq && (c == '<' || c == '>') && pos < chars.length && chars[pos] == c;
                if (eq || shift) {
                    // <=, >=, != and ==; << and >> (shifts)
                    pos++;
                }
                String op = text.substring(start, pos);
                if (op.equals("=")) {
                    add(Token.Kind.EQUALS, op, start);
                } else {
                    add(op.equals("!") ? Token.Kind.OTHER : Token.Kind.OPERATOR, op, start);
                }
            } else if (c == '{' || c == '}' || c == ',' || c == ';') {
                pos++;
                add(switch (c) {
                    case '{' -> Token.Kind.LBRACE;
                    case '}' -> Token.Kind.RBRACE;
                    case ',' -> Token.Kind.COMMA;
                    default -> Token.Kind.SEMICOLON;
                }, word(start, pos), start);
            } else if (operatorChar(c)) {
                pos++;
                add(Token.Kind.WORD, word(start, pos), start);
            } else if (wordChar(c)) {
                while (pos < chars.length && wordChar(chars[pos])) {
                    pos++;
                }
                add(Token.Kind.WORD, word(start, pos), start);
            } else {
                pos += Character.charCount(text.codePointAt(pos));
                add(Token.Kind.OTHER, text.substring(start, pos), start);
            }
        }
        int start = pos;
        add(Token.Kind.NEWLINE, "\n", start);
    }

    /** Consumes a backslash, trailing blanks and the line break after them, if that is what follows. */
    private boolean continuation() {
        int p = pos + 1;
        while (p < chars.length && (chars[p] == ' ' || chars[p] == '\t' || chars[p] == '\r')) {
            p++;
        }
        if (p < chars.length && chars[p] == '\n') {
            pos = p + 1;
            return true;
        }
        return false;
    }

    private void string(int start) {
        pos++;
        while (pos < chars.length && chars[pos] != '"' && chars[pos] != '\n') {
            pos++;
        }
        if (pos >= chars.length || chars[pos] != '"') {
            throw new NftParseException(at(start, pos), "unterminated string");
        }
        pos++;
        add(Token.Kind.STRING, word(start + 1, pos - 1), start);
    }
}
