package nftlink.nftables.parse;

import nftlink.nftables.lang.NftTime;

/** nft's durations ({@link NftTime}) read from a token, errors pointing at it. */
final class Durations {
    private Durations() {
    }

    static long millis(Token t) {
        if (t.kind() != Token.Kind.WORD) {
            // a newline or a brace where the duration should be
            throw Cursor.error(t, "syntax error, unexpected " + t.describe() + ", expecting a duration such as 30s");
        }
        return Cursor.at(t, () -> NftTime.parse(t.text()));
    }
}
