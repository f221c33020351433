package nftlink.nftables;

import java.nio.charset.StandardCharsets;

/** Validation of object names as the kernel limits them. */
final class Names {
    private Names() {
    }

    static void check(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " name contains a NUL character");
        }
        // a char takes at most 3 bytes in UTF-8: only long names need encoding to be measured
        if (name.length() * 3 >= NfTables.NFT_NAME_MAXLEN
                && name.getBytes(StandardCharsets.UTF_8).length >= NfTables.NFT_NAME_MAXLEN) {
            throw new IllegalArgumentException(what + " name is longer than " + (NfTables.NFT_NAME_MAXLEN - 1) + " bytes");
        }
    }
}
