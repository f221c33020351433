package nftlink.netlink.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Independent tasks taken in turn by the calling thread and by helpers on an executor, the results
 * kept in the tasks' order: what the parallel dumps of a listing and the parallel rendering of its
 * rules share. Each participant brings a context the tasks run with (a connection of its own, the
 * caller's output options); the first failure is thrown once every task under way has ended, and the
 * tasks not yet started are skipped.
 *
 * @param <C> what a task runs with
 * @param <R> what a task returns
 */
public final class SharedWork<C, R> {

    /**
     * How a helper runs: makes its context, gives it to {@code work}, and releases it afterwards. A
     * helper that cannot make one returns without calling {@code work}; the others take its tasks.
     *
     * @param <C> what a task runs with
     */
    @FunctionalInterface
    public interface Helper<C> {
        /**
         * Runs {@code work} with this helper's context.
         *
         * @param work takes tasks until none is left
         */
        void run(Consumer<C> work);
    }

    /** Something that blocks until it is done or the thread is interrupted. */
    @FunctionalInterface
    public interface Blocking {
        /**
         * Blocks.
         *
         * @throws InterruptedException when the thread was interrupted
         */
        void await() throws InterruptedException;
    }

    private final List<? extends Function<? super C, ? extends R>> tasks;
    private final List<R> results;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private SharedWork(List<? extends Function<? super C, ? extends R>> tasks) {
        this.tasks = tasks;
        this.results = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            results.add(null);
        }
        this.done = new CountDownLatch(tasks.size());
    }

    /**
     * Runs {@code tasks} on the calling thread with {@code caller}, and on up to {@code helpers}
     * helpers on {@code executor} (none when it is {@code null} or refuses them).
     *
     * @param <C> what a task runs with
     * @param <R> what a task returns
     * @param tasks the tasks
     * @param caller the calling thread's context
     * @param executor where helpers run, or {@code null}
     * @param helpers how many helpers at the most
     * @param helper how a helper makes its context and runs with it
     * @return what each task returned, in their order
     */
    public static <C, R> List<R> run(List<? extends Function<? super C, ? extends R>> tasks, C caller, Executor executor,
                                     int helpers, Helper<C> helper) {
        SharedWork<C, R> work = new SharedWork<>(tasks);
        for (int i = 0; executor != null && i < Math.min(helpers, tasks.size() - 1); i++) {
            try {
                executor.execute(() -> {
                    if (work.next.get() < tasks.size()) {
                        helper.run(work::take);
                    }
                });
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        work.take(caller);
        uninterruptibly(work.done::await);
        throwUnchecked(work.failure.get());
        return work.results;
    }

    /** Runs tasks with {@code context} until none is left. */
    private void take(C context) {
        for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
            try {
                if (failure.get() == null) {
                    results.set(i, tasks.get(i).apply(context));
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                done.countDown();
            }
        }
    }

    /**
     * Waits for {@code blocking} to end, through interruptions, and interrupts the thread again
     * afterwards when it was interrupted meanwhile.
     *
     * @param blocking what to wait for
     */
    public static void uninterruptibly(Blocking blocking) {
        boolean interrupted = false;
        while (true) {
            try {
                blocking.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Throws {@code t} as it is when it is unchecked; does nothing for {@code null} or a checked one.
     *
     * @param t a failure, or {@code null}
     */
    public static void throwUnchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }
}
