package nftlink.nftables.conformance;

import org.junit.jupiter.api.extension.ExtendWith;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance vectors in the parse-and-linearize direction: every {@code ;ok}
 * rule line of every {@code .t} file is parsed for each table family the file
 * declares, linearized, and its expressions compared with the expected payload
 * ({@code .t.payload.FAMILY}, else {@code .t.payload}). Every exception is listed
 * in the project with its reason, and an unlisted exception or a listed vector that
 * now passes fails the test: rules that compile to different expressions in
 * {@code conformance/parser-known-failures.txt}, {@code ;ok} rules the parser or the
 * rule language refuse in {@code conformance/parser-unsupported.txt} (with the
 * error it gives), {@code ;fail} lines it accepts in
 * {@code conformance/parser-accepted-fails.txt} (the kernel's own checks are not
 * run here). The report per directory and file goes to
 * {@code target/conformance/parser-report.md}.
 */
@ExtendWith(VectorTimeZone.class)
class ParserConformanceTest {

    private static final int MATCH = 0;
    private static final int DIFFER = 1;
    private static final int KNOWN = 2;
    private static final int UNSUPPORTED = 3;
    private static final int NO_PAYLOAD = 4;
    private static final int FAIL_REJECTED = 5;
    private static final int FAIL_ACCEPTED = 6;
    private static final String[] COLUMNS = {"match", "differ", "known difference", "not supported yet", "no payload",
            ";fail rejected", ";fail accepted"};

    private record Table(Family family, String name) {
    }

