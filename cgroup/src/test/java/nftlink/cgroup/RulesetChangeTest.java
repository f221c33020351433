package nftlink.cgroup;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Table;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The family and table of changes that carry a whole table or chain, and the null checks of every change. */
class RulesetChangeTest {

    @Test
    void tableAndChainChangesNameTheirTable() {
        Table table = Table.of(Family.IP6, "t");
        Chain chain = Chain.regular(Family.INET, "u", "c");
        RulesetChange[] changes = {new RulesetChange.TableDeleted(table), new RulesetChange.TableAdded(table),
            new RulesetChange.ChainDeleted(chain), new RulesetChange.ChainAdded(chain)};
        String[] tables = {"t", "t", "u", "u"};
        Family[] families = {Family.IP6, Family.IP6, Family.INET, Family.INET};
        for (int i = 0; i < changes.length; i++) {
            assertEquals(tables[i], changes[i].table(), changes[i].toString());
            assertEquals(families[i], changes[i].family(), changes[i].toString());
        }
    }

    @Test
    void componentsMustNotBeNull() {
        assertThrows(NullPointerException.class, () -> new RulesetChange.TableDeleted(null));
        assertThrows(NullPointerException.class, () -> new RulesetChange.ChainAdded(null));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new RulesetChange.SetDeleted(Family.INET, "t", null));
        assertEquals("set", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> new RulesetChange.RuleAdded(Family.INET, "t", null, 1));
        assertEquals("chain", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> new RulesetChange.RuleDeleted(Family.INET, null, "c", 1));
        assertEquals("table", e.getMessage());
    }
}
