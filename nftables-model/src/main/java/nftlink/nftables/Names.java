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
        if (name.getBytes(StandardCharsets.UTF_8).length >= NfTables.NFT_NAME_MAXLEN) {
            throw new IllegalArgumentException(what + " name is longer than " + (NfTables.NFT_NAME_MAXLEN - 1) + " bytes");
        }
    }
}
