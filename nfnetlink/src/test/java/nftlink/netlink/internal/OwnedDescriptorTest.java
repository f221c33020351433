package nftlink.netlink.internal;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnedDescriptorTest {

    private static int openDevNull() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = LinuxCalls.allocateCallState(a);
            int fd = LinuxCalls.open(state, a.allocateFrom("/dev/null"), SocketConstants.O_RDONLY | SocketConstants.O_CLOEXEC, 0);
            assertThat(fd).isNotNegative();
            return fd;
        }
    }

    @Test
    void closeClosesTheDescriptorAndTheArenaOnce() {
        int fd = openDevNull();
        OwnedDescriptor d = new OwnedDescriptor(fd, "test descriptor");
        d.ensureOpen();
        assertThat(d.isClosed()).isFalse();
        assertThat(Files.exists(Path.of("/proc/self/fd/" + fd))).isTrue();
        MemorySegment buffer = d.arena().allocate(8);

        d.close();
        d.close();

        assertThat(d.isClosed()).isTrue();
        assertThat(Files.exists(Path.of("/proc/self/fd/" + fd))).isFalse();
        assertThat(d.arena().scope().isAlive()).isFalse();
        assertThatThrownBy(() -> buffer.get(ValueLayout.JAVA_LONG, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::ensureOpen).isInstanceOf(IllegalStateException.class).hasMessage("test descriptor is closed");
    }
}
