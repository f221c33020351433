package nftlink.nftables.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Results of whole rule sets per direction, each checked against its exception
 * list (a failure must be listed, a listed rule set must fail), and the summary
 * printed and written as a report under {@code target/conformance/}.
 *
 * @param <D> the directions
 */
final class WholeRulesetTally<D extends Enum<D>> {

    private final Map<D, ExceptionList> lists;
    private final Map<D, int[]> counts;
    private final Set<String> failedSomewhere = new HashSet<>();
    private final Set<String> unexpected;
    private int total;

    private static final int PASSED = 0;
    private static final int EXCEPTED = 1;
    private static final int UNEXPECTED = 2;

    WholeRulesetTally(Map<D, ExceptionList> lists, Set<String> unexpected) {
        this.lists = lists;
        this.unexpected = unexpected;
        this.counts = new EnumMap<>(lists.keySet().iterator().next().getDeclaringClass());
        lists.keySet().forEach(d -> counts.put(d, new int[3]));
    }

    /** Counts one rule set that every direction runs on. */
    void ruleset() {
        total++;
    }

    /** Records the result of {@code direction} on {@code key}: {@code difference} {@code null} when it passed. */
    void record(D direction, String key, String difference) {
        int[] c = counts.get(direction);
        if (difference == null) {
            c[PASSED]++;
            return;
        }
        failedSomewhere.add(key);
        c[lists.get(direction).contains(key) ? EXCEPTED : UNEXPECTED]++;
        lists.get(direction).saw(key, difference, unexpected);
    }

    /** Checks the lists both ways (listed rule sets that now pass become unexpected) and writes their current state. */
    void finish() {
        lists.values().forEach(l -> l.finish(unexpected));
    }

    /** Rule sets passing in {@code direction}. */
    int passed(D direction) {
        return counts.get(direction)[PASSED];
    }

    /** Rule sets run in {@code direction}. */
    int ran(D direction) {
        int[] c = counts.get(direction);
        return c[PASSED] + c[EXCEPTED] + c[UNEXPECTED];
    }

    /** Rule sets that every direction they ran in passed. */
    int passedEverywhere() {
        return total - failedSomewhere.size();
    }

    /** Rule sets counted by {@link #ruleset}. */
    int total() {
        return total;
    }

    /** One table row per direction: passed, listed exceptions, unexpected failures, of how many. */
    String table(Map<D, String> names) {
        StringBuilder sb = new StringBuilder("| direction | passed | listed exceptions | unexpected | of |\n|---|---|---|---|---|\n");
        counts.forEach((d, c) -> sb.append("| ").append(names.get(d)).append(" | ").append(c[PASSED]).append(" | ")
                .append(c[EXCEPTED]).append(" | ").append(c[UNEXPECTED]).append(" | ").append(ran(d)).append(" |\n"));
        return sb.toString();
    }

    /** Writes {@code text} to {@code target/conformance/FILE} and prints it. */
    static void report(String file, String text) {
        Path out = Path.of("target", "conformance", file);
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(text);
    }
}
