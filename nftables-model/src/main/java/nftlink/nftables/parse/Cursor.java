package nftlink.nftables.parse;

import java.util.function.Supplier;

/** Token-level helpers shared by the parsers: expectations and errors. */
final class Cursor {
    final TokenStream in;

    Cursor(TokenStream in) {
        this.in = in;
    }

    Token peek() {
        return in.peek();
    }

    Token next() {
        return in.next();
    }

    boolean at(String word) {
        return in.peek().is(word);
    }

    boolean at(Token.Kind kind) {
        return in.peek().kind() == kind;
    }

    /** Consumes the word if it is next. */
    boolean accept(String word) {
        if (at(word)) {
            in.next();
            return true;
        }
        return false;
    }

    boolean accept(Token.Kind kind) {
        if (at(kind)) {
            in.next();
            return true;
        }
        return false;
    }

    Token expect(String word) {
        if (!at(word)) {
            throw unexpected("'" + word + "'");
        }
        return in.next();
    }

    Token expect(Token.Kind kind, String what) {
        if (!at(kind)) {
            throw unexpected(what);
        }
        return in.next();
    }

    /**
     * A name where nft's grammar wants an identifier (tables, chains, sets, objects, flowtables): a word
     * that is none of nft's keywords ({@code last} excepted, as in nft). A family word, a command word or
     * a quoted string is never taken as such a name, so {@code table inet} at the end of input is an
     * error, not a table named inet.
     */
    Token identifier(String what) {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD || Keywords.reserved(t.text())) {
            throw unexpected(what);
        }
        return in.next();
    }

    /** A name: a word or a quoted string. */
    Token name(String what) {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
            throw unexpected(what);
        }
        return in.next();
    }

    /** An unsigned integer word. */
    long number(String what) {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD) {
            throw unexpected(what);
        }
        try {
            long v = t.text().startsWith("0x") ? Long.parseUnsignedLong(t.text().substring(2), 16) : Long.parseUnsignedLong(t.text());
            in.next();
            return v;
        } catch (NumberFormatException e) {
            throw unexpected(what);
        }
    }

    int smallNumber(String what, int max) {
        Token t = in.peek();
        long v = number(what);
        if (v > max) {
            throw error(t, what + " out of range (at most " + max + ")");
        }
        return (int) v;
    }

    /** Whether {@code text} is a decimal number ({@code \\d+}): a hand-written test, as the parser asks it of many words. */
    static boolean isDecimal(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} is a decimal or {@code 0x} hexadecimal number ({@code \\d+|0x[0-9a-fA-F]+}). */
    static boolean isNumber(String text) {
        if (!text.startsWith("0x")) {
            return isDecimal(text);
        }
        if (text.length() == 2) {
            return false;
        }
        for (int i = 2; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** Skips newlines (inside braces, where they do not end anything). */
    void skipNewlines() {
        while (at(Token.Kind.NEWLINE)) {
            in.next();
        }
    }

    NftParseException unexpected(String expected) {
        Token t = in.peek();
        return new NftParseException(t.location(), "syntax error, unexpected " + t.describe() + ", expecting " + expected);
    }

    static NftParseException error(Token t, String problem) {
        return new NftParseException(t.location(), problem);
    }

    /** Runs {@code action}, turning the rule language's {@link IllegalArgumentException} into an error at {@code t}. */
    static <T> T at(Token t, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new NftParseException(t.location(), NftParseException.problem(e));
        }
    }
}
