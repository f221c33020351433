package nftlink.netlink;

import nftlink.netlink.internal.SharedWork;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Hands the messages of a large dump to a helper task on an executor, so that
 * decoding them overlaps with the kernel building the next datagrams (which it
 * does inside each {@code recvmsg} of the receiving thread).
 *
 * <p>The receiving thread {@linkplain #add copies} each message to keep into a
 * chunk; full chunks go through a bounded queue to the helper, which walks them
 * and calls the sink, in order, then returns them for reuse. A failure of the
 * sink is rethrown to the receiving thread at its next {@link #add} or at
 * {@link #finish}; after a failure or {@link #close} the helper only drains
 * the queue. Chunks are reused across dumps through {@link Chunks}. When the
 * executor refuses the helper or runs it on the receiving thread itself, the
 * pipeline hands each message straight to the sink instead.
 */
final class DumpPipeline implements AutoCloseable {

    /** Bytes per chunk; a message larger than this gets a chunk of its own size. */
    static final int CHUNK_BYTES = 128 * 1024;
    /** Chunks per connection: one being filled, the others queued or being decoded. */
    static final int CHUNK_COUNT = 4;

    /** A buffer of whole messages, {@code used} bytes of it filled; {@code own} frees a one-off chunk. */
    static final class Chunk {
        final MemorySegment segment;
        final Arena own;
        long used;

        Chunk(MemorySegment segment) {
            this(segment, null);
        }

        Chunk(MemorySegment segment, Arena own) {
            this.segment = segment;
            this.own = own;
        }
    }

    /** The chunks of one connection, made on its first large dump in the connection's arena and kept. */
    static final class Chunks {
        private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNK_COUNT);

        Chunks(Arena arena) {
            for (int i = 0; i < CHUNK_COUNT; i++) {
                free.add(new Chunk(arena.allocate(CHUNK_BYTES, 8)));
            }
        }
    }

    /** Runs each helper on a virtual thread of its own (the default of {@code setParallelDumps(true)}). */
    static final Executor VIRTUAL_THREAD_PER_DUMP = task -> Thread.ofVirtual().name("nftlink dump").start(task);

    private static final Chunk END = new Chunk(MemorySegment.NULL);

    private final Chunks chunks;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNK_COUNT + 1);
    private final Consumer<NetlinkMessage> sink;
    private final Thread receiver = Thread.currentThread();
    private final CountDownLatch helperDone = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile boolean cancelled;
    private volatile boolean inline;
    private Chunk current;
    private boolean ended;

    DumpPipeline(Chunks chunks, Consumer<NetlinkMessage> sink, Executor executor) {
        this.chunks = chunks;
        this.sink = sink;
        this.current = take();
        try {
            executor.execute(this::decode);
        } catch (RejectedExecutionException e) {
            inline = true;
            helperDone.countDown();
        }
    }

    /** Copies {@code m} for the helper (or hands it to the sink when there is none). */
    void add(NetlinkMessage m) {
        Throwable f = failure;
        if (f != null) {
            throw rethrow(f);
        }
        if (inline) {
            sink.accept(m);
            return;
        }
        int length = m.length();
        long aligned = Netlink.align((long) length);
        if (current.used + aligned > CHUNK_BYTES) {
            handOff();
            if (aligned > CHUNK_BYTES) {
                // larger than a pooled chunk: a one-off chunk of its own, freed by the helper
                Arena oneOff = Arena.ofShared();
                Chunk own = new Chunk(oneOff.allocate(aligned, 8), oneOff);
                MemorySegment.copy(m.segment(), m.offset(), own.segment, 0, length);
                own.used = aligned;
                put(own);
                return;
            }
        }
        MemorySegment.copy(m.segment(), m.offset(), current.segment, current.used, length);
        current.used += aligned;
    }

    private void handOff() {
        if (current.used > 0) {
            put(current);
            current = take();
        }
    }

    /** Waits until the helper has handed every message to the sink; rethrows its failure. */
    void finish() {
        handOff();
        end();
        Throwable f = failure;
        if (f != null) {
            throw rethrow(f);
        }
    }

    /** Stops the helper without waiting for the sink to see the rest (after a failure of the receiving side). */
    @Override
    public void close() {
        if (!ended) {
            cancelled = true;
            end();
        }
    }

    private void end() {
        ended = true;
        if (current != null) {
            current.used = 0;
            chunks.free.offer(current);
        }
        current = null;
        if (inline) {
            return;
        }
        put(END);
        SharedWork.uninterruptibly(helperDone::await);
    }

    private void decode() {
        if (Thread.currentThread() == receiver) {
            // a caller-runs executor: waiting for chunks here would wait for ourselves
            inline = true;
            helperDone.countDown();
            return;
        }
        try {
            decodeChunks();
        } finally {
            helperDone.countDown();
        }
    }

    private void decodeChunks() {
        MessageCursor cursor = new MessageCursor();
        while (true) {
            Chunk c = takeFull();
            if (c == END) {
                return;
            }
            try {
                if (failure == null && !cancelled) {
                    cursor.reset(c.segment, c.used);
                    while (cursor.next()) {
                        sink.accept(cursor.message());
                    }
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                c.used = 0;
                if (c.own != null) {
                    c.own.close();
                } else {
                    chunks.free.offer(c);
                }
            }
        }
    }

    private Chunk take() {
        Chunk[] taken = new Chunk[1];
        SharedWork.uninterruptibly(() -> taken[0] = chunks.free.take());
        return taken[0];
    }

    private Chunk takeFull() {
        while (true) {
            try {
                return full.take();
            } catch (InterruptedException e) {
                // the helper is only ever ended by END
            }
        }
    }

    private void put(Chunk c) {
        SharedWork.uninterruptibly(() -> full.put(c));
    }

    private static RuntimeException rethrow(Throwable t) {
        SharedWork.throwUnchecked(t);
        throw new IllegalStateException(t);
    }
}
