package nftlink.nftables.conformance;

import nftlink.nftables.conformance.DifferentialCheck.Check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs generated rule sets through {@link DifferentialCheck} against the list of
 * what fails today ({@code conformance/generator-known-failures.txt}), which has two
 * kinds of lines: {@code FEATURE || reason} switches a feature off for the main run;
 * {@code FEATURE | CHECK || reason} keeps it on, but a difference in that check is
 * excused in rule sets that use the feature (for failures so common that switching the
 * feature off would leave much else untested). Every other difference fails. Each line
 * is then probed with rule sets that use the feature (in focus): the line stays only
 * while a probe still shows a difference it explains.
 */
final class GeneratorRun {

    /** Probe rule sets using the feature per line, at most. */
    static final int PROBES = 10;
    /** Rule sets generated per line to find those that use the feature, at most (generating is cheap, checking is not). */
    static final int CANDIDATES = 400;
    /** Probe rule sets that must use the feature and pass before a pair counts as passing. */
    static final int PROBES_NEEDED = 3;

    private final ExceptionList known;
    private final DifferentialCheck check;
    private final Map<Check, Set<GeneratorFeature>> listed = new EnumMap<>(Check.class);
    private final Set<GeneratorFeature> off = EnumSet.noneOf(GeneratorFeature.class);
    /** Rule sets per outcome of the main run: passed, passed with excused differences. */
    int passed;
    int excused;
    /** Rule sets of the main run with an excused difference, per check. */
    final Map<Check, Integer> excusedPerCheck = new EnumMap<>(Check.class);
    /** Rule sets of the main run using each feature. */
    final Map<GeneratorFeature, Integer> usedPerFeature = new EnumMap<>(GeneratorFeature.class);
    /** Unexcused failures and generator bugs, each with its seed and rule set. */
    final List<String> failures = new ArrayList<>();
    /** One line per probed pair. */
    final List<String> probes = new ArrayList<>();

    GeneratorRun(ExceptionList known, DifferentialCheck check) {
        this.known = known;
        this.check = check;
        for (Check c : Check.values()) {
            Set<GeneratorFeature> features = EnumSet.noneOf(GeneratorFeature.class);
            for (GeneratorFeature f : GeneratorFeature.values()) {
                if (known.contains(key(f, c))) {
                    features.add(f);
                }
            }
            listed.put(c, features);
        }
        for (GeneratorFeature f : GeneratorFeature.values()) {
            if (known.contains(f.name())) {
                off.add(f);
            }
        }
    }

    /** The features the main run generates: all but those listed off. */
    Set<GeneratorFeature> enabled() {
        Set<GeneratorFeature> features = EnumSet.allOf(GeneratorFeature.class);
        features.removeAll(off);
        return features;
    }

    /** The key of a pair in the list. */
    static String key(GeneratorFeature feature, Check check) {
        return feature.name() + " | " + check.label;
    }

    /** Generates and checks {@code count} rule sets from {@code base} on, every feature on but those listed off. */
    void main(long base, int count) {
        for (int i = 0; i < count; i++) {
            long seed = base + i;
            Choices choices = new Choices(seed, enabled(), null);
            RulesetGenerator.Generated ruleset = new RulesetGenerator(choices).generate();
            choices.used().forEach(f -> usedPerFeature.merge(f, 1, Integer::sum));
            DifferentialCheck.Outcome outcome = check.check(ruleset);
            Map<Check, String> unexcused = unexcused(outcome, choices.used(), null);
            if (outcome.refusal() != null) {
                failures.add(failure(seed, ruleset, "nft-ref refuses the generated rule set (a generator bug): " + outcome.refusal()));
            } else if (!unexcused.isEmpty()) {
                List<String> lines = new ArrayList<>();
                unexcused.forEach((c, d) -> lines.add(c.label + ": " + d));
                failures.add(failure(seed, ruleset, String.join("\n    ", lines) + "\n  features used: " + choices.used()));
            } else if (outcome.passed()) {
                passed++;
            } else {
                excused++;
                outcome.differences().keySet().forEach(c -> excusedPerCheck.merge(c, 1, Integer::sum));
            }
        }
    }

