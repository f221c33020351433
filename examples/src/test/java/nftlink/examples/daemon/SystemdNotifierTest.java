package nftlink.examples.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** sd_notify over AF_UNIX datagrams, against a fake notify socket (a path or an abstract name). */
class SystemdNotifierTest {

    @TempDir
    Path dir;

    @Test
    void sendsReadyReloadingStatusAndStoppingToAPath() throws Throwable {
        try (FakeNotifySocket systemd = new FakeNotifySocket(dir.resolve("notify").toString())) {
            SystemdNotifier n = new SystemdNotifier(systemd.name());
            assertThat(n.enabled()).isTrue();
            n.ready("2 policy entries, 3 rule(s)/element(s) installed");
            assertThat(systemd.receive()).isEqualTo("READY=1\nSTATUS=2 policy entries, 3 rule(s)/element(s) installed\n");
            long before = System.nanoTime() / 1000;
            n.reloading();
            String reloading = systemd.receive();
            assertThat(reloading).startsWith("RELOADING=1\nMONOTONIC_USEC=").endsWith("\nSTATUS=reloading the policy\n");
            long usec = Long.parseLong(reloading.split("\n")[1].substring("MONOTONIC_USEC=".length()));
            assertThat(usec).isBetween(before, System.nanoTime() / 1000);
            n.status("a\nb");
            assertThat(systemd.receive()).isEqualTo("STATUS=a b\n");
            n.stopping();
            assertThat(systemd.receive()).startsWith("STOPPING=1\n");
        }
    }

    @Test
    void reachesAnAbstractName() throws Throwable {
        String name = "@nftlinkd-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        try (FakeNotifySocket systemd = new FakeNotifySocket(name)) {
            new SystemdNotifier(name).ready("x");
            assertThat(systemd.receive()).isEqualTo("READY=1\nSTATUS=x\n");
        }
    }

    @Test
    void withoutASocketNothingIsSentAndAMissingOneIsAnError() {
        SystemdNotifier none = new SystemdNotifier(null);
        assertThat(none.enabled()).isFalse();
        none.ready("nothing happens");
        assertThatThrownBy(() -> new SystemdNotifier(dir.resolve("absent").toString()).ready("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot notify systemd at " + dir.resolve("absent"));
        assertThatThrownBy(() -> new SystemdNotifier("relative")).isInstanceOf(IllegalArgumentException.class);
    }
}
