package nftlink.nftables.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** User and group names in {@code meta skuid}/{@code meta skgid}, looked up in {@code /etc/passwd} and {@code /etc/group}. */
public final class Accounts {
    private Accounts() {
    }

    /**
     * The user ID of {@code name}.
     *
     * @param name the user's name
     * @return the user ID
     * @throws IllegalArgumentException when there is no such user or the file cannot be read
     */
    public static int uid(String name) {
        return lookup(Path.of("/etc/passwd"), name, "user");
    }

    /**
     * The group ID of {@code name}.
     *
     * @param name the group's name
     * @return the group ID
     * @throws IllegalArgumentException when there is no such group or the file cannot be read
     */
    public static int gid(String name) {
        return lookup(Path.of("/etc/group"), name, "group");
    }

    private static int lookup(Path file, String name, String what) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot look up " + what + " \"" + name + "\": " + e.getMessage());
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length > 2 && f[0].equals(name)) {
                try {
                    return Integer.parseUnsignedInt(f[2]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + what + " \"" + name + "\" (not in " + file + ")");
    }
}
