package nftlink.examples.daemon;

import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.CgroupSelector;
import nftlink.cgroup.InvalidCgroupPathException;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.NftScript;
import nftlink.nftables.parse.SourceLocation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A policy file in the format of mk-fg's scnpm: an ordinary {@code nftables.conf}
 * (the static rule set, which {@code nft -f} reads as it is) whose comment lines
 * of the form {@code # UNIT :: COMMAND} are policy entries. {@code COMMAND} is one
 * of
 * <ul>
 *   <li>{@code add rule FAMILY TABLE CHAIN ... socket cgroupv2 level N "PATH" ...}
 *       (or {@code insert rule}): a rule per live cgroup that {@code PATH} selects,
 *       loaded with that cgroup's ID; and</li>
 *   <li>{@code add element FAMILY TABLE SET { "PATH" }}: the ID of every live cgroup
 *       {@code PATH} selects, as an element of the named {@code cgroupsv2} set
 *       {@code SET} that static rules refer to ({@code socket cgroupv2 level N @SET}).</li>
 * </ul>
 * {@code UNIT} is the last component of {@code PATH}. Either may contain glob
 * patterns ({@code *}, {@code ?}, {@code **}) for instantiated units, e.g.
 * {@code # app-mail@*.scope :: add rule ... "user.slice/user-*.slice/user@*.service/app.slice/app-mail@*.scope" ...}.
 * A line ending in {@code \} continues on the next comment line. scnpm's short
 * form {@code # UNIT :: FAMILY TABLE CHAIN ...} is {@code add rule FAMILY TABLE CHAIN ...}. A line
 * {@code # @SET :: host1, host2} names hosts whose addresses (A, AAAA) follow DNS
 * in every named set {@code SET} ({@link HostSet}).
 *
 * <p>Every entry is compiled when the file is read, so an error anywhere (with its
 * file, line and column) is found before anything changes.
 *
 * @param file    where it was read from (for messages)
 * @param text    the whole text (its non-comment part is the static rule set)
 * @param entries the policy entries in file order
 */
public record PolicyFile(Path file, String text, List<Entry> entries, List<HostSet> hostSets) {

    private static final Pattern HOSTS = Pattern.compile("^#\\s*@([A-Za-z0-9_.-]+)\\s+::\\s*(.*)$");
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    private static final Pattern ENTRY = Pattern.compile("^#\\s*(\\S+)\\s+::\\s*(.*)$");
    private static final Pattern RULE = Pattern.compile(
            "^(add|insert)\\s+rule\\s+(ip|ip6|inet|arp|bridge|netdev)\\s+(\\S+)\\s+(\\S+)\\s+\\S");
    private static final Pattern ELEMENT = Pattern.compile(
            "^add\\s+element\\s+(ip|ip6|inet|arp|bridge|netdev)\\s+(\\S+)\\s+(\\S+)\\s*\\{\\s*\"([^\"]*)\"\\s*}\\s*;?\\s*$");
    private static final Pattern SHORT_FORM = Pattern.compile("^(ip|ip6|inet|arp|bridge|netdev)\\s+\\S+\\s+\\S+\\s+\\S");
    private static final String ADD_RULE = "add rule ";
    private static final Pattern SOCKET = Pattern.compile("socket\\s+cgroupv2\\s+level\\s+(\\d+)\\s+\"([^\"]*)\"");

    public PolicyFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        entries = List.copyOf(entries);
        hostSets = List.copyOf(hostSets);
    }

    /**
     * Addresses that follow DNS: {@code # @SET :: host1, host2}. Every named set
     * {@code SET} (of {@code ipv4_addr} or {@code ipv6_addr} keys, with {@code flags
     * timeout}) gets the hosts' A or AAAA addresses with timeouts tied to the
     * records' TTLs.
     *
     * @param set      the sets' name
     * @param hosts    the host names
     * @param location where the entry is
     */
    public record HostSet(String set, List<String> hosts, SourceLocation location) {
        public HostSet {
            hosts = List.copyOf(hosts);
        }
    }

    /** One policy entry: a selector of cgroups and what each live one gets. */
    public sealed interface Entry permits RuleEntry, SetEntry {
        /** The entry's name, the one its rules and elements are tagged with (the unit, made unique). */
        String name();

        /** The unit name (pattern) before {@code ::}. */
        String unit();

        /** The cgroup path (pattern) in the command. */
        String path();

        /** The cgroups it applies to. */
        CgroupSelector selector();

        /** The table's family. */
        Family family();

        /** The table. */
        String table();

        /** Where the entry starts. */
        SourceLocation location();

        /** Where the table's name is. */
        SourceLocation tableLocation();

        /** A short hash of what the entry makes, part of its tags so a changed entry is replaced. */
        String fingerprint();
    }

    /**
     * A rule per cgroup.
     *
     * @param command       the text the nft parser compiles per cgroup: the file's length in lines, blank
     *                      but for this command, so positions in errors are the file's
     * @param chainLocation where the chain's name is
     */
    public record RuleEntry(String name, String unit, String path, CgroupSelector selector, Family family, String table,
                            String chain, String command, SourceLocation location, SourceLocation tableLocation,
                            SourceLocation chainLocation, String fingerprint) implements Entry {
    }

    /**
     * Membership of a named set of cgroup IDs.
     *
     * @param set         the set's name
     * @param setLocation where the set's name is
     */
    public record SetEntry(String name, String unit, String path, CgroupSelector selector, Family family, String table,
                           String set, SourceLocation location, SourceLocation tableLocation, SourceLocation setLocation,
                           String fingerprint) implements Entry {
    }

    /**
     * Reads the policy entries of {@code text}; each rule is compiled with
     * {@code parser} (its cgroup resolver is replaced: paths are not looked up here).
     *
     * @throws NftParseException naming file, line and column of the first error
     */
    public static PolicyFile parse(String text, Path file, NftParser parser) {
        return parse(text, file, parser, new HashMap<>());
    }

    /**
     * Like {@link #parse(String, Path, NftParser)}, one of several files: {@code names}
     * holds the entry names taken by the files before, so each entry's stays unique.
     */
    static PolicyFile parse(String text, Path file, NftParser parser, Map<String, Integer> names) {
        String[] lines = text.split("\n", -1);
        List<Entry> entries = new ArrayList<>();
        List<HostSet> hostSets = new ArrayList<>();
        int[] starts = lineStarts(lines);
        for (int i = 0; i < lines.length; i++) {
            Matcher h = HOSTS.matcher(lines[i]);
            if (h.matches()) {
                Locator at = new Locator(file.toString(), lines, starts);
                List<String> hosts = new ArrayList<>();
                Matcher word = Pattern.compile("[^,\\s]+").matcher(lines[i]);
                int from = h.start(2);
                while (word.find(from)) {
                    if (!HOST.matcher(word.group()).matches()) {
                        throw new NftParseException(at.of(starts[i] + word.start(), starts[i] + word.end() - 1),
                                "not a host name: \"" + word.group() + "\"");
                    }
                    hosts.add(word.group());
                    from = word.end();
                }
                SourceLocation where = at.of(starts[i] + h.start(1) - 1, starts[i] + h.end(1) - 1);
                if (hosts.isEmpty()) {
                    throw new NftParseException(where, "@" + h.group(1) + " needs host names after '::'");
                }
                hostSets.add(new HostSet(h.group(1), hosts, where));
                continue;
            }
            Matcher m = ENTRY.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            int first = i;
            char[] blank = blankOf(text);
            int[] lineStart = lineStarts(lines);
            int start = lineStart[i] + m.start(2);
            copy(text, blank, start, lineStart[i] + lines[i].length());
            while (lines[i].stripTrailing().endsWith("\\") && i + 1 < lines.length && lines[i + 1].startsWith("#")) {
                i++;
                copy(text, blank, lineStart[i] + 1, lineStart[i] + lines[i].length());
            }
            int end = lineStart[i] + lines[i].length();
            if (SHORT_FORM.matcher(m.group(2)).find() && start - lineStart[first] >= ADD_RULE.length()) {
                // scnpm's short form, '# UNIT :: FAMILY TABLE CHAIN ...': 'add rule ' fits where '# UNIT :: ' was
                start -= ADD_RULE.length();
                ADD_RULE.getChars(0, ADD_RULE.length(), blank, start);
            }
            String command = joined(blank, start, end);
            Locator at = new Locator(file.toString(), lines, lineStart);
            String unit = m.group(1);
            String name = uniqueName(unit, names);
            entries.add(entry(parser, file, at, new String(blank, 0, end) + "\n", command, start, unit, name, first));
        }
        return new PolicyFile(file, text, entries, hostSets);
    }

    private static Entry entry(NftParser parser, Path file, Locator at, String blanked, String command, int start,
                               String unit, String name, int line) {
        SourceLocation where = at.of(start, start + Math.max(0, command.indexOf(' ')) - 1);
        Matcher rule = RULE.matcher(command);
        Matcher element = ELEMENT.matcher(command);
        if (rule.find()) {
            Family family = Family.ofName(rule.group(2));
            Matcher socket = SOCKET.matcher(command);
            if (!socket.find()) {
                throw new NftParseException(where, "a policy rule needs 'socket cgroupv2 level N \"PATH\"'");
            }
            int pathStart = start + socket.start(2);
            SourceLocation pathAt = at.of(pathStart - 1, start + socket.end(2));
            String path = socket.group(2);
            CgroupSelector selector = selector(unit, path, pathAt);
            int level = Integer.parseInt(socket.group(1));
            int depth = path.replaceAll("^/+|/+$", "").split("/+").length;
            if (level != depth && !path.contains("**")) {
                throw new NftParseException(at.of(start + socket.start(1), start + socket.end(1) - 1),
                        "level " + level + " does not match the path, which is " + depth + " levels deep");
            }
            if (socket.find()) {
                throw new NftParseException(at.of(start + socket.start(), start + socket.end() - 1),
                        "a policy rule has one 'socket cgroupv2 level N \"PATH\"' match");
            }
            NftScript script;
            try {
                script = parser.withCgroupResolver(p -> 1L).parse(blanked, file);
            } catch (NftParseException e) {
                SourceLocation l = e.location();
                String original = l.line() >= 1 && l.line() <= at.lines().length ? at.lines()[l.line() - 1] : l.lineText();
                throw new NftParseException(new SourceLocation(l.file(), l.line(), l.column(), l.endColumn(), original), e.problem());
            }
            NftOperation last = script.parsed().isEmpty() ? null : script.parsed().getLast().operation();
            if (!(last instanceof NftOperation.AddRule) && !(last instanceof NftOperation.InsertRule)) {
                throw new NftParseException(where, "a policy entry is one 'add rule' or 'insert rule' command");
            }
            return new RuleEntry(name, unit, path, selector, family, rule.group(3), rule.group(4), blanked, where,
                    at.of(start + rule.start(3), start + rule.end(3) - 1), at.of(start + rule.start(4), start + rule.end(4) - 1),
                    fingerprint(command));
        }
        if (element.find()) {
            Family family = Family.ofName(element.group(1));
            SourceLocation pathAt = at.of(start + element.start(4) - 1, start + element.end(4));
            CgroupSelector selector = selector(unit, element.group(4), pathAt);
            return new SetEntry(name, unit, element.group(4), selector, family, element.group(2), element.group(3), where,
                    at.of(start + element.start(2), start + element.end(2) - 1),
                    at.of(start + element.start(3), start + element.end(3) - 1), fingerprint(command));
        }
        throw new NftParseException(where, "expected 'add rule FAMILY TABLE CHAIN ... socket cgroupv2 level N \"PATH\" ...'"
                + " or 'add element FAMILY TABLE SET { \"PATH\" }' after '" + unit + " ::'");
    }

    private static CgroupSelector selector(String unit, String path, SourceLocation pathAt) {
        String relative = path.replaceAll("^/+", "");
        String last = relative.substring(relative.lastIndexOf('/') + 1);
        if (!last.equals(unit)) {
            throw new NftParseException(pathAt, "the path must end in the unit name '" + unit + "': nftlinkd follows the "
                    + "cgroup of the path, not a unit's start and stop; write '# " + last + " :: ...'");
        }
        try {
            if (relative.matches(".*[*?\\[].*")) {
                return CgroupSelector.Glob.of(relative);
            }
            return new CgroupSelector.Exact(CgroupPath.of(relative));
        } catch (InvalidCgroupPathException | IllegalArgumentException e) {
            throw new NftParseException(pathAt, e.getMessage());
        }
    }

    private static String uniqueName(String unit, Map<String, Integer> names) {
        StringBuilder sb = new StringBuilder();
        unit.chars().forEach(c -> sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'
                || c == ':') ? (char) c : '_'));
        String base = sb.length() > 56 ? sb.substring(0, 56) : sb.toString();
        int n = names.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + ":" + n;
    }

    private static String fingerprint(String command) {
        CRC32 crc = new CRC32();
        crc.update(command.trim().replaceAll("\\s+", " ").getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /** The command on one line, each character at its offset from {@code start}. */
    private static String joined(char[] blank, int start, int end) {
        char[] c = new char[end - start];
        for (int i = 0; i < c.length; i++) {
            char ch = blank[start + i];
            if (ch == '\\') {
                int j = start + i + 1;
                while (j < end && blank[j] == ' ') {
                    j++;
                }
                if (j < end && blank[j] == '\n') {
                    ch = ' ';
                }
            }
            c[i] = ch == '\n' ? ' ' : ch;
        }
        return new String(c);
    }

    private static char[] blankOf(String text) {
        char[] blank = new char[text.length()];
        for (int i = 0; i < blank.length; i++) {
            blank[i] = text.charAt(i) == '\n' ? '\n' : ' ';
        }
        return blank;
    }

    private static void copy(String text, char[] blank, int from, int to) {
        for (int i = from; i < to; i++) {
            blank[i] = text.charAt(i) == '\t' ? ' ' : text.charAt(i);
        }
    }

    private static int[] lineStarts(String[] lines) {
        int[] starts = new int[lines.length];
        for (int i = 1; i < lines.length; i++) {
            starts[i] = starts[i - 1] + lines[i - 1].length() + 1;
        }
        return starts;
    }

    /** Turns offsets into the text into locations. */
    private record Locator(String file, String[] lines, int[] lineStart) {
        SourceLocation of(int from, int to) {
            int line = 0;
            while (line + 1 < lineStart.length && lineStart[line + 1] <= from) {
                line++;
            }
            int column = from - lineStart[line] + 1;
            int end = Math.min(to - lineStart[line] + 1, lines[line].length());
            return new SourceLocation(file, line + 1, column, Math.max(column, end), lines[line]);
        }
    }
}
