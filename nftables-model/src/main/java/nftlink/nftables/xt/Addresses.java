package nftlink.nftables.xt;

import nftlink.nftables.lang.Datatype;

/** Masks as libxtables prints them: {@code /N}, nothing for a full mask, or {@code /ADDRESS} when not a prefix. */
final class Addresses {
    private Addresses() {
    }

    /** {@code xtables_ipmask_to_numeric} or {@code xtables_ip6mask_to_numeric} of {@code mask}. */
    static String mask(byte[] mask) {
        int bits = 0;
        while (bits < mask.length * 8 && (mask[bits / 8] & (0x80 >> (bits % 8))) != 0) {
            bits++;
        }
        for (int i = bits; i < mask.length * 8; i++) {
            if ((mask[i / 8] & (0x80 >> (i % 8))) != 0) {
                return "/" + Datatype.printAddress(mask);
            }
        }
        return bits == mask.length * 8 ? "" : "/" + bits;
    }
}
