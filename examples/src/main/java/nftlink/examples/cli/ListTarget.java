package nftlink.examples.cli;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What {@code list} shows, in nft 1.1.3's words (parser_bison.y's {@code list_cmd}), with the
 * scope each takes after its words and what it prints. The help, the man page and the completion
 * list the forms from here, and {@link ListRequest} reads commands with it.
 */
enum ListTarget {
    RULESET("ruleset", Scope.FAMILY, "every table with its objects, sets, flowtables, chains and rules"),
    TABLES("tables", Scope.FAMILY, "one 'table FAMILY NAME' line per table"),
    TABLE("table", Scope.TABLE, "one table with everything in it"),
    CHAINS("chains", Scope.FAMILY, "the declaration of every chain, table by table"),
    CHAIN("chain", Scope.OBJECT, "one chain with its rules, inside its table"),
    SETS("sets", Scope.ANY, "named sets (not maps) with their elements, table by table"),
    SET("set", Scope.OBJECT, "one named set"),
    MAPS("maps", Scope.ANY, "named maps with their elements, table by table"),
    MAP("map", Scope.OBJECT, "one named map"),
    METERS("meters", Scope.FAMILY, "sets that rules fill (dynamic sets), table by table"),
    METER("meter", Scope.OBJECT, "one set that rules fill"),
    COUNTERS("counters", Scope.ANY, "named counters, table by table", NfTablesUapi.NFT_OBJECT_COUNTER),
    COUNTER("counter", Scope.OBJECT, "one named counter", NfTablesUapi.NFT_OBJECT_COUNTER),
    QUOTAS("quotas", Scope.ANY, "named quotas", NfTablesUapi.NFT_OBJECT_QUOTA),
    QUOTA("quota", Scope.OBJECT, "one named quota", NfTablesUapi.NFT_OBJECT_QUOTA),
    LIMITS("limits", Scope.ANY, "named limits", NfTablesUapi.NFT_OBJECT_LIMIT),
    LIMIT("limit", Scope.OBJECT, "one named limit", NfTablesUapi.NFT_OBJECT_LIMIT),
    SECMARKS("secmarks", Scope.ANY, "named secmarks", NfTablesUapi.NFT_OBJECT_SECMARK),
    SECMARK("secmark", Scope.OBJECT, "one named secmark", NfTablesUapi.NFT_OBJECT_SECMARK),
    SYNPROXYS("synproxys", Scope.ANY, "named synproxys", NfTablesUapi.NFT_OBJECT_SYNPROXY),
    SYNPROXY("synproxy", Scope.OBJECT, "one named synproxy", NfTablesUapi.NFT_OBJECT_SYNPROXY),
    FLOWTABLES("flowtables", Scope.ANY, "flowtables, table by table"),
    FLOWTABLE("flowtable", Scope.OBJECT, "one flowtable"),
    CT_HELPERS("ct helpers", Scope.CT_TABLE, "the ct helpers of a table", NfTablesUapi.NFT_OBJECT_CT_HELPER),
    CT_HELPER("ct helper", Scope.OBJECT, "one ct helper", NfTablesUapi.NFT_OBJECT_CT_HELPER),
    CT_TIMEOUTS("ct timeout", Scope.CT_TABLE, "the ct timeout policies of a table", NfTablesUapi.NFT_OBJECT_CT_TIMEOUT),
    CT_TIMEOUT("ct timeout", Scope.OBJECT, "one ct timeout policy", NfTablesUapi.NFT_OBJECT_CT_TIMEOUT),
    CT_EXPECTATIONS("ct expectation", Scope.CT_TABLE, "the ct expectations of a table", NfTablesUapi.NFT_OBJECT_CT_EXPECT),
    CT_EXPECTATION("ct expectation", Scope.OBJECT, "one ct expectation", NfTablesUapi.NFT_OBJECT_CT_EXPECT);

    /**
     * The words that may follow a target, as nft's grammar names them: {@code ruleset_spec},
     * {@code table_spec}, {@code list_cmd_spec_any}, {@code obj_spec} and {@code TABLE table_spec}.
     */
    enum Scope {
        /** Nothing, or a family: every table, or those of the family. */
        FAMILY("[FAMILY]"),
        /** A table, its family {@code ip} when left out. */
        TABLE("[FAMILY] TABLE"),
        /** Nothing, a family, or a table (with or without the word {@code table}). */
        ANY("[FAMILY | [table] [FAMILY] TABLE]"),
        /** An object of a table: {@code [FAMILY] TABLE NAME}. */
        OBJECT("[FAMILY] TABLE NAME"),
        /** The word {@code table} and a table. */
        CT_TABLE("table [FAMILY] TABLE");

        private final String synopsis;

        Scope(String synopsis) {
            this.synopsis = synopsis;
        }

        /** How the scope reads in a synopsis. */
        String synopsis() {
            return synopsis;
        }
    }

    private final List<String> words;
    private final Scope scope;
    private final String description;
    private final int objectType;

    ListTarget(String words, Scope scope, String description) {
        this(words, scope, description, -1);
    }

    ListTarget(String words, Scope scope, String description, int objectType) {
        this.words = List.of(words.split(" "));
        this.scope = scope;
        this.description = description;
        this.objectType = objectType;
    }

    /**
     * The words nft's scanner reads as keywords after this target's first word (its start condition:
     * {@code counter} pushes SCANSTATE_COUNTER, where {@code name}, {@code packets} and {@code bytes} are
     * keywords; the plural words push none), so that they cannot name its table or object.
     */
    Set<String> stateKeywords() {
        return switch (this) {
            case COUNTER -> Set.of("name", "packets", "bytes");
            case QUOTA -> Set.of("name", "bytes", "over", "until", "used");
            case LIMIT -> Set.of("name", "packets", "bytes", "over", "rate", "burst", "second", "minute", "week");
            case SYNPROXY -> Set.of("name", "mss", "wscale", "timestamp", "sack-perm", "sack-permitted");
            default -> Set.of();
        };
    }

    /** The words after {@code list} that name this target ({@code ct helper} is two). */
    List<String> words() {
        return words;
    }

    /** What may follow the words. */
    Scope scope() {
        return scope;
    }

    /** What the target prints, for the help and the man page. */
    String description() {
        return description;
    }

    /** The {@code NFT_OBJECT_*} type of a stateful-object target, or -1. */
    int objectType() {
        return objectType;
    }

    /** {@code list WORDS SCOPE}, as the help and the man page show it. */
    String synopsis() {
        return "list " + String.join(" ", words) + " " + scope.synopsis();
    }

    /** Every word that starts or continues a target, for completion. */
    static List<String> keywords() {
        return Arrays.stream(values()).flatMap(t -> t.words.stream()).distinct().toList();
    }

    /** Whether nft's scanner reads {@code word} as a keyword of list commands rather than a name. */
    static boolean isKeyword(String word) {
        return keywords().contains(word) || isFamily(word) || word.equals("helpers");
    }

    /** Whether {@code word} is a family name, which nft never takes for a table name. */
    static boolean isFamily(String word) {
        for (Family f : Family.values()) {
            if (f.nftName().equals(word)) {
                return true;
            }
        }
        return false;
    }
}
