package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.util.HexFormat;

/** Ethernet addresses as nft reads and prints them ({@link Datatype#ETHER_ADDR}): six hex bytes joined by colons. */
final class EtherAddress {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private EtherAddress() {
    }

    /** {@code t} ({@code 00:11:22:33:44:55}) as its six bytes. */
    static Bytes parse(String t) {
        String[] parts = t.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not an Ethernet address: " + t);
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return Bytes.of(b);
    }

    /** {@code b} as lower-case hex bytes joined by colons. */
    static String print(byte[] b) {
        return COLONS.formatHex(b);
    }
}
