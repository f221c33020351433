package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.TaskSwitches;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link NftMonitor}'s one consumer, its receive buffer and its close from another thread. */
@KernelTest
class NftMonitorKernelTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSecondConsumerIsRefusedAndCloseEndsTheFirst(TestNamespace ns) throws Exception {
        try (NetworkNamespace n = ns.open(); NftMonitor monitor = NftMonitor.open(n); Nftables nft = Nftables.open(n)) {
            CompletableFuture<Optional<NftMonitor.Update>> first = CompletableFuture.supplyAsync(() -> {
                while (true) {
                    try {
                        return monitor.next();
                    } catch (IllegalStateException probing) {
                        // the test's own probe held the monitor for a moment
                    }
                }
            });
            IllegalStateException refused = null;
            while (refused == null) {
                try {
                    assertThat(monitor.next(Duration.ZERO)).isEmpty();
                    Thread.sleep(10);
                } catch (IllegalStateException e) {
                    refused = e;
                }
            }
            assertThat(refused).hasMessageContaining("one consumer");
            nft.commit(new NftOperation.AddTable(Table.of(Family.IP, "seen"), false));
            assertThat(first.get(30, TimeUnit.SECONDS).orElseThrow()).isInstanceOfSatisfying(NftMonitor.Committed.class,
                    c -> assertThat(c.events()).singleElement().isInstanceOfSatisfying(NftEvent.TableEvent.class,
                            t -> assertThat(t.table().name()).isEqualTo("seen")));

            CompletableFuture<Optional<NftMonitor.Update>> waiting = CompletableFuture.supplyAsync(monitor::next);
            monitor.close();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(monitor.next(Duration.ZERO)).isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anIdleMonitorSleepsUntilCloseWakesIt(TestNamespace ns) throws Exception {
        try (NetworkNamespace n = ns.open(); NftMonitor monitor = NftMonitor.open(n)) {
            CompletableFuture<Optional<NftMonitor.Update>> waiting = new CompletableFuture<>();
            Thread consumer = Thread.ofPlatform().name("idle monitor consumer").start(() -> waiting.complete(monitor.next()));
            Thread.sleep(300);
            long before = TaskSwitches.of("nftlink monitor reader") + TaskSwitches.of(consumer.getName());
            Thread.sleep(1500);
            long woken = TaskSwitches.of("nftlink monitor reader") + TaskSwitches.of(consumer.getName()) - before;
            assertThat(woken).as("times the idle reader and consumer threads woke in 1.5 s (each woke 7 times with a 200 ms poll)")
                    .isLessThanOrEqualTo(1);
            long closing = System.nanoTime();
            monitor.close();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("close ended the wait at once").isLessThan(Duration.ofSeconds(1));
            consumer.join(1000);
            assertThat(consumer.isAlive()).isFalse();
        }
    }

    @Test
    void theReceiveBufferIsAsLargeAsAsked(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); NftMonitor monitor = NftMonitor.open(n)) {
            // the kernel reports twice the size set; as root SO_RCVBUFFORCE passes rmem_max
            assertThat(monitor.socket().receiveBufferSize()).isGreaterThanOrEqualTo(NftMonitor.DEFAULT_RECEIVE_BUFFER_BYTES);
        }
        assertThatThrownBy(() -> NftMonitor.open(null)).isInstanceOf(NullPointerException.class);
    }
}
