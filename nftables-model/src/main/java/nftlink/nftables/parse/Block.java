package nftlink.nftables.parse;

/**
 * The members of a {@code { ... }} block whose {@code '{'} has been read: the newlines
 * and semicolons between members are skipped and the closing {@code '}'} is consumed.
 */
final class Block {
    private Block() {
    }

    /**
     * Moves to the next member of the block.
     *
     * @param c the cursor, inside the block
     * @return {@code false} once the closing {@code '}'} has been read, {@code true} at a member
     * @throws NftParseException expecting {@code '}'} at the end of the input
     */
    static boolean nextMember(Cursor c) {
        if (!skipSeparators(c)) {
            return false;
        }
        if (c.at(Token.Kind.END)) {
            throw c.unexpected("'}'");
        }
        return true;
    }

    /**
     * Skips the newlines and semicolons before the next member, leaving what follows them (the end of
     * the input too) to the caller's own error.
     *
     * @param c the cursor, inside the block
     * @return {@code false} once the closing {@code '}'} has been read, {@code true} otherwise
     */
    static boolean skipSeparators(Cursor c) {
        while (true) {
            c.skipNewlines();
            if (c.accept(Token.Kind.SEMICOLON)) {
                continue;
            }
            return !c.accept(Token.Kind.RBRACE);
        }
    }
}
