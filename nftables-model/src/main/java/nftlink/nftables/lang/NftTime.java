package nftlink.nftables.lang;

/** Durations as nft prints them: {@code 1h}, {@code 59m59s984ms}, {@code 30s}. */
final class NftTime {
    private NftTime() {
    }

    static String format(long millis) {
        String flagged = OutputFlags.current().time(millis);
        if (flagged != null) {
            return flagged;
        }
        if (millis == 0) {
            return "0s";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < units.length; i++) {
            long n = rest / units[i];
            rest %= units[i];
            if (n > 0) {
                sb.append(n).append(names[i]);
            }
        }
        return sb.toString();
    }
}