    @Test
    void okRulesCompileToTheExpectedPayload() throws IOException {
        Path corpus = Corpus.directory();
        if (corpus == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the conformance vectors, but ../shared/conformance is missing");
            }
            Assumptions.abort("skipped: no ../shared/conformance/nftables-tests-py beside the repository");
        }
        Map<String, String> known = knownFailures();
        Set<String> unexpected = new LinkedHashSet<>();
        Map<String, int[]> byFile = new TreeMap<>();
        Map<String, Integer> reasons = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.getFileName().toString().matches(".*\\.t(\\.[a-z0-9]+)?")
                    && !p.getFileName().toString().contains(".payload") && !p.getFileName().toString().contains(".json"))
                    .sorted().toList();
        }
        for (Path t : files) {
            String name = corpus.relativize(t).toString();
            int[] counts = byFile.computeIfAbsent(name, k -> new int[COLUMNS.length]);
            run(t, name, counts, known, unexpected, reasons);
        }
        UNSUPPORTED_LIST.finish(unexpected);
        ACCEPTED_FAIL_LIST.finish(unexpected);
        writeReport(byFile, reasons);
        assertThat(unexpected).as("unexpected conformance results").isEmpty();
        assertThat(byFile.values().stream().mapToInt(c -> c[MATCH]).sum()).isGreaterThan(300);
    }

    private static void run(Path t, String name, int[] counts, Map<String, String> known, Set<String> unexpected,
                            Map<String, Integer> reasons) throws IOException {
        List<Table> tables = new ArrayList<>();
        Map<String, NftSet> sets = new HashMap<>();
        NftParser declarations = new NftParser(CgroupPathResolver.none(), (f, tb, n) -> Optional.empty());
        NftParser parser = new NftParser(path -> 1L, ifname -> {
            if (!ifname.equals("lo")) {
                throw new IllegalArgumentException("no interface " + ifname);
            }
            return 1;
        }, (f, tb, n) -> Optional.ofNullable(sets.get(f + " " + tb + " " + n)));
        for (String raw : Files.readAllLines(t, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("-") || line.startsWith(":")
                    || line.startsWith("?") || line.startsWith("%")) {
                continue;
            }
            if (line.startsWith("*")) {
                String[] f = line.substring(1).split(";");
                try {
                    tables.add(new Table(Family.ofName(f[0]), f[1]));
                } catch (IllegalArgumentException e) {
                    // a family nftlink does not know: its rules are not run
                }
                continue;
            }
            if (line.startsWith("!")) {
                declare(line.substring(1), tables, sets, declarations);
                continue;
            }
            String[] fields = line.split(";");
            if (fields.length < 2) {
                continue;
            }
            String rule = fields[0].strip();
            boolean ok = fields[1].strip().equals("ok");
            for (Table table : tables) {
                List<String> actual;
                try {
                    RuleSpec spec = parser.parseRule(table.family(), table.name(), "c", rule);
                    actual = Linearizer.linearize(spec, new BatchIds()).rule().expressions().stream().map(Expression::toDebugString).toList();
                } catch (NftParseException | IllegalArgumentException e) {
                    if (ok) {
                        counts[UNSUPPORTED]++;
                        UNSUPPORTED_LIST.saw(name + " | " + table.family() + " | " + rule,
                                e instanceof NftParseException pe ? pe.problem() : e.getMessage(), unexpected);
                        String reason = e instanceof NftParseException p ? p.problem() : e.getMessage();
                        reasons.merge(reason.replaceAll("'[^']*'|\\d+", "_").replaceAll("\\(.*", "").strip(), 1, Integer::sum);
                    } else {
                        counts[FAIL_REJECTED]++;
                    }
                    continue;
                }
                if (!ok) {
                    counts[FAIL_ACCEPTED]++;
                    ACCEPTED_FAIL_LIST.saw(name + " | " + table.family() + " | " + rule, "nftlink accepts it", unexpected);
                    continue;
                }
                List<String> expected = payload(t, table.family(), rule);
                if (expected == null) {
                    counts[NO_PAYLOAD]++;
                    continue;
                }
                String key = name + " | " + table.family() + " | " + rule;
                if (actual.equals(expected)) {
                    counts[MATCH]++;
                    if (known.containsKey(key)) {
                        unexpected.add("now matches, remove from known failures: " + key);
                    }
                } else if (known.containsKey(key)) {
                    counts[KNOWN]++;
                } else {
                    counts[DIFFER]++;
                    unexpected.add(key + "\n    expected " + expected + "\n    actual   " + actual);
                    DIFFERENCES.append(key).append('\t').append(expected).append('\t').append(actual).append('\n');
                }
            }
        }
    }

    /** {@code NAME type KEY [: DATA] [timeout T] [flags F]} as {@code add set|map} in every table. */
    private static void declare(String line, List<Table> tables, Map<String, NftSet> sets, NftParser parser) {
        String body = line.substring(0, line.lastIndexOf(';'));
        String[] words = body.split("\\s+", 2);
        if (words.length < 2) {
            return;
        }
        String spec = words[1].replaceAll(" (timeout|flags) ", "; $1 ");
        for (Table table : tables) {
            String command = "add " + (spec.contains(" : ") ? "map " : "set ") + table.family() + " " + table.name() + " "
                    + words[0] + " { " + spec + "; }";
            try {
                for (NftOperation op : parser.parse(command, "declaration").operations()) {
                    if (op instanceof NftOperation.AddSet add) {
                        sets.put(table.family() + " " + table.name() + " " + words[0], add.set());
                    }
                }
            } catch (NftParseException e) {
                // a declaration the parser does not support: rules using the set will not parse either
            }
        }
    }

    private static final Map<Path, List<Corpus.Entry>> PAYLOADS = new HashMap<>();
    /** {@code ;ok} rules nftlink refuses, each with the reason it gives. */
    private static final ExceptionList UNSUPPORTED_LIST = ExceptionList.load("/conformance/parser-unsupported.txt",
            "an ;ok rule nftlink refuses");
    /** {@code ;fail} rules nftlink accepts, each with why. */
    private static final ExceptionList ACCEPTED_FAIL_LIST = ExceptionList.load("/conformance/parser-accepted-fails.txt",
            "a ;fail rule nftlink accepts");
    /** Unlisted differences, one per line (key, expected, actual; tab-separated), for maintaining the known list. */
    private static final StringBuilder DIFFERENCES = new StringBuilder();
    /** {@code ;fail} rules that parse and linearize (the kernel may still reject them). */

    /** The expected expression lines: from {@code FILE.payload.FAMILY} if it has the rule, else {@code FILE.payload}. */
    private static List<String> payload(Path t, Family family, String rule) {
        for (Path p : List.of(t.resolveSibling(t.getFileName() + ".payload." + family.nftName()),
                t.resolveSibling(t.getFileName() + ".payload"))) {
            if (!Files.exists(p)) {
                continue;
            }
            List<Corpus.Entry> entries = PAYLOADS.computeIfAbsent(p, Corpus::entries);
            for (Corpus.Entry e : entries) {
                if (e.rule().equals(rule)) {
                    return e.expressionLines();
                }
            }
        }
        return null;
    }

    private static Map<String, String> knownFailures() throws IOException {
        Map<String, String> keys = new HashMap<>();
        try (var in = ParserConformanceTest.class.getResourceAsStream("/conformance/parser-known-failures.txt")) {
            if (in == null) {
                return keys;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int reason = line.lastIndexOf(" || ");
                keys.put((reason >= 0 ? line.substring(0, reason) : line).strip(), reason >= 0 ? line.substring(reason + 4) : "");
            }
        }
        return keys;
    }

    private static void writeReport(Map<String, int[]> byFile, Map<String, Integer> reasons) throws IOException {
        StringBuilder sb = new StringBuilder("# Parser conformance (parse and linearize `;ok` rules)\n\n");
        sb.append("Each `;ok` rule line parsed for every family its file declares, linearized, and compared with the "
                + "expected payload. Counts are rule x family.\n\n");
        Map<String, int[]> byDir = new TreeMap<>();
        byFile.forEach((file, c) -> {
            int[] d = byDir.computeIfAbsent(file.split("/")[0], k -> new int[COLUMNS.length]);
            for (int i = 0; i < COLUMNS.length; i++) {
                d[i] += c[i];
            }
        });
        table(sb, "directory", byDir);
        sb.append('\n');
        table(sb, "file", byFile);
        sb.append("\n## Why rules are not supported yet (most frequent)\n\n| reason | rules x families |\n|---|---:|\n");
        reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40)
                .forEach(e -> sb.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ").append(e.getValue()).append(" |\n"));
        Path out = Path.of("target/conformance/parser-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb);
        Files.writeString(out.resolveSibling("parser-differences.tsv"), DIFFERENCES);
        System.out.println(sb.substring(0, sb.indexOf("\n| file")));
    }

    private static void table(StringBuilder sb, String first, Map<String, int[]> rows) {
        sb.append("| ").append(first);
        for (String c : COLUMNS) {
            sb.append(" | ").append(c);
        }
        sb.append(" |\n|---").append("|---:".repeat(COLUMNS.length)).append("|\n");
        rows.forEach((k, v) -> {
            sb.append("| ").append(k);
            for (int n : v) {
                sb.append(" | ").append(n);
            }
            sb.append(" |\n");
        });
    }
}
