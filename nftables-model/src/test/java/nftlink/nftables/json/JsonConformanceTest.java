package nftlink.nftables.json;

import nftlink.nftables.conformance.VectorTimeZone;
import org.junit.jupiter.api.extension.ExtendWith;
import nftlink.nftables.Family;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.OutputFlags;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.SetLookup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance vectors' {@code .t.json} files in the linearize direction: each
 * rule's JSON statements are read by {@link JsonParser}, linearized, and the
 * kernel expressions compared with the expected payload of the same rule, for
 * every family that has one. Rules the rule language cannot express (an
 * unsupported field, statement or value) are listed with the error in
 * {@code conformance/json-unsupported.txt}; a rule that linearizes to other
 * expressions is listed with its reason in {@code conformance/json-known-failures.txt};
 * an unlisted exception, or a listed one that now works, fails the test. The report per directory and
 * file goes to {@code target/conformance/json-report.md}.
 */
@ExtendWith(VectorTimeZone.class)
class JsonConformanceTest {

    private static final int MATCH = 0;
    private static final int DIFFER = 1;
    private static final int KNOWN = 2;
    private static final int NOT_EXPRESSIBLE = 3;
    /** Rules the JSON parser or the linearizer refuse, each with the reason. */
    private static final nftlink.nftables.conformance.ExceptionList UNSUPPORTED_LIST =
            nftlink.nftables.conformance.ExceptionList.load("/conformance/json-unsupported.txt", "a JSON rule nftlink refuses");

    private static final JsonParser PARSER = new JsonParser(id -> 1L, SetLookup.NONE);
    /** The output flags nftables' tests/py lists rules with ({@code nft -s -p}). */
    private static final OutputFlags CORPUS_OUTPUT = new OutputFlags(true, false, false, false, false, true, false);

    private record JsonEntry(String rule, String json) {
    }

    private record PayloadEntry(String rule, Family family, List<String> expressions) {
    }

