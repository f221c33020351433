package nftlink.nftables.conformance;

import org.junit.jupiter.api.extension.ExtendWith;
import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.DebugSyntaxException;
import nftlink.nftables.expr.Expressions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance vectors in the kernel-level direction: every expected
 * expression line of every payload file is parsed into a kernel expression,
 * encoded into netlink attributes, decoded again and rendered; the text must be
 * the line itself. Lines of expressions the library does not model yet are
 * counted, not failed. Failures must be listed in
 * {@code conformance/payload-known-failures.txt} with a reason; an unlisted
 * failure or a listed line that now passes fails the test. A report per
 * directory and file goes to {@code target/conformance/payload-report.md}.
 */
@ExtendWith(VectorTimeZone.class)
class PayloadConformanceTest {

    private record Counts(int[] values) {
        Counts() {
            this(new int[4]);
        }

        void add(int column) {
            values[column]++;
        }
    }

    private static final int MATCH = 0;
    private static final int FAIL = 1;
    private static final int NOT_MODELED = 2;
    private static final int KNOWN = 3;

    @Test
    void everyModeledExpressionLineRoundTrips() throws IOException {
        Path corpus = Corpus.directory();
        if (corpus == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the conformance vectors, but ../shared/conformance is missing");
            }
            Assumptions.abort("skipped: no ../shared/conformance/nftables-tests-py beside the repository");
        }
        Set<String> known = knownFailures();
        Set<String> unexpectedFailures = new LinkedHashSet<>();
        Set<String> stillFailing = new LinkedHashSet<>();
        Map<String, Counts> byFile = new TreeMap<>();
        for (Path file : Corpus.payloadFiles(corpus)) {
            String name = corpus.relativize(file).toString();
            Counts counts = byFile.computeIfAbsent(name, k -> new Counts());
            for (Corpus.Entry entry : Corpus.entries(file)) {
                List<String> lines = entry.expressionLines();
                List<Expression> parsed = parseEach(lines);
                boolean unmodeledBefore = false;
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    String expressionName = line.substring(1).strip().split("\\s+")[0];
                    if (!Expressions.knownNames().contains(expressionName)) {
                        counts.add(NOT_MODELED);
                        unmodeledBefore = true;
                        continue;
                    }
                    String key = name + " | " + line;
                    boolean ok = parsed.get(i) != null && roundTrip(parsed.get(i)).equals(line);
                    if (!ok && unmodeledBefore) {
                        // reads a register that an expression the library does not model yet has loaded
                        counts.add(NOT_MODELED);
                        continue;
                    }
                    if (ok) {
                        counts.add(MATCH);
                        if (known.contains(key)) {
                            unexpectedFailures.add("now passes, remove from known failures: " + key);
                        }
                    } else if (known.contains(key)) {
                        counts.add(KNOWN);
                        stillFailing.add(key);
                    } else {
                        counts.add(FAIL);
                        unexpectedFailures.add(key + (parsed.get(i) == null ? "  (does not parse)"
                                : "  (renders as " + roundTrip(parsed.get(i)) + ")"));
                    }
                }
            }
        }
        writeReport(byFile);
        assertThat(unexpectedFailures).as("unexpected conformance results").isEmpty();
        assertThat(byFile.values().stream().mapToInt(c -> c.values()[MATCH]).sum()).isGreaterThan(1000);
    }

    /** Parses the lines of one entry in order (registers carry over); null where a line does not parse. */
    private static List<Expression> parseEach(List<String> lines) {
        List<Expression> out = new ArrayList<>();
        // parse the whole entry at once for register context; fall back line by line on error
        try {
            List<Expression> all = Expressions.parseDebug(String.join("\n", lines));
            if (all.size() == lines.size()) {
                return all;
            }
        } catch (DebugSyntaxException | IllegalArgumentException e) {
            // some line does not parse: find which below
        }
        StringBuilder prefix = new StringBuilder();
        for (String line : lines) {
            prefix.append(line).append('\n');
            try {
                List<Expression> upTo = Expressions.parseDebug(prefix.toString());
                out.add(upTo.getLast());
            } catch (DebugSyntaxException | IllegalArgumentException e) {
                out.add(null);
                prefix.setLength(prefix.length() - line.length() - 1);
            }
        }
        return out;
    }

    /** Encode as a list element, decode, render. */
    private static String roundTrip(Expression e) {
        MessageWriter w = new MessageWriter(256);
        Expressions.writeElement(w, e);
        Attribute element = Attributes.parse(w.toByteArray()).list().getFirst();
        return Expressions.decode(element).toDebugString();
    }

    private static Set<String> knownFailures() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        try (var in = PayloadConformanceTest.class.getResourceAsStream("/conformance/payload-known-failures.txt")) {
            if (in == null) {
                return keys;
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int reason = line.lastIndexOf(" || ");
                keys.add((reason >= 0 ? line.substring(0, reason) : line).strip());
            }
        }
        return keys;
    }

    private static void writeReport(Map<String, Counts> byFile) throws IOException {
        StringBuilder sb = new StringBuilder("# Payload conformance (kernel-level expressions)\n\n");
        sb.append("Each expected `[ ... ]` line parsed, encoded, decoded and rendered back.\n\n");
        Map<String, int[]> byDir = new TreeMap<>();
        for (var e : byFile.entrySet()) {
            int[] d = byDir.computeIfAbsent(e.getKey().split("/")[0], k -> new int[4]);
            for (int i = 0; i < 4; i++) {
                d[i] += e.getValue().values()[i];
            }
        }
        sb.append("| directory | match | fail | known failure | not modeled yet |\n|---|---:|---:|---:|---:|\n");
        byDir.forEach((dir, v) -> sb.append("| ").append(dir).append(" | ").append(v[0]).append(" | ").append(v[1])
                .append(" | ").append(v[3]).append(" | ").append(v[2]).append(" |\n"));
        sb.append("\n| file | match | fail | known failure | not modeled yet |\n|---|---:|---:|---:|---:|\n");
        byFile.forEach((file, c) -> sb.append("| ").append(file).append(" | ").append(c.values()[0]).append(" | ")
                .append(c.values()[1]).append(" | ").append(c.values()[3]).append(" | ").append(c.values()[2]).append(" |\n"));
        Path out = Path.of("target/conformance/payload-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb);
        System.out.println(sb.substring(0, sb.indexOf("\n| file")));
    }
}
