package nftlink.examples.daemon;

import nftlink.cgroup.NftablesMonitor.TableName;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.parse.NftParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the daemon owns of a static rule set, and the operations that replace or rebuild it (no kernel). */
class StaticRulesetTest {

    private static StaticRuleset of(String text) {
        return new StaticRuleset(NftParser.standard().parse(text, Path.of("p.conf")));
    }

    private static final String TABLES = """
            table inet filter {
            	chain out { type filter hook output priority 0; tcp dport { 25, 443 } reject; }
            }
            table ip nat {
            	chain post { type nat hook postrouting priority 100; }
            }
            """;

    private static List<String> kinds(List<NftOperation> ops) {
        return ops.stream().map(o -> o.kind() + " " + o.object()).toList();
    }

    @Test
    void theDeclaredTablesAreTheDaemonsAndAFlushRulesetFirstNeedsNoRemovals() {
        StaticRuleset withFlush = of("flush ruleset\n" + TABLES);
        assertThat(withFlush.tables()).containsExactlyInAnyOrder(new TableName(Family.INET, "filter"), new TableName(Family.IP, "nat"));
        Set<TableName> existing = Set.of(new TableName(Family.INET, "filter"));
        assertThat(withFlush.removals(existing)).isEmpty();
        assertThat(withFlush.replace(existing)).isEqualTo(withFlush.script().operations());
    }

    @Test
    void withoutFlushEveryDeclaredTableThatExistsIsDeletedFirst() {
        StaticRuleset s = of(TABLES);
        Set<TableName> existing = Set.of(new TableName(Family.INET, "filter"), new TableName(Family.INET, "other"));
        assertThat(kinds(s.removals(existing))).containsExactly("delete table inet filter");
        assertThat(s.replace(existing)).hasSize(1 + s.script().operations().size());
        assertThat(s.removals(Set.of())).as("nothing to delete when nothing is there").isEmpty();
    }

    @Test
    void aRebuildDeletesWhatIsLeftAndCreatesOnlyTheDamagedTable() {
        StaticRuleset s = of("flush ruleset\n" + TABLES + "delete table ip nat\ntable ip nat { chain post2 { } }\n");
        TableName filter = new TableName(Family.INET, "filter");
        List<String> ops = kinds(s.rebuild(Set.of(filter), Set.of(filter)));
        assertThat(ops.getFirst()).isEqualTo("delete table inet filter");
        assertThat(ops).contains("add table inet filter").noneMatch(o -> o.contains("nat") || o.startsWith("flush"));
        assertThat(kinds(s.rebuild(Set.of(filter), Set.of()))).as("a table that is gone is only created")
                .noneMatch(o -> o.startsWith("delete"));
    }
}
