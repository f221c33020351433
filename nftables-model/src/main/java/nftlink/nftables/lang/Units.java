package nftlink.nftables.lang;

/** Byte quantities as nft prints them: the largest unit that divides exactly. */
final class Units {
    private Units() {
    }

    static String bytes(long n) {
        String[] units = {"gbytes", "mbytes", "kbytes"};
        long[] sizes = {1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (n != 0 && n % sizes[i] == 0) {
                return (n / sizes[i]) + " " + units[i];
            }
        }
        return n + " bytes";
    }
}