    /** The differences of {@code outcome} no used feature's line excuses (but {@code probed}'s own). */
    private Map<Check, String> unexcused(DifferentialCheck.Outcome outcome, Set<GeneratorFeature> used, String probed) {
        Map<Check, String> left = new EnumMap<>(Check.class);
        outcome.differences().forEach((c, d) -> {
            if (used.stream().noneMatch(f -> listed.get(c).contains(f) && !key(f, c).equals(probed))) {
                left.put(c, d);
            }
        });
        return left;
    }

    /**
     * Probes every line; {@code unexpected} gets lines that no longer fail and features that
     * could not be probed. Probe seeds are fixed per line (unlike the main run's), so a line's
     * verdict only changes when the library or the generator does.
     */
    void probe(Set<String> unexpected) {
        for (GeneratorFeature f : off) {
            probes.add(probe(f, null, unexpected));
        }
        for (Check c : Check.values()) {
            for (GeneratorFeature f : listed.get(c)) {
                probes.add(probe(f, c, unexpected));
            }
        }
    }

    /** The first probe seed of the line {@code key}: the same in every run. */
    static long probeSeed(String key) {
        return 1_000_000_000L + (key.hashCode() & 0xffffffL) * CANDIDATES;
    }

    /**
     * Rule sets using {@code feature} (in focus, with what it requires, on top of the main
     * run's features less those listed with a check, whose differences would hide the probed
     * one): for a feature listed off ({@code check} {@code null}) any difference no other
     * line excuses keeps it listed; for a pair, a difference in its check.
     */
    private String probe(GeneratorFeature feature, Check check, Set<String> unexpected) {
        String key = check == null ? feature.name() : key(feature, check);
        long firstSeed = probeSeed(key);
        Set<GeneratorFeature> features = enabled();
        listed.values().forEach(features::removeAll);
        features.add(feature);
        features.addAll(feature.requires());
        int using = 0;
        for (int i = 0; i < CANDIDATES && using < PROBES; i++) {
            long seed = firstSeed + i;
            Choices choices = new Choices(seed, features, feature);
            RulesetGenerator.Generated ruleset = new RulesetGenerator(choices).generate();
            if (!choices.used().contains(feature)) {
                continue;
            }
            using++;
            DifferentialCheck.Outcome outcome = this.check.check(ruleset);
            if (outcome.refusal() != null) {
                failures.add(failure(seed, ruleset, "nft-ref refuses the generated rule set (a generator bug): " + outcome.refusal()));
                return "- " + key + ": the generator wrote a rule set nft-ref refuses (seed " + seed + ")";
            }
            Map<Check, String> left = unexcused(outcome, choices.used(), key);
            String difference = check == null ? left.values().stream().findFirst().orElse(null) : left.get(check);
            if (difference != null) {
                known.saw(key, "seed " + seed + ": " + difference, unexpected);
                return "- " + key + ": still fails (seed " + seed + ")";
            }
        }
        if (using < PROBES_NEEDED) {
            unexpected.add("the generator used " + feature + " in only " + using + " of " + CANDIDATES + " rule sets probing "
                    + key + ": make it generate the feature more often in focus");
            return "- " + key + ": not generated often enough to probe";
        }
        return "- " + key + ": passed in " + using + " rule sets using it";
    }

    /** The features switched on that no rule set of the main run used. */
    Set<GeneratorFeature> unused() {
        Set<GeneratorFeature> unused = enabled();
        unused.removeAll(usedPerFeature.keySet());
        return unused;
    }

    private static String failure(long seed, RulesetGenerator.Generated ruleset, String what) {
        return "seed " + seed + " (repeat: -Dnftlink.seed=" + seed + " -Dnftlink.seeds=1):\n    " + what
                + "\n  rule set:\n" + ruleset.text().indent(4);
    }
}
