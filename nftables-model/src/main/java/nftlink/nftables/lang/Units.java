package nftlink.nftables.lang;

/** Byte quantities as nft prints them: the largest unit that divides exactly. */
final class Units {
    private Units() {
    }

    static String bytes(long n) {
        return scaled(n, 0);
    }

    /** A byte rate: nft knows no {@code gbytes} for rates, so at most {@code mbytes}. */
    static String rate(long n) {
        return scaled(n, 1);
    }

    private static String scaled(long n, int largest) {
        String[] units = {"gbytes", "mbytes", "kbytes"};
        long[] sizes = {1L << 30, 1L << 20, 1L << 10};
        for (int i = largest; i < units.length; i++) {
            if (n != 0 && n % sizes[i] == 0) {
                return (n / sizes[i]) + " " + units[i];
            }
        }
        return n + " bytes";
    }
}
