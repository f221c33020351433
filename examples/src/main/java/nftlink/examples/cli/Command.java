package nftlink.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The first word of an nft command as nftlink takes it, with its forms for the help, the man
 * page and the completion: the one table behind all three and behind {@link Session}'s dispatch.
 */
enum Command {
    LIST("list", "print the rule set, or a part of it", Kind.LIST, false, List.of(), targetWords()),
    RESET("reset", "print counters, quotas or rules and zero them", Kind.RESET, false, List.of(
            new Form("reset counters|quotas [FAMILY | [table] [FAMILY] TABLE]",
                    "print named counters or quotas and zero them, table by table"),
            new Form("reset counter|quota [FAMILY] TABLE NAME", "print one named counter or quota and zero it"),
            new Form("reset rules [FAMILY | [table] [FAMILY] TABLE | [chain] [FAMILY] TABLE CHAIN]",
                    "print the rule set, a table or a chain as list does and zero its rules' counters and quotas"),
            new Form("reset rule [FAMILY] TABLE CHAIN handle HANDLE", "print one rule in its table and zero its counters and quotas"),
            new Form("reset set|map [FAMILY] TABLE NAME", "print a set or map as list does and zero its elements' counters and quotas"),
            new Form("reset element [FAMILY] TABLE SET { KEY, ... }", "get element, zeroing the counters and quotas of what it prints")),
            words("counters quotas counter quota rules rule set map element table chain")),
    FLUSH("flush", "empty the rule set, a table, a chain or a set", Kind.APPLY, false, List.of(
            new Form("flush ruleset [FAMILY]", "delete every table (of the family)"),
            new Form("flush table|chain|set|map [FAMILY] TABLE [NAME]", "delete the rules of a table or chain, the elements of a set")),
            words("ruleset table chain set map")),
    ADD("add", "add to the rule set", Kind.APPLY, false, List.of(new Form("add table|chain|rule|set|map|element|flowtable|counter|quota|limit|ct ...",
            "add to the rule set as nft does, e.g. add rule inet t c tcp dport 22 accept")), objectWords()),
    CREATE("create", "add, failing when the object exists", Kind.APPLY, false, List.of(new Form("create table|chain|set|map|element|... ...",
            "like add, but fails when the object exists")), objectWords()),
    INSERT("insert", "put a rule before the others, or before a rule", Kind.APPLY, false, List.of(new Form("insert rule [FAMILY] TABLE CHAIN [position HANDLE | index N] STATEMENT...",
            "put a rule first in its chain, or before a rule")), words("rule")),
    REPLACE("replace", "replace a rule", Kind.APPLY, false, List.of(new Form("replace rule [FAMILY] TABLE CHAIN handle HANDLE STATEMENT...",
            "replace the rule with that handle")), words("rule")),
    DELETE("delete", "delete from the rule set", Kind.APPLY, false, List.of(new Form("delete table|chain|rule|set|map|element|flowtable|counter|... ...",
            "delete from the rule set; fails when the object does not exist")), objectWords()),
    DESTROY("destroy", "delete from the rule set when it is there", Kind.APPLY, false, List.of(new Form("destroy table|chain|rule|set|map|element|... ...",
            "delete from the rule set when it is there")), objectWords()),
    MONITOR("monitor", "print changes as they happen", Kind.MONITOR, false, List.of(new Form("monitor [new|destroy] [tables|chains|sets|rules|elements|ruleset] [--count N]",
            "print every change as nft monitor does, until interrupted or after N transactions")),
            List.of("new", "destroy", "tables", "chains", "sets", "rules", "elements", "ruleset", "--count")),
    DEMO("demo", "the nftlinkd daemon at work in a throwaway namespace", Kind.DEMO, false, List.of(new Form("demo",
            "the nftlinkd daemon at work in a throwaway network namespace and cgroup subtree; all removed at the end")), List.of()),
    DAEMON("daemon", "run nftlinkd, the per-application firewall daemon", Kind.DAEMON, false, List.of(new Form("daemon [OPTIONS] POLICY-FILE",
            "run nftlinkd, the per-application firewall daemon (nftlink daemon --help tells more)")), List.of()),
    RENAME("rename", "give a chain another name", Kind.RENAME, false, List.of(new Form("rename chain [FAMILY] TABLE CHAIN NEWNAME",
            "give a chain another name")), words("chain")),
    GET("get", "print the elements of a set that hold keys", Kind.GET, false, List.of(new Form("get element [FAMILY] TABLE SET { KEY, ... }",
            "print the set with the elements (intervals, map entries) that hold the keys; fails when one is missing")), words("element")),
    DESCRIBE("describe", "describe an expression's datatype", Kind.DESCRIBE, false, List.of(new Form("describe EXPRESSION",
            "the expression's kind, datatype, base types and width, and the names of its values (e.g. describe ct state)")),
            List.of("meta", "ct", "ip", "ip6", "tcp", "udp", "ether", "arp", "icmp", "icmpv6")),
    EXPORT("export", "refused as nft 1.1.3 refuses it", Kind.EXPORT, false, List.of(new Form("export [ruleset] xml|json|vm json",
            "refused with nft 1.1.3's words: use -j list ruleset")), List.of("ruleset", "xml", "json", "vm")),
    IMPORT("import", "", Kind.REFUSED, true, List.of(), List.of()),
    // nft reads a command without a verb as add: "nft table inet t"
    TABLE("table", "", Kind.APPLY, true, List.of(), List.of()),
    CHAIN("chain", "", Kind.APPLY, true, List.of(), List.of()),
    RULE("rule", "", Kind.APPLY, true, List.of(), List.of()),
    SET("set", "", Kind.APPLY, true, List.of(), List.of()),
    MAP("map", "", Kind.APPLY, true, List.of(), List.of()),
    ELEMENT("element", "", Kind.APPLY, true, List.of(), List.of()),
    DEFINE("define", "", Kind.APPLY, true, List.of(), List.of()),
    INCLUDE("include", "", Kind.APPLY, true, List.of(), List.of());

