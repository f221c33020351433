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
            String part = parts[i];
            if (part.isEmpty() || part.length() > 2 || !HexFormat.isHexDigit(part.charAt(0))
                    || !HexFormat.isHexDigit(part.charAt(part.length() - 1))) {
                throw new IllegalArgumentException("not an Ethernet address: " + t);
            }
            b[i] = (byte) HexFormat.fromHexDigits(part);
        }
        return Bytes.of(b);
    }

    /** {@code b} as lower-case hex bytes joined by colons. */
    static String print(byte[] b) {
        return COLONS.formatHex(b);
    }
}
