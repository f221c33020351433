package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The random choices of one generated rule set: a seeded {@link Random}, the
 * features switched on, and optionally one feature in focus, chosen more often
 * wherever it can appear (to check that a feature listed as failing still fails).
 */
final class Choices {

    private final Random random;
    private final Set<GeneratorFeature> enabled;
    private final GeneratorFeature focus;
    private final Set<GeneratorFeature> used = java.util.EnumSet.noneOf(GeneratorFeature.class);
    private int names;

    Choices(long seed, Set<GeneratorFeature> enabled, GeneratorFeature focus) {
        this.random = new Random(seed);
        this.enabled = Set.copyOf(enabled);
        this.focus = focus;
    }

    /** Whether {@code feature} is switched on. */
    boolean has(GeneratorFeature feature) {
        return enabled.contains(feature);
    }

    /**
     * Whether to use {@code feature} here: switched on, and chosen with {@code percent} %
     * (at least 80 % for the feature in focus and the features it requires).
     */
    boolean maybe(GeneratorFeature feature, int percent) {
        boolean boosted = focus != null && (feature == focus || focus.requires().contains(feature));
        if (has(feature) && roll(boosted ? Math.max(percent, 80) : percent)) {
            used.add(feature);
            return true;
        }
        return false;
    }

    /** Whether {@code feature} is the one in focus. */
    boolean focused(GeneratorFeature feature) {
        return feature == focus;
    }

    /** Notes that the rule set shows {@code feature}. */
    void use(GeneratorFeature feature) {
        used.add(feature);
    }

    /** The features the rule set shows so far. */
    Set<GeneratorFeature> used() {
        return java.util.Collections.unmodifiableSet(used);
    }

    /** True with {@code percent} %. */
    boolean roll(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A number from {@code low} to {@code high}, both included. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    /** A number from {@code low} to {@code high}, both included. */
    long between(long low, long high) {
        return low + (long) (random.nextDouble() * (high - low + 1));
    }

    /** One of {@code options}, which must not be empty. */
    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** One of {@code options}. */
    @SafeVarargs
    final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    /** Shuffles {@code list} in place. */
    void shuffle(List<?> list) {
        java.util.Collections.shuffle(list, random);
    }

    /** The options that pass {@code filter}, in order. */
    static <T> List<T> only(List<T> options, Predicate<T> filter) {
        List<T> kept = new ArrayList<>();
        for (T o : options) {
            if (filter.test(o)) {
                kept.add(o);
            }
        }
        return kept;
    }

    /** The focus feature's, or a feature option chosen at random among those switched on; {@code null} when none is. */
    GeneratorFeature pickFeature(List<GeneratorFeature> options) {
        if (focus != null && options.contains(focus) && roll(80)) {
            used.add(focus);
            return focus;
        }
        List<GeneratorFeature> on = only(options, this::has);
        GeneratorFeature chosen = on.isEmpty() ? null : pick(on);
        if (chosen != null) {
            used.add(chosen);
        }
        return chosen;
    }

    /** A fresh name: {@code prefix} and a number unique in this rule set. */
    String name(String prefix) {
        return prefix + (names++);
    }

    /** {@code ,} or {@code , } between flags, as the flag-list features allow. */
    String flagSeparator() {
        boolean tight = has(GeneratorFeature.FLAGS_WITHOUT_SPACES);
        boolean spaced = has(GeneratorFeature.FLAGS_WITH_SPACES);
        String separator = tight && spaced ? (roll(50) ? "," : ", ") : spaced ? ", " : ",";
        used.add(separator.equals(",") ? GeneratorFeature.FLAGS_WITHOUT_SPACES : GeneratorFeature.FLAGS_WITH_SPACES);
        return separator;
    }

    /** {@code |} or {@code  | } between bits, as the flag-list features allow. */
    String bitSeparator() {
        boolean tight = has(GeneratorFeature.FLAGS_WITHOUT_SPACES);
        boolean spaced = has(GeneratorFeature.FLAGS_WITH_SPACES);
        String separator = tight && spaced ? (roll(50) ? "|" : " | ") : spaced ? " | " : "|";
        used.add(separator.equals("|") ? GeneratorFeature.FLAGS_WITHOUT_SPACES : GeneratorFeature.FLAGS_WITH_SPACES);
        return separator;
    }

    /** A comment text, sometimes with spaces and punctuation. */
    String comment() {
        return pick("c" + between(0, 999), "a comment", "rule: " + between(1, 99), "x-y_z.1");
    }
}
