package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lists rules in the rule language, reading their anonymous sets back. */
public final class RuleListing {
    private RuleListing() {
    }

    /**
     * The rules of one chain, delinearized.
     *
     * @param nft the client
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @return the rules in order; empty when there are none
     */
    public static List<RuleSpec> list(Nftables nft, Family family, String table, String chain) {
        Map<String, List<SetElement>> cache = new HashMap<>();
        return nft.listRules(family, table, chain).stream()
                .map(r -> delinearize(nft, r, cache))
                .toList();
    }

    /**
     * One listed rule, delinearized; anonymous sets are read from the kernel as needed.
     *
     * @param nft the client
     * @param rule the rule as the kernel lists it
     * @param cache anonymous set elements already read, by set name; filled as sets are read
     * @return the rule in the rule language
     */
    public static RuleSpec delinearize(Nftables nft, Rule rule, Map<String, List<SetElement>> cache) {
        return Delinearizer.delinearize(rule, name -> cache.computeIfAbsent(rule.family() + " " + rule.table() + " " + name,
                k -> nft.listElements(rule.family(), rule.table(), name)));
    }
}
