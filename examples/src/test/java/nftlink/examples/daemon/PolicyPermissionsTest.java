package nftlink.examples.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** #20.5: policy files and the directories on their path that others can write are refused, as sshd's StrictModes. */
class PolicyPermissionsTest {

    @TempDir
    Path dir;

    private Path file(String mode) throws IOException {
        Path f = Files.writeString(dir.resolve("policy.conf"), "table inet t { }\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    private static int me() {
        return PolicyPermissions.effectiveUser();
    }

    @Test
    void aFileOnlyItsOwnerWritesIsAccepted() throws IOException {
        Path f = file("rw-r--r--");
        assertThatCode(() -> PolicyPermissions.check(f, me())).doesNotThrowAnyException();
    }

    @Test
    void aFileEveryoneOrItsGroupMayWriteIsRefused() throws IOException {
        Path f = file("rw-rw-rw-");
        assertThatThrownBy(() -> PolicyPermissions.check(f, me())).isInstanceOf(Daemon.PolicyException.class)
                .hasMessage(f + " is writable by everyone (mode 0666): refused, as anyone who can change it controls the "
                        + "firewall (fix: chmod go-w " + f + ")");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> PolicyPermissions.check(f, me())).hasMessageContaining("is writable by its group (mode 0664)");
    }

    @Test
    void aDirectoryOnThePathOthersMayWriteIsRefusedUnlessSticky() throws IOException {
        Path f = file("rw-r--r--");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> PolicyPermissions.check(f, me())).isInstanceOf(Daemon.PolicyException.class)
                .hasMessageStartingWith(dir + " (a directory on the path of the policy " + f + ") is writable by everyone (mode 0777)");
        Files.setAttribute(dir, "unix:mode", 01777);
        assertThatCode(() -> PolicyPermissions.check(f, me())).as("sticky, like /tmp").doesNotThrowAnyException();
    }

    @Test
    void aFileOfAnotherUserIsRefusedAndSoIsOneBehindASymbolicLink() throws IOException {
        assumeTrue(me() == 0, "changing a file's owner needs root");
        Path f = file("rw-r--r--");
        Files.setAttribute(f, "unix:uid", 65534);
        assertThatThrownBy(() -> PolicyPermissions.check(f, 0)).isInstanceOf(Daemon.PolicyException.class)
                .hasMessage(f + " belongs to user 65534, not to root: refused, as anyone who can change it controls the "
                        + "firewall (fix: chown root " + f + ")");
        assertThatCode(() -> PolicyPermissions.check(f, 65534)).as("the daemon's own user may own it").doesNotThrowAnyException();
        Path link = Files.createSymbolicLink(dir.resolve("link.conf"), f);
        assertThatThrownBy(() -> PolicyPermissions.check(link, 0))
                .hasMessageStartingWith(f + " (the policy " + link + ") belongs to user 65534");
    }
}
