package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code nft-ref --debug=netlink list ruleset}, split into the
 * bytecode nft prints while it reads the rule set (set element blocks
 * {@code FAMILY TABLE @SET} and rule blocks {@code FAMILY TABLE CHAIN HANDLE [POSITION]})
 * and the listing it prints afterwards, which is what {@code nft-ref list ruleset}
 * prints.
 *
 * @param bytecode the debug blocks, as printed
 * @param listing  the rule set listing, as printed
 */
record RefListing(String bytecode, String listing) {

    private static final Pattern EXPIRES = Pattern.compile(" expires (?:\\d+(?:d|h|ms|m|s))+");
    private static final Pattern ANONYMOUS = Pattern.compile("\\b__(set|map|chain)(\\d+)\\b");

    /** Splits the output at the first line starting with {@code table }: the listing begins there. */
    static RefListing of(String debugOutput) {
        int start = debugOutput.startsWith("table ") ? 0 : debugOutput.indexOf("\ntable ");
        if (start < 0) {
            return new RefListing(debugOutput, "");
        }
        int cut = start == 0 ? 0 : start + 1;
        return new RefListing(debugOutput.substring(0, cut), debugOutput.substring(cut));
    }

    /**
     * A listing with what depends on when it was taken left out: the time left
     * until an element expires ({@code expires 59m59s984ms}), which nft prints after
     * its {@code timeout}.
     */
    static String timeless(String listing) {
        return EXPIRES.matcher(listing).replaceAll("");
    }

    /**
     * The bytecode in a form equal for equal rule sets in two namespaces: rule
     * handles and positions dropped from rule headers; anonymous sets, maps and
     * chains numbered in the order the rules first name them (the kernel numbers
     * them in the order they were added); set element blocks sorted by set and their
     * element lines sorted (the kernel dumps hash sets in an order of its own, and the
     * listing already shows the elements in nft's order); rule blocks in kernel order.
     */
    String normalizedBytecode() {
        List<List<String>> blocks = blocks(bytecode);
        Map<String, String> names = anonymousNames(blocks);
        List<String> sets = new ArrayList<>();
        StringBuilder rules = new StringBuilder();
        for (List<String> block : blocks) {
            String header = rename(block.getFirst(), names);
            if (header.contains(" @")) {
                List<String> elements = new ArrayList<>(block.subList(1, block.size()));
                elements.replaceAll(line -> rename(line, names));
                elements.sort(null);
                sets.add(header + "\n" + String.join("\n", elements) + "\n");
            } else {
                String[] words = header.split(" ");
                rules.append(words.length >= 4 ? String.join(" ", List.of(words).subList(0, 3)) : header).append('\n');
                for (String line : block.subList(1, block.size())) {
                    rules.append(rename(line, names)).append('\n');
                }
            }
        }
        sets.sort(null);
        return String.join("", sets) + rules;
    }

    /** Lines grouped into blocks, each a header line (not indented) and its indented lines. */
    private static List<List<String>> blocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0)) || blocks.isEmpty()) {
                blocks.add(new ArrayList<>());
            }
            blocks.getLast().add(line);
        }
        return blocks;
    }

    /** {@code __set7} to {@code __set#0} and so on, numbered by first mention in a rule, then by set block. */
    private static Map<String, String> anonymousNames(List<List<String>> blocks) {
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> next = new HashMap<>();
        List<String> ruleLinesFirst = new ArrayList<>();
        for (List<String> block : blocks) {
            if (!block.getFirst().contains(" @")) {
                ruleLinesFirst.addAll(block);
            }
        }
        for (List<String> block : blocks) {
            if (block.getFirst().contains(" @")) {
                ruleLinesFirst.add(block.getFirst());
            }
        }
        for (String line : ruleLinesFirst) {
            Matcher m = ANONYMOUS.matcher(line);
            while (m.find()) {
                String kind = m.group(1);
                names.computeIfAbsent(m.group(), k -> "__" + kind + "#" + next.merge(kind, 1, Integer::sum));
            }
        }
        return names;
    }

    private static String rename(String line, Map<String, String> names) {
        Matcher m = ANONYMOUS.matcher(line);
        return m.replaceAll(r -> Matcher.quoteReplacement(names.getOrDefault(r.group(), r.group())));
    }
}
