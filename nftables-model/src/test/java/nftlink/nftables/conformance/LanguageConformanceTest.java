package nftlink.nftables.conformance;

import org.junit.jupiter.api.extension.ExtendWith;
import nftlink.nftables.Family;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.DebugSyntaxException;
import nftlink.nftables.expr.Expressions;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Delinearizer;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance vectors in the rule-language direction: each expected payload
 * (with its anonymous set elements) is parsed into kernel expressions,
 * delinearized, rendered, and compared with the rule as nft lists it (the
 * {@code .t} line's third field, else the rule itself). Entries the language
 * cannot express yet are listed with the reason in
 * {@code conformance/language-not-expressible.txt}; a rendering that differs is
 * listed with its reason in {@code conformance/language-known-failures.txt}; an
 * unlisted exception, or a listed one that now works, fails the test. A
 * report per directory and file goes to {@code target/conformance/language-report.md}.
 */
@ExtendWith(VectorTimeZone.class)
class LanguageConformanceTest {

    private static final int MATCH = 0;
    private static final int DIFFER = 1;
    private static final int KNOWN = 2;
    private static final int NOT_EXPRESSIBLE = 3;

    /** One payload entry with the element lines of each of its anonymous sets, in the order nft declared them. */
    private record Entry(String rule, String family, List<String> expressions, List<List<String>> setElementLines) {
    }

    @Test
    void expressibleRulesRenderAsNftListsThem() throws IOException {
        Path corpus = Corpus.directory();
        if (corpus == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the conformance vectors, but ../shared/conformance is missing");
            }
            Assumptions.abort("skipped: no ../shared/conformance/nftables-tests-py beside the repository");
        }
        Set<String> known = knownFailures();
        Set<String> unexpected = new LinkedHashSet<>();
        Map<String, int[]> byFile = new TreeMap<>();
        for (Path payload : Corpus.payloadFiles(corpus)) {
            String name = corpus.relativize(payload).toString();
            Path rulesFile = payload.resolveSibling(payload.getFileName().toString().replaceAll("\\.t\\.payload.*$", ".t"));
            Map<String, String> expectedListing = expectedListings(rulesFile);
            Map<String, Integer> mapData = declaredMapData(rulesFile);
            int[] counts = byFile.computeIfAbsent(name, k -> new int[4]);
            String variant = payload.getFileName().toString().replaceAll("^.*\\.t\\.payload\\.?", "");
            for (Entry recorded : entries(payload)) {
                // a variant file's family is its suffix; its header lines are informational; the base file
                // is for the families without a variant of their own, whatever its header says
                String family = variant.isEmpty() ? baseFamily(payload, rulesFile, recorded.family()) : variant;
                Entry e = new Entry(recorded.rule(), family, recorded.expressions(), recorded.setElementLines());
                String expected = expectedListing.get(e.rule());
                if (expected == null) {
                    continue;
                }
                String key = name + " | " + e.rule();
                Rendered result = render(e, mapData);
                if (result.text() == null) {
                    counts[NOT_EXPRESSIBLE]++;
                    NOT_EXPRESSIBLE_LIST.saw(key, result.reason(), unexpected);
                    continue;
                }
                String rendered = result.text();
                boolean same = normalize(rendered).equals(normalize(expected));
                if (same) {
                    counts[MATCH]++;
                    if (known.contains(key)) {
                        unexpected.add("now matches, remove from known failures: " + key);
                    }
                } else if (known.contains(key)) {
                    counts[KNOWN]++;
                } else {
                    counts[DIFFER]++;
                    unexpected.add(key + " || renders \"" + rendered + "\", nft lists \"" + expected + "\"");
                }
            }
        }
        NOT_EXPRESSIBLE_LIST.finish(unexpected);
        writeReport(byFile);
        assertThat(unexpected).as("unexpected conformance results").isEmpty();
        assertThat(byFile.values().stream().mapToInt(c -> c[MATCH]).sum()).isGreaterThan(500);
    }

    /** A rendered rule, or why the language cannot express it. */
    private record Rendered(String text, String reason) {
        static Rendered not(String reason) {
            return new Rendered(null, reason);
        }
    }

    /** Rules whose payload the language cannot express, each with the reason. */
    private static final ExceptionList NOT_EXPRESSIBLE_LIST = ExceptionList.load("/conformance/language-not-expressible.txt",
            "a payload the language cannot express");

    /** Delinearizes and renders an entry, or says why the language cannot express it. */
    private static Rendered render(Entry e, Map<String, Integer> mapData) {
        Family family;
        try {
            family = Family.ofName(e.family());
        } catch (IllegalArgumentException ex) {
            return Rendered.not("family " + e.family() + " is not one nftlink knows");
        }
        // every anonymous set is named __set%d (or __map%d, __objmap%d) in the payload: the k-th reference
        // is to the k-th set declared, so each reference gets a name of its own
        List<String> lines = new ArrayList<>();
        int[] reference = {0};
        for (String line : e.expressions()) {
            lines.add(java.util.regex.Pattern.compile("(__(?:set|map|objmap)%d)").matcher(line)
                    .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + "#" + reference[0]++)));
        }
        List<Expression> expressions;
        try {
            expressions = Expressions.parseDebug(String.join("\n", lines));
        } catch (DebugSyntaxException | IllegalArgumentException ex) {
            return Rendered.not("payload text not read: " + ex.getMessage());
        }
        Map<String, List<SetElement>> sets = new HashMap<>();
        for (int k = 0; k < e.setElementLines().size(); k++) {
            List<SetElement> elements = new ArrayList<>();
            for (String line : e.setElementLines().get(k)) {
                for (String element : line.split("\\[end\\]")) {
                    String el = element.strip();
                    if (el.startsWith("element")) {
                        SetElement parsed = element(el);
                        if (parsed == null) {
                            return Rendered.not("set element not read: " + el);
                        }
                        elements.add(parsed);
                    }
                }
            }
            for (String kind : List.of("__set%d#", "__map%d#", "__objmap%d#")) {
                sets.put(kind + k, elements);
            }
        }
        Rule rule = new Rule(family, "t", "c", 0, 0, expressions, null, List.of());
        RuleSpec spec = Delinearizer.delinearize(rule, new Delinearizer.SetContents() {
            @Override
            public List<SetElement> apply(String name) {
                List<SetElement> elements = sets.get(name);
                return elements == null || elements.isEmpty() ? null : elements;
            }

            @Override
            public int dataType(String name) {
                return mapData.getOrDefault(name, 0);
            }
        });
        for (Statement s : spec.statements()) {
            if (s instanceof Statement.KernelExpression && e.expressions().stream().anyMatch(x -> x.startsWith("[ objref sreg"))) {
                return Rendered.not("libnftnl's payload text leaves out the object names of an object map's elements");
            }
            if (s instanceof Statement.KernelExpression k) {
                String why = whyNotExpressible(e);
                return Rendered.not((why == null ? "" : why + "; ") + "no rule-language form for " + k.expression().toDebugString());
            }
        }
        // the corpus lists rules as nft -s -p does: no counter values, numeric protocols
        return new Rendered(RuleRenderer.DEFAULT.withOptions(true, true).withInterfaceNames(index -> index == 1 ? "lo" : null)
                .render(spec), null);
    }

    /** What the rule uses that the rule language does not model (yet), told from its text and payload. */
    private static String whyNotExpressible(Entry e) {
        String rule = e.rule();
        if (rule.matches(".*(&|\\|) 0x[0-9a-f]+\\)? <<.*")) {
            return "a mask and then a shift on a computed value: the language applies one operation, then | or & a constant";
        }
        if (rule.contains("dccp option")) {
            return "libnftnl's payload text does not say which header an exthdr reads (dccp options read as IPv6 extension headers)";
        }
        if (rule.contains("ct original saddr")) {
            return "ct original saddr without ip/ip6 (the generic ct src key, family from meta nfproto): not modeled";
        }
        if (rule.matches(".*\\. @[a-z]h,.*|.*@[a-z]h,[0-9,]+ \\..*")) {
            return "raw payload bits (@ih, @th) inside a concatenation: not modeled";
        }
        if (rule.matches(".*(meta mark|0x[0-9a-f]+-0x[0-9a-f]+) \\..*\\{.*-.*") || rule.contains(". 0x00000200-")) {
            return "a range of host-order values (meta mark) inside a concatenation: not modeled";
        }
        if (rule.contains("tproxy") && rule.contains(" map ")) {
            return "tproxy to a port taken from a map: not modeled";
        }
        if (rule.contains("set rt mtu")) {
            return "a header field set from another expression (rt mtu): the language sets header fields from constants";
        }
        if (rule.contains(" and ") && rule.contains(" map ")) {
            return "a masked key of a data map: not modeled";
        }
        if (rule.contains("== {")) {
            return "a masked flag field compared with a set of flag combinations: not modeled";
        }
        if (rule.matches(".*\\b\\d+/\\d+\\b.*")) {
            return "VALUE/BITS values of bit fields (newer nft syntax): not modeled";
        }
        return null;
    }

    /** One element of libnftnl's text: {@code element KEY [- END]  : [DATA] FLAGS}. */
    private static SetElement element(String text) {
        String body = text.substring("element".length()).strip();
        int colon = body.lastIndexOf(" : ");
        if (colon < 0 && !body.startsWith(": ")) {
            return null;
        }
        String keyPart = colon < 0 ? "" : body.substring(0, colon).strip();
        String rest = (colon < 0 ? body.substring(2) : body.substring(colon + 3)).strip();
        String endPart = null;
        if (keyPart.contains(" - ")) {
            // a range of concatenations: KEY - KEY_END
            endPart = keyPart.substring(keyPart.indexOf(" - ") + 3).strip();
            keyPart = keyPart.substring(0, keyPart.indexOf(" - ")).strip();
        }
        String[] restWords = rest.split("\\s+");
        int flags;
        try {
            flags = Integer.parseInt(restWords[restWords.length - 1]);
        } catch (NumberFormatException ex) {
            return null;
        }
        NftData data = null;
        boolean words = restWords.length >= 2
                && Arrays.stream(restWords, 0, restWords.length - 1).allMatch(w -> w.matches("[0-9a-f]{8}"));
        if (words) {
            // data values: 32-bit words as libnftnl prints them (shorter data comes zero-padded)
            String[] data32 = Arrays.stream(restWords, 0, restWords.length - 1).map(w -> "0x" + w).toArray(String[]::new);
            data = NftData.of(Bytes.fromWords(data32, data32.length * 4));
        } else if (restWords.length == 2) {
            Verdict verdict = switch (restWords[0]) {
                case "accept" -> Verdict.ACCEPT;
                case "drop" -> Verdict.DROP;
                case "continue" -> Verdict.CONTINUE;
                case "return" -> Verdict.RETURN;
                default -> null;
            };
            if (verdict == null) {
                return null;
            }
            data = NftData.of(verdict);
        } else if (restWords.length > 2) {
            return null;
        }
        Bytes key = keyPart.isEmpty() ? Bytes.empty() : words(keyPart);
        return new SetElement(key, endPart == null ? null : words(endPart), data, null, flags, Duration.ZERO, Duration.ZERO, null,
                List.of());
    }

    /** libnftnl's 32-bit words as bytes. */
    private static Bytes words(String text) {
        String[] w = text.split("\\s+");
        return Bytes.fromWords(Arrays.stream(w).map(x -> "0x" + x).toArray(String[]::new), w.length * 4);
    }

    /** Whitespace and set-element order do not matter; sets are compared as sets. */
    static String normalize(String text) {
        String t = text.replaceAll("\\s+", " ").replace(" - ", "-").replace("{ ", "{").replace(" }", "}").replace(", ", ",")
                .replaceAll(" ?: ?", ":").replace(" ,", ",").strip();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            int open = t.indexOf('{', i);
            if (open < 0) {
                out.append(t.substring(i));
                break;
            }
            int close = t.indexOf('}', open);
            if (close < 0) {
                out.append(t.substring(i));
                break;
            }
            out.append(t, i, open + 1);
            String[] items = t.substring(open + 1, close).split(",");
            Arrays.sort(items);
            out.append(String.join(",", items)).append('}');
            i = close + 1;
        }
        return out.toString();
    }

    /**
     * The family of a base payload file's entry: its header's, unless that family has a variant file
     * of its own; then the first family the rules file declares without one.
     */
    private static String baseFamily(Path payload, Path rulesFile, String header) throws IOException {
        if (header == null || !Files.exists(payload.resolveSibling(payload.getFileName() + "." + header)) || !Files.exists(rulesFile)) {
            return header;
        }
        for (String line : Files.readAllLines(rulesFile, StandardCharsets.UTF_8)) {
            if (line.startsWith("*")) {
                String declared = line.substring(1).split(";")[0].strip();
                if (!Files.exists(payload.resolveSibling(payload.getFileName() + "." + declared))) {
                    return declared;
                }
            }
        }
        return header;
    }

    /**
     * The data type IDs of the maps a rules file declares ({@code !map2 type K : ipv4_addr . inet_service;ok}),
     * parts 6 bits each, as the kernel has them for named maps.
     */
    private static Map<String, Integer> declaredMapData(Path rulesFile) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        if (!Files.exists(rulesFile)) {
            return out;
        }
        for (String line : Files.readAllLines(rulesFile, StandardCharsets.UTF_8)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^!(\\S+) type [^:;]+ : ([^;]+);ok").matcher(line);
            if (!m.find()) {
                continue;
            }
            List<nftlink.nftables.lang.Datatype> types = new ArrayList<>();
            for (String part : m.group(2).strip().split(" \\. ")) {
                java.util.Arrays.stream(nftlink.nftables.lang.Datatype.values())
                        .filter(x -> x.nftName().equals(part.strip())).findFirst().ifPresent(types::add);
            }
            int id = types.size() == m.group(2).strip().split(" \\. ").length ? nftlink.nftables.lang.Datatype.concatenationId(types) : 0;
            if (id != 0) {
                out.put(m.group(1), id);
            }
        }
        return out;
    }

    private static Map<String, String> expectedListings(Path rulesFile) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(rulesFile)) {
            return out;
        }
        for (String line : Files.readAllLines(rulesFile, StandardCharsets.UTF_8)) {
            if (line.isBlank() || "#:*!?%-".indexOf(line.charAt(0)) >= 0) {
                continue;
            }
            String[] f = line.split(";");
            if (f.length < 2 || !f[1].strip().equals("ok")) {
                continue;
            }
            out.put(f[0].strip(), f.length >= 3 ? f[2].strip() : f[0].strip());
        }
        return out;
    }

    private static List<Entry> entries(Path payload) throws IOException {
        List<Entry> out = new ArrayList<>();
        String rule = null;
        String family = null;
        List<String> expressions = new ArrayList<>();
        List<List<String>> sets = new ArrayList<>();
        int setHeaders = 0;
        for (String line : Files.readAllLines(payload, StandardCharsets.UTF_8)) {
            if (line.startsWith("# ")) {
                if (rule != null) {
                    out.add(new Entry(rule, family, List.copyOf(expressions), List.copyOf(sets)));
                }
                rule = line.substring(2).strip();
                family = null;
                expressions.clear();
                sets = new ArrayList<>();
                setHeaders = 0;
            } else if (line.strip().startsWith("[")) {
                expressions.add(line.strip());
            } else if (line.strip().startsWith("element") && !sets.isEmpty()) {
                sets.get(sets.size() - 1).add(line.strip());
            } else if (line.startsWith("__set") || line.startsWith("__map") || line.startsWith("__objmap")) {
                // two header lines per set: "NAME TABLE ID" and "NAME TABLE 0"
                if (setHeaders++ % 2 == 0) {
                    sets.add(new ArrayList<>());
                }
            } else if (!line.isBlank() && family == null && rule != null) {
                family = line.strip().split("\\s+")[0];
            }
        }
        if (rule != null) {
            out.add(new Entry(rule, family, List.copyOf(expressions), List.copyOf(sets)));
        }
        return out;
    }

    private static Set<String> knownFailures() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        try (var in = LanguageConformanceTest.class.getResourceAsStream("/conformance/language-known-failures.txt")) {
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
        StringBuilder sb = new StringBuilder("# Rule-language conformance (delinearize and render)\n\n");
        Map<String, int[]> byDir = new TreeMap<>();
        byFile.forEach((file, c) -> {
            int[] d = byDir.computeIfAbsent(file.split("/")[0], k -> new int[4]);
            for (int i = 0; i < 4; i++) {
                d[i] += c[i];
            }
        });
        sb.append("| directory | match | differ | known difference | not expressible yet |\n|---|---:|---:|---:|---:|\n");
        byDir.forEach((d, c) -> sb.append("| ").append(d).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" | ")
                .append(c[2]).append(" | ").append(c[3]).append(" |\n"));
        sb.append("\n| file | match | differ | known difference | not expressible yet |\n|---|---:|---:|---:|---:|\n");
        byFile.forEach((f, c) -> sb.append("| ").append(f).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" | ")
                .append(c[2]).append(" | ").append(c[3]).append(" |\n"));
        Path out = Path.of("target/conformance/language-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb);
        System.out.println(sb.substring(0, sb.indexOf("\n| file")));
    }
}
