package nftlink.netlink.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tasks shared by the calling thread and helpers keep their order, their contexts and their first failure (#18). */
class SharedWorkTest {

    private static final Executor THREADS = task -> Thread.ofPlatform().daemon().start(task);

    private static List<Function<String, String>> tasks(int n, Set<String> contexts) {
        List<Function<String, String>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int task = i;
            tasks.add(context -> {
                contexts.add(context);
                return context.charAt(0) + "" + task;
            });
        }
        return tasks;
    }

    @Test
    void resultsKeepTheTasksOrderWhoeverRanThem() {
        Set<String> contexts = ConcurrentHashMap.newKeySet();
        AtomicInteger helpers = new AtomicInteger();
        List<String> results = SharedWork.run(tasks(2_000, contexts), "caller", THREADS, 3, work -> {
            helpers.incrementAndGet();
            work.accept("helper");
        });
        assertThat(results).hasSize(2_000);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i)).endsWith(Integer.toString(i)).matches("[ch]" + i);
        }
        assertThat(helpers.get()).isLessThanOrEqualTo(3);
        assertThat(contexts).isNotEmpty().isSubsetOf("caller", "helper");
    }

    @Test
    void helpersRunWithTheirOwnContext() {
        // the first two tasks can only end together, so two threads ran them: the caller and a helper
        CountDownLatch both = new CountDownLatch(2);
        Set<String> contexts = ConcurrentHashMap.newKeySet();
        List<Function<String, String>> tasks = new ArrayList<>(tasks(10, contexts));
        for (int i = 0; i < 2; i++) {
            tasks.set(i, context -> {
                contexts.add(context);
                both.countDown();
                try {
                    return both.await(30, TimeUnit.SECONDS) ? context : "alone";
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        List<String> results = SharedWork.run(tasks, "caller", THREADS, 1, work -> work.accept("helper"));
        assertThat(results.subList(0, 2)).containsExactlyInAnyOrder("caller", "helper");
        assertThat(contexts).containsExactlyInAnyOrder("caller", "helper");
    }

    @Test
    void withoutAnExecutorOrWhenItRefusesTheCallerRunsEverything() {
        Executor refusing = task -> {
            throw new RejectedExecutionException("full");
        };
        for (Executor executor : new Executor[] {null, refusing}) {
            Set<String> contexts = ConcurrentHashMap.newKeySet();
            assertThat(SharedWork.run(tasks(50, contexts), "caller", executor, 4, work -> work.accept("helper")))
                    .hasSize(50).allMatch(r -> r.startsWith("c"));
            assertThat(contexts).containsExactly("caller");
        }
    }

    @Test
    void aHelperWithoutAContextLeavesItsTasksToTheOthers() {
        Set<String> contexts = ConcurrentHashMap.newKeySet();
        List<String> results = SharedWork.run(tasks(500, contexts), "caller", THREADS, 3, work -> { });
        assertThat(results).hasSize(500).allMatch(r -> r.startsWith("c"));
    }

    @Test
    void theFirstFailureIsThrownAndLaterTasksAreSkipped() {
        AtomicInteger ran = new AtomicInteger();
        List<Function<String, String>> tasks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int task = i;
            tasks.add(context -> {
                ran.incrementAndGet();
                if (task == 3) {
                    throw new IllegalArgumentException("task 3");
                }
                return "ok";
            });
        }
        assertThatThrownBy(() -> SharedWork.run(tasks, "caller", null, 0, work -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task 3");
        assertThat(ran.get()).isEqualTo(4);
    }

    @Test
    void waitingThroughAnInterruptKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        AtomicInteger calls = new AtomicInteger();
        SharedWork.uninterruptibly(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new InterruptedException();
            }
        });
        assertThat(calls.get()).isEqualTo(2);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void uncheckedFailuresAreRethrownAsTheyAre() {
        SharedWork.throwUnchecked(null);
        SharedWork.throwUnchecked(new Exception("checked: the caller wraps it"));
        assertThatThrownBy(() -> SharedWork.throwUnchecked(new IllegalStateException("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SharedWork.throwUnchecked(new AssertionError("y"))).isInstanceOf(AssertionError.class);
    }
}
