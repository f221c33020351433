package nftlink.nftables.parse;

import nftlink.nftables.lang.NftTime;

/** nft's durations ({@link NftTime}) read from a token, errors pointing at it. */
final class Durations {
    private Durations() {
    }

    static long millis(Token t) {
        return Cursor.at(t, () -> NftTime.parse(t.text()));
    }
}