    /** How a command runs. */
    enum Kind {
        /** A listing: {@link ListCommand}. */
        LIST,
        /** Counters and quotas printed and zeroed. */
        RESET,
        /** Parsed as nft text and applied as one transaction: {@link Apply}. */
        APPLY,
        /** Changes printed as they happen. */
        MONITOR,
        /** The daemon demonstration. */
        DEMO,
        /** The daemon itself. */
        DAEMON,
        /** A chain renamed: {@link RenameCommand}. */
        RENAME,
        /** Elements looked up: {@link GetElementCommand}. */
        GET,
        /** An expression described: {@link DescribeCommand}. */
        DESCRIBE,
        /** nft's refused export: {@link ExportCommand}. */
        EXPORT,
        /** An nft command nftlink does not have: refused with a message that says so. */
        REFUSED
    }

    /**
     * One form of a command.
     *
     * @param synopsis    the words as the help shows them
     * @param description what it does
     */
    record Form(String synopsis, String description) {
    }

    private final String word;
    private final String summary;
    private final Kind kind;
    private final boolean hidden;
    private final List<Form> forms;
    private final List<String> completions;

    Command(String word, String summary, Kind kind, boolean hidden, List<Form> forms, List<String> completions) {
        this.word = word;
        this.summary = summary;
        this.kind = kind;
        this.hidden = hidden;
        this.forms = forms;
        this.completions = completions;
    }

    /** The word that starts the command. */
    String word() {
        return word;
    }

    /** What it does, in a few words, for completion. */
    String summary() {
        return summary;
    }

    /** How it runs. */
    Kind kind() {
        return kind;
    }

    /** Whether the help leaves it out (nft's implicit add, and refused commands). */
    boolean hidden() {
        return hidden;
    }

    /** Its forms, for the help and the man page. */
    List<Form> forms() {
        if (this == LIST) {
            return Stream.concat(Arrays.stream(ListTarget.values()).map(t -> new Form(t.synopsis(), t.description())),
                    Stream.of(new Form("list hooks [FAMILY] [device NAME]", "the functions at netfilter's hooks: base chains, "
                            + "conntrack, iptables' tables, BPF programs (a kernel with the hook dump)"))).toList();
        }
        return forms;
    }

    /** The words that may follow it, for completion. */
    List<String> completions() {
        return completions;
    }

    /** The command {@code word} starts, or {@code null}. */
    static Command of(String word) {
        for (Command c : values()) {
            if (c.word.equals(word)) {
                return c;
            }
        }
        return null;
    }

    private static List<String> words(String words) {
        List<String> all = new ArrayList<>(List.of(words.split(" ")));
        all.addAll(families());
        return List.copyOf(all);
    }

    private static List<String> targetWords() {
        return Stream.of(ListTarget.keywords(), List.of("hooks", "device"), families()).flatMap(List::stream).distinct().toList();
    }

    private static List<String> objectWords() {
        return words("table chain rule set map element flowtable counter quota limit ct secmark synproxy");
    }

    private static List<String> families() {
        return List.of("ip", "ip6", "inet", "arp", "bridge", "netdev");
    }
}
