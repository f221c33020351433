package nftlink.examples.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The policy file's guard, as sshd's {@code StrictModes}: the daemon applies a
 * policy with {@code CAP_NET_ADMIN}, so whoever can write the file, or replace it
 * through a directory on its path, controls the firewall. The file (after
 * symbolic links) and every directory up to {@code /} must belong to root or to
 * the daemon's own user and be writable by nobody else: no write bit for group or
 * others, except on a directory with the sticky bit (like {@code /tmp}), where
 * others cannot rename or remove what they do not own.
 */
final class PolicyPermissions {

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private PolicyPermissions() {
    }

    /**
     * Throws {@link Daemon.PolicyException} naming the first file or directory that
     * others could write.
     *
     * @param file     the policy file (or directory of policy files)
     * @param ownUser  the daemon's effective user ID, accepted as owner besides root
     */
    static void check(Path file, int ownUser) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new Daemon.PolicyException(file + ": cannot read the policy: " + e.getMessage());
        }
        for (Path p = real; p != null; p = p.getParent()) {
            int uid;
            int mode;
            try {
                uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException e) {
                throw new Daemon.PolicyException(p + ": cannot check who may write the policy: " + e.getMessage());
            }
            boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            String what = p.equals(real) ? (real.equals(file.toAbsolutePath()) ? "" : " (the policy " + file + ")")
                    : " (a directory on the path of the policy " + file + ")";
            if (uid != 0 && uid != ownUser) {
                throw refused(p, what, "belongs to user " + uid + ", not to root" + (ownUser == 0 ? "" : " or user " + ownUser),
                        "chown root " + p);
            }
            if ((mode & GROUP_OR_OTHER_WRITE) != 0 && !(directory && (mode & STICKY) != 0)) {
                throw refused(p, what, "is writable by " + ((mode & 0002) != 0 ? "everyone" : "its group")
                        + String.format(" (mode %04o)", mode & 07777), "chmod go-w " + p);
            }
        }
    }

    private static Daemon.PolicyException refused(Path p, String what, String problem, String fix) {
        return new Daemon.PolicyException(p + what + " " + problem + ": refused, as anyone who can change it controls the "
                + "firewall (fix: " + fix + ")");
    }

    /** The effective user ID of this process (the owner of {@code /proc/self}). */
    static int effectiveUser() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }
}
