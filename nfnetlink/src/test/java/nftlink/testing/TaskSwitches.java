package nftlink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * How often threads of this process were switched out, from
 * {@code /proc/self/task/TID/status}: a thread blocked in a system call adds one
 * voluntary switch each time it wakes up, so an idle thread that never wakes adds none.
 */
public final class TaskSwitches {

    /** Linux keeps 15 characters of a thread's name in {@code comm}. */
    private static final int COMM_LENGTH = 15;

    private TaskSwitches() {
    }

    /**
     * The voluntary and involuntary context switches so far of the threads called
     * {@code threadName} (as Linux keeps it: its first 15 characters).
     *
     * @param threadName the Java thread name
     * @return the sum over those threads
     * @throws AssertionError when no thread has that name
     */
    public static long of(String threadName) {
        String comm = threadName.length() > COMM_LENGTH ? threadName.substring(0, COMM_LENGTH) : threadName;
        List<Path> tasks;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            tasks = s.filter(t -> comm.equals(read(t.resolve("comm")).strip())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tasks.isEmpty()) {
            throw new AssertionError("no thread named " + comm + " in /proc/self/task");
        }
        long switches = 0;
        for (Path task : tasks) {
            for (String line : read(task.resolve("status")).split("\n")) {
                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        }
        return switches;
    }

    private static String read(Path file) {
        try {
            return String.join("\n", Files.readAllLines(file));
        } catch (IOException e) {
            return "";
        }
    }
}