    static Path corpus() {
        String configured = System.getProperty("nftlink.conformance.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/conformance/nftables-tests-py").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void jsonRulesLinearizeToTheExpectedPayload() throws IOException {
        Path corpus = corpus();
        if (corpus == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the conformance vectors, but ../shared/conformance is missing");
            }
            Assumptions.abort("skipped: no ../shared/conformance/nftables-tests-py beside the repository");
        }
        Set<String> known = knownFailures();
        Set<String> unexpected = new LinkedHashSet<>();
        Map<String, int[]> byFile = new TreeMap<>();
        List<Path> jsonFiles;
        try (Stream<Path> files = Files.walk(corpus)) {
            jsonFiles = files.filter(p -> p.getFileName().toString().endsWith(".t.json")).sorted().toList();
        }
        for (Path jsonFile : jsonFiles) {
            String name = corpus.relativize(jsonFile).toString();
            int[] counts = byFile.computeIfAbsent(name, k -> new int[4]);
            List<PayloadEntry> payloads = new ArrayList<>();
            String base = jsonFile.getFileName().toString().replaceAll("\\.json$", "");
            try (Stream<Path> siblings = Files.list(jsonFile.getParent())) {
                for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(base + ".payload")).sorted().toList()) {
                    payloads.addAll(payloadEntries(p));
                }
            }
            for (JsonEntry entry : jsonEntries(jsonFile)) {
                for (PayloadEntry payload : payloads) {
                    if (!payload.rule().equals(entry.rule())) {
                        continue;
                    }
                    String key = name + " | " + payload.family().nftName() + " | " + entry.rule();
                    List<String> got;
                    try {
                        got = linearize(payload.family(), entry.json());
                    } catch (JsonException | IllegalArgumentException e) {
                        counts[NOT_EXPRESSIBLE]++;
                        UNSUPPORTED_LIST.saw(key, e.getMessage(), unexpected);
                        continue;
                    }
                    if (got.equals(payload.expressions())) {
                        counts[MATCH]++;
                        if (known.contains(key)) {
                            unexpected.add("now matches, remove from the known failures: " + key);
                        }
                    } else if (known.contains(key)) {
                        counts[KNOWN]++;
                    } else {
                        counts[DIFFER]++;
                        unexpected.add(key + "\n    expected " + payload.expressions() + "\n    got      " + got);
                    }
                }
            }
        }
        UNSUPPORTED_LIST.finish(unexpected);
        writeReport(byFile);
        assertThat(unexpected).as("unexpected conformance results").isEmpty();
        assertThat(byFile.values().stream().mapToInt(c -> c[MATCH]).sum()).isGreaterThan(300);
    }

    /**
     * The render direction: each rule that linearizes as expected is delinearized
     * again and rendered by {@link JsonRenderer}; the statements must be the
     * expected listing ({@code .t.json.output}, else the {@code .t.json} input),
     * compared as JSON trees, rendered with the output flags tests/py lists with
     * (stateless, numeric protocols: {@code nft -s -p}). Differences are listed in
     * {@code conformance/json-render-known-failures.txt}.
     */
    @Test
    void linearizedRulesRenderAsTheExpectedJson() throws IOException {
        Path corpus = corpus();
        if (corpus == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the conformance vectors, but ../shared/conformance is missing");
            }
            Assumptions.abort("skipped: no ../shared/conformance/nftables-tests-py beside the repository");
        }
        Set<String> known = knownFailures("/conformance/json-render-known-failures.txt");
        Set<String> unexpected = new LinkedHashSet<>();
        int[] counts = new int[4];
        List<Path> jsonFiles;
        try (Stream<Path> files = Files.walk(corpus)) {
            jsonFiles = files.filter(p -> p.getFileName().toString().endsWith(".t.json")).sorted().toList();
        }
        for (Path jsonFile : jsonFiles) {
            String name = corpus.relativize(jsonFile).toString();
            Map<String, String> outputs = new java.util.HashMap<>();
            Path outputFile = jsonFile.resolveSibling(jsonFile.getFileName() + ".output");
            if (Files.exists(outputFile)) {
                jsonEntries(outputFile).forEach(e -> outputs.put(e.rule(), e.json()));
            }
            List<PayloadEntry> payloads = new ArrayList<>();
            String base = jsonFile.getFileName().toString().replaceAll("\\.json$", "");
            try (Stream<Path> siblings = Files.list(jsonFile.getParent())) {
                for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(base + ".payload")).sorted().toList()) {
                    payloads.addAll(payloadEntries(p));
                }
            }
            for (JsonEntry entry : jsonEntries(jsonFile)) {
                for (PayloadEntry payload : payloads) {
                    if (!payload.rule().equals(entry.rule())) {
                        continue;
                    }
                    String key = name + " | " + payload.family().nftName() + " | " + entry.rule();
                    JsonValue rendered;
                    try {
                        if (!linearize(payload.family(), entry.json()).equals(payload.expressions())) {
                            continue;
                        }
                        rendered = renderBack(payload.family(), entry.json());
                    } catch (JsonException | IllegalArgumentException e) {
                        continue;
                    }
                    if (rendered == null) {
                        counts[NOT_EXPRESSIBLE]++;
                        continue;
                    }
                    JsonValue expected = JsonValue.parse(outputs.getOrDefault(entry.rule(), entry.json()));
                    if (rendered.equals(expected)) {
                        counts[MATCH]++;
                        if (known.contains(key)) {
                            unexpected.add("now matches, remove from the known failures: " + key);
                        }
                    } else if (known.contains(key)) {
                        counts[KNOWN]++;
                    } else {
                        counts[DIFFER]++;
                        unexpected.add(key + "\n    expected " + expected.toJson() + "\n    got      " + rendered.toJson());
                    }
                }
            }
        }
        String summary = "render direction: " + counts[MATCH] + " match, " + counts[DIFFER] + " differ, " + counts[KNOWN]
                + " known failures, " + counts[NOT_EXPRESSIBLE] + " with several anonymous sets (not compared)\n";
        Path out = Path.of("target/conformance/json-render-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# JSON conformance, render direction\n\n" + summary);
        System.out.println(summary);
        assertThat(unexpected).as("unexpected conformance results").isEmpty();
        assertThat(counts[MATCH]).isGreaterThan(300);
    }

    /** Linearizes, delinearizes and renders the statements; {@code null} with more than one anonymous set. */
    private static JsonValue renderBack(Family family, String statements) {
        String doc = "{\"family\": \"" + family.nftName() + "\", \"table\": \"test\", \"chain\": \"c\", \"expr\": " + statements + "}";
        Linearizer.Result result = Linearizer.linearize(PARSER.ruleSpec(JsonValue.parse(doc), "$"), new BatchIds());
        if (result.sets().size() > 1) {
            return null;
        }
        List<nftlink.nftables.SetElement> elements = result.sets().isEmpty() ? null : result.sets().getFirst().elements();
        RuleSpec back = nftlink.nftables.lang.Delinearizer.delinearize(result.rule(), setName -> elements);
        // the corpus lists rules as tests/py's nft-test.py has libnftables print them: stateless, protocols as numbers
        // (nft -s -p)
        JsonValue.Obj rule = CORPUS_OUTPUT.apply(() ->
                JsonRenderer.DEFAULT.withStateless(true).withInterfaceNames(i -> i == 1 ? "lo" : null).rule(back));
        return rule.get("expr");
    }

    private static List<String> linearize(Family family, String statements) {
        String doc = "{\"family\": \"" + family.nftName() + "\", \"table\": \"test\", \"chain\": \"c\", \"expr\": " + statements + "}";
        RuleSpec spec = PARSER.ruleSpec(JsonValue.parse(doc), "$");
        return Linearizer.linearize(spec, new BatchIds()).rule().expressions().stream().map(Expression::toDebugString).toList();
    }

    private static List<JsonEntry> jsonEntries(Path file) throws IOException {
        List<JsonEntry> out = new ArrayList<>();
        String rule = null;
        StringBuilder json = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("# ")) {
                if (rule != null && !json.isEmpty()) {
                    out.add(new JsonEntry(rule, json.toString()));
                }
                rule = line.substring(2).strip();
                json.setLength(0);
            } else if (rule != null) {
                json.append(line).append('\n');
            }
        }
        if (rule != null && !json.isEmpty()) {
            out.add(new JsonEntry(rule, json.toString()));
        }
        return out;
    }

    private static List<PayloadEntry> payloadEntries(Path payload) throws IOException {
        String variant = payload.getFileName().toString().replaceAll("^.*\\.t\\.payload\\.?", "");
        List<PayloadEntry> out = new ArrayList<>();
        String rule = null;
        String family = null;
        List<String> expressions = new ArrayList<>();
        boolean inSet = false;
        for (String line : Files.readAllLines(payload, StandardCharsets.UTF_8)) {
            if (line.startsWith("# ")) {
                add(out, rule, variant.isEmpty() ? family : variant, expressions);
                rule = line.substring(2).strip();
                family = null;
                expressions = new ArrayList<>();
            } else if (line.strip().startsWith("[")) {
                expressions.add(line.strip());
            } else if (line.startsWith("__set") || line.startsWith("__map") || line.startsWith("__objmap")) {
                inSet = true;
            } else if (!line.isBlank() && family == null && rule != null && !line.strip().startsWith("element") && !inSet) {
                family = line.strip().split("\\s+")[0];
            }
            if (line.isBlank()) {
                inSet = false;
            }
        }
        add(out, rule, variant.isEmpty() ? family : variant, expressions);
        return out;
    }

    private static void add(List<PayloadEntry> out, String rule, String family, List<String> expressions) {
        if (rule == null || family == null) {
            return;
        }
        try {
            out.add(new PayloadEntry(rule, Family.ofName(family), List.copyOf(expressions)));
        } catch (IllegalArgumentException e) {
            // a header line that names no family
        }
    }

    private static Set<String> knownFailures() throws IOException {
        return knownFailures("/conformance/json-known-failures.txt");
    }

    private static Set<String> knownFailures(String resource) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        try (var in = JsonConformanceTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                return keys;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int reason = line.lastIndexOf(" || ");
                keys.add((reason >= 0 ? line.substring(0, reason) : line).strip());
            }
        }
        return keys;
    }

    private static void writeReport(Map<String, int[]> byFile) throws IOException {
        StringBuilder sb = new StringBuilder("# JSON conformance (.t.json rules linearized)\n\n");
        sb.append("Each rule's JSON statements parsed by JsonParser, linearized, and compared with the expected payload.\n\n");
        Map<String, int[]> byDir = new TreeMap<>();
        for (var e : byFile.entrySet()) {
            int[] d = byDir.computeIfAbsent(e.getKey().split("/")[0], k -> new int[4]);
            for (int i = 0; i < 4; i++) {
                d[i] += e.getValue()[i];
            }
        }
        sb.append("| directory | match | differ | known failure | not expressible yet |\n|---|---:|---:|---:|---:|\n");
        byDir.forEach((dir, v) -> sb.append("| ").append(dir).append(" | ").append(v[MATCH]).append(" | ").append(v[DIFFER])
                .append(" | ").append(v[KNOWN]).append(" | ").append(v[NOT_EXPRESSIBLE]).append(" |\n"));
        sb.append("\n| file | match | differ | known failure | not expressible yet |\n|---|---:|---:|---:|---:|\n");
        byFile.forEach((file, c) -> sb.append("| ").append(file).append(" | ").append(c[MATCH]).append(" | ").append(c[DIFFER])
                .append(" | ").append(c[KNOWN]).append(" | ").append(c[NOT_EXPRESSIBLE]).append(" |\n"));
        Path out = Path.of("target/conformance/json-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb);
        System.out.println(sb.substring(0, sb.indexOf("\n| file")));
    }
}
