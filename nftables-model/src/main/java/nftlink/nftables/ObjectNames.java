package nftlink.nftables;

import nftlink.netlink.NetlinkDecodeException;

import java.nio.charset.StandardCharsets;

/**
 * Validation of object names as the kernel limits them: strict for objects a
 * caller builds ({@link #check}), and the same rule for names read from the
 * wire ({@link #decoded}), where a name the kernel would never send means the
 * message is malformed.
 */
final class ObjectNames {
    private ObjectNames() {
    }

    /** @throws IllegalArgumentException when {@code name} is not a name the kernel accepts */
    static void check(String what, String name) {
        String problem = problem(what, name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** @throws NetlinkDecodeException when a decoded {@code name} is not one the kernel sends */
    static void decoded(String what, String name) {
        String problem = problem(what, name);
        if (problem != null) {
            throw new NetlinkDecodeException("malformed message: " + problem);
        }
    }

    private static String problem(String what, String name) {
        if (name == null || name.isEmpty()) {
            return what + " name must not be empty";
        }
        if (name.indexOf('\0') >= 0) {
            return what + " name contains a NUL character";
        }
        // a char takes at most 3 bytes in UTF-8: only long names need encoding to be measured
        if (name.length() * 3 >= NfTablesUapi.NFT_NAME_MAXLEN
                && name.getBytes(StandardCharsets.UTF_8).length >= NfTablesUapi.NFT_NAME_MAXLEN) {
            return what + " name is longer than " + (NfTablesUapi.NFT_NAME_MAXLEN - 1) + " bytes";
        }
        return null;
    }
}
