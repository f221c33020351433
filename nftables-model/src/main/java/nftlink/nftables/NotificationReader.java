package nftlink.nftables;

import nftlink.netlink.EventFd;
import nftlink.netlink.NetlinkSocket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The thread of an {@link NftMonitor} that only drains its socket: each datagram
 * is copied into the queue as it arrives and decoded elsewhere, so the kernel's
 * receive buffer empties as fast as the system calls allow however slow the
 * consumer is. The queue holds at most {@value #MAX_QUEUED_KIB} KiB; when the
 * consumer falls that far behind the reader waits and the kernel buffer fills.
 * The reader owns the socket and closes it when it stops. It sleeps in poll(2) until
 * a datagram comes or {@link #stop} signals its eventfd: an idle monitor never wakes.
 */
final class NotificationReader implements Runnable {

    /** What the queue carries besides datagrams. */
    sealed interface Item {
    }

    /** One datagram's bytes. */
    record Datagram(byte[] bytes) implements Item {
    }

    /** The kernel dropped notifications ({@code ENOBUFS}). */
    record Lost() implements Item {
    }

    /** Reading failed; the reader has stopped. */
    record Failed(RuntimeException exception) implements Item {
    }

    /** The monitor was closed: the consumer stops waiting. */
    record Stopped() implements Item {
    }

    /** Bound of the queue: 256 MiB of datagrams, counted per started KiB. */
    static final int MAX_QUEUED_KIB = 256 * 1024;
    /** A notification datagram is at most a page-sized skb; this leaves ample room. */
    private static final int DATAGRAM_BYTES = 256 * 1024;

    private final NetlinkSocket socket;
    private final EventFd wake = EventFd.open();
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_QUEUED_KIB);
    private volatile boolean stopping;

    NotificationReader(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** The items read so far, in order. */
    BlockingQueue<Item> queue() {
        return queue;
    }

    /** Hands back the room of a datagram taken from the queue. */
    void taken(Datagram d) {
        room.release(kib(d.bytes().length));
    }

    /**
     * Asks the reader to stop: wakes it wherever it waits (for a datagram or for room in the queue), and
     * it closes the socket; a consumer waiting on the queue gets {@link Stopped}.
     */
    void stop() {
        stopping = true;
        room.release(MAX_QUEUED_KIB);
        wake.signal();
        queue.add(new Stopped());
    }

    /** Frees what the reader holds when its thread never ran (the monitor's owner closed the socket). */
    void discard() {
        stopping = true;
        wake.close();
    }

    @Override
    public void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(DATAGRAM_BYTES, 8);
            while (!stopping) {
                if (socket.awaitReadable(wake)) {
                    drain(buffer);
                }
            }
        } catch (RuntimeException e) {
            queue.add(new Failed(e));
        } finally {
            socket.close();
            wake.close();
        }
    }

    private void drain(MemorySegment buffer) {
        while (!stopping) {
            int n = socket.receiveNotificationsNow(buffer, () -> queue.add(new Lost()));
            if (n < 0) {
                return;
            }
            byte[] bytes = buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            if (!waitForRoom(kib(n))) {
                return;
            }
            queue.add(new Datagram(bytes));
        }
    }

    private boolean waitForRoom(int kib) {
        try {
            room.acquire(kib);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        }
    }

    private static int kib(int bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }
}
