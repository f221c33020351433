package nftlink.nftables.parse;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parser's view of the input: tokens of the main text, of included files
 * (pushed where the {@code include} stood) and of variables (expanded where
 * {@code $name} stands).
 */
final class TokenStream {

    /** Tokens of one file or one variable expansion. */
    private static final class Frame {
        final List<Token> tokens;
        final List<Path> files;
        int next;

        Frame(List<Token> tokens, List<Path> files) {
            this.tokens = tokens;
            this.files = files;
        }
    }

    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Map<String, List<Token>> variables = new HashMap<>();
    private Token last;
    private Token lastReal;
    private int expansions;
    private long expandedTokens;
    private int definitions;

    TokenStream(List<Token> tokens, Path file) {
        frames.push(new Frame(tokens, file == null ? List.of() : List.of(file)));
        last = tokens.isEmpty() ? null : tokens.getFirst();
    }

    /** Continues with {@code tokens} of {@code files} (in order) before the rest of the current input. */
    void include(List<Token> tokens, List<Path> files, SourceLocation where) {
        for (Frame f : frames) {
            for (Path file : files) {
                if (f.files.contains(file)) {
                    throw new NftParseException(where, "include cycle: " + file + " includes itself");
                }
            }
        }
        if (frames.size() > 64) {
            throw new NftParseException(where, "includes nested too deeply");
        }
        frames.push(new Frame(tokens, List.copyOf(files)));
    }

    /** The directory relative includes resolve against: that of the innermost file, or {@code null}. */
    Path currentDirectory() {
        for (Frame f : frames) {
            if (!f.files.isEmpty()) {
                return f.files.getFirst().toAbsolutePath().getParent();
            }
        }
        return null;
    }

    /**
     * Defines (or redefines) {@code name}. Variables in {@code value} must have been bound with
     * {@link #bind}, so the value refers to what they meant when it was defined without copying it.
     */
    void define(String name, List<Token> value) {
        List<Token> v = List.copyOf(value);
        variables.put(name, v);
        variables.put(snapshot(name), v);
    }

    private String snapshot(String name) {
        return name + "\u0000" + definitions++;
    }

    /**
     * A variable token of a definition's value, bound to what the variable means now (as nft resolves
     * {@code $x} in {@code define y = $x} when y is defined).
     */
    Token bind(Token variable) {
        List<Token> value = variables.get(variable.text());
        if (value == null) {
            throw new NftParseException(variable.location(), "unknown identifier '" + variable.text() + "'");
        }
        String key = snapshot(variable.text());
        variables.put(key, value);
        return new Token(Token.Kind.VARIABLE, key, variable.location());
    }

    /** The next token without expanding variables and without consuming it. */
    Token peekRaw() {
        for (Frame f : frames) {
            if (f.next < f.tokens.size()) {
                return f.tokens.get(f.next);
            }
            if (frames.size() == 1) {
                break;
            }
        }
        return end();
    }

    /** The next token without consuming it, with variables expanded. */
    Token peek() {
        while (true) {
            Frame f = frames.peek();
            if (f == null) {
                return end();
            }
            if (f.next >= f.tokens.size()) {
                if (frames.size() == 1) {
                    return end();
                }
                frames.pop();
                continue;
            }
            Token t = f.tokens.get(f.next);
            if (t.kind() == Token.Kind.VARIABLE) {
                List<Token> value = variables.get(t.text());
                if (value == null) {
                    throw new NftParseException(t.location(), "unknown identifier '" + t.text() + "'");
                }
                if (++expansions > InputLimits.MAX_EXPANSIONS
                        || (expandedTokens += value.size()) > InputLimits.MAX_EXPANDED_TOKENS) {
                    throw new NftParseException(t.location(), "too many variable expansions (at most "
                            + InputLimits.MAX_EXPANSIONS + " expansions and " + InputLimits.MAX_EXPANDED_TOKENS
                            + " tokens in all)");
                }
                f.next++;
                frames.push(new Frame(value, List.of()));
                continue;
            }
            return t;
        }
    }

    /**
     * Whether the token {@code offset} places after the next one (in the same file or
     * expansion) is one of {@code words}; looks ahead without expanding variables.
     */
    boolean peekIs(int offset, String... words) {
        peek();
        Frame f = frames.peek();
        if (f == null || f.next + offset >= f.tokens.size()) {
            return false;
        }
        Token t = f.tokens.get(f.next + offset);
        for (String w : words) {
            if (t.is(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The token {@code offset} places after the next one (in the same file or expansion), or the end
     * token; looks ahead without expanding variables.
     */
    Token peekToken(int offset) {
        peek();
        Frame f = frames.peek();
        if (f == null || f.next + offset >= f.tokens.size()) {
            return end();
        }
        return f.tokens.get(f.next + offset);
    }

    /** Consumes the next token and reads {@code replacement} in its place. */
    void replaceNext(List<Token> replacement) {
        next();
        frames.push(new Frame(List.copyOf(replacement), List.of()));
    }

    /** Consumes the next token. */
    Token next() {
        Token t = peek();
        if (t.kind() != Token.Kind.END) {
            frames.peek().next++;
            last = t;
            if (t.kind() != Token.Kind.NEWLINE) {
                lastReal = t;
            }
        }
        return t;
    }

    /** The end of input, located just after the last token that was not a line break. */
    private Token end() {
        if (lastReal == null) {
            return new Token(Token.Kind.END, "", last.location());
        }
        SourceLocation l = lastReal.location();
        return new Token(Token.Kind.END, "", new SourceLocation(l.file(), l.line(), l.endColumn() + 1, l.endColumn() + 1,
                l.lineText()));
    }

    /** The last token consumed. */
    Token last() {
        return last;
    }

    /** Consumes the next token without expanding variables (for the name in {@code define NAME = }). */
    Token nextRaw() {
        Frame f = frames.peek();
        while (f != null && f.next >= f.tokens.size() && frames.size() > 1) {
            frames.pop();
            f = frames.peek();
        }
        if (f == null || f.next >= f.tokens.size()) {
            return end();
        }
        last = f.tokens.get(f.next++);
        if (last.kind() != Token.Kind.NEWLINE) {
            lastReal = last;
        }
        return last;
    }
}
