package nftlink.nftables.parse;

/**
 * A token of the nft language: what it is ({@link #kind}), its text (strings without quotes,
 * variables and set references without {@code $}/{@code @}) and where it is. The lexer's tokens
 * hold only offsets into their file's text and make their {@link SourceLocation} when asked (for
 * an error, or a rule's span): most tokens are never asked.
 */
final class Token {
    private final Kind kind;
    private final String text;
    private final Lexer.Source source;
    private final int line;
    private final int lineStart;
    private final int start;
    private final int end;
    private SourceLocation location;

    /** A token at {@code location}. */
    Token(Kind kind, String text, SourceLocation location) {
        this(kind, text, null, 0, 0, 0, 0);
        this.location = location;
    }

    /**
     * A token of {@code source}'s text from offset {@code start} to {@code end} (exclusive), on line
     * {@code line}, which starts at offset {@code lineStart}.
     */
    Token(Kind kind, String text, Lexer.Source source, int line, int lineStart, int start, int end) {
        this.kind = kind;
        this.text = text;
        this.source = source;
        this.line = line;
        this.lineStart = lineStart;
        this.start = start;
        this.end = end;
    }

    /** What it is. */
    Kind kind() {
        return kind;
    }

    /** Its text. */
    String text() {
        return text;
    }

    /** Where it is. */
    SourceLocation location() {
        if (location == null) {
            location = source.location(line, lineStart, start, end);
        }
        return location;
    }

    @Override
    public String toString() {
        return "Token[" + kind + " " + text + "]";
    }

    /** Token kinds. */
    enum Kind {
        /** A word: keyword, name, number, address, prefix, range ({@code 10.0.0.0/8}, {@code ipv6-icmp}). */
        WORD,
        /** A double-quoted string. */
        STRING,
        /** {@code $name}. */
        VARIABLE,
        /** {@code @name}. */
        SET_REFERENCE,
        /** {@code ==}, {@code !=}, {@code <}, {@code >}, {@code <=}, {@code >=}. */
        OPERATOR,
        LBRACE, RBRACE, COMMA, EQUALS, SEMICOLON, NEWLINE,
        /** A character nft's grammar has no use for here. */
        OTHER,
        END
    }

    boolean is(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    boolean isEndOfStatement() {
        return kind == Kind.NEWLINE || kind == Kind.SEMICOLON || kind == Kind.RBRACE || kind == Kind.END;
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "end of file";
            case NEWLINE -> "newline";
            case STRING -> "string \"" + InputLimits.shown(text) + "\"";
            case VARIABLE -> "$" + text;
            case SET_REFERENCE -> "@" + text;
            case LBRACE, RBRACE, COMMA, EQUALS, SEMICOLON, OTHER, OPERATOR -> "'" + InputLimits.shown(text) + "'";
            case WORD -> InputLimits.shown(text);
        };
    }
}
