package nftlink.netlink;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFdTest {

    @Test
    void aSignalBeforeTheWaitEndsItAtOnceAndIsConsumed() throws InterruptedException {
        try (EventFd wakeup = EventFd.open(); EventFd quiet = EventFd.open()) {
            wakeup.signal();
            wakeup.signal();
            assertThat(wakeup.awaitReadable(quiet.fileDescriptor())).isFalse();
            Thread waiter = Thread.ofPlatform().daemon(true).start(() -> wakeup.awaitReadable(quiet.fileDescriptor()));
            waiter.join(300);
            assertThat(waiter.isAlive()).as("the signals were consumed by the first wait").isTrue();
            wakeup.signal();
            waiter.join(1000);
            assertThat(waiter.isAlive()).isFalse();
        }
    }

    @Test
    void aBlockedWaitEndsWhenAnotherThreadSignals() throws InterruptedException {
        try (EventFd wakeup = EventFd.open(); EventFd quiet = EventFd.open()) {
            AtomicReference<Boolean> ready = new AtomicReference<>();
            Thread waiter = Thread.ofPlatform().daemon(true).start(() -> ready.set(wakeup.awaitReadable(quiet.fileDescriptor())));
            Thread.sleep(200);
            assertThat(waiter.isAlive()).isTrue();
            Thread.ofPlatform().start(wakeup::signal).join();
            waiter.join(1000);
            assertThat(waiter.isAlive()).as("the waiting thread ended within a second").isFalse();
            assertThat(ready.get()).isFalse();
        }
    }

    @Test
    void theWaitReportsTheDescriptorReady() {
        try (EventFd wakeup = EventFd.open(); EventFd other = EventFd.open()) {
            other.signal();
            assertThat(wakeup.awaitReadable(other.fileDescriptor())).isTrue();
        }
    }

    @Test
    void aSignalAfterCloseDoesNothing() {
        EventFd wakeup = EventFd.open();
        wakeup.close();
        wakeup.signal();
        wakeup.close();
        assertThatThrownBy(() -> wakeup.awaitReadable(0)).isInstanceOf(IllegalStateException.class);
    }
}
