package nftlink.nftables.parse;

/**
 * A token of the nft language.
 *
 * @param kind     what it is
 * @param text     its text (strings without quotes, variables and set references without {@code $}/{@code @})
 * @param location where it is
 */
record Token(Kind kind, String text, SourceLocation location) {

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
