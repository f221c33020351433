package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the generator put into one table so far: named objects by type, sets and
 * maps, and chains, for later declarations and rules to refer to.
 */
final class TablePlan {

    /** A chain: base chains have a type and hook; regular chains an order (jumps only go to higher orders). */
    record ChainPlan(String name, String type, String hook, int order) {
        boolean base() {
            return hook != null;
        }
    }

    final String family;
    final String name;
    final Map<String, List<String>> objects = new LinkedHashMap<>();
    final List<SetPlan> sets = new ArrayList<>();
    final List<ChainPlan> chains = new ArrayList<>();
    /** Slots used by each set's elements, so that later elements never overlap. */
    final Map<String, List<Integer>> usedSlots = new LinkedHashMap<>();

    TablePlan(String family, String name) {
        this.family = family;
        this.name = name;
    }

    /** Names of the objects of nft type {@code type} ({@code counter}, {@code ct helper}, ...). */
    List<String> objects(String type) {
        return objects.getOrDefault(type, List.of());
    }

    /** The regular chain every other chain may jump to and which jumps nowhere, or {@code null}. */
    ChainPlan leaf() {
        ChainPlan leaf = null;
        for (ChainPlan ch : chains) {
            if (!ch.base() && (leaf == null || ch.order() > leaf.order())) {
                leaf = ch;
            }
        }
        return leaf;
    }

    /** Regular chains {@code from} may jump or go to without a loop. */
    List<ChainPlan> jumpTargets(ChainPlan from) {
        List<ChainPlan> targets = new ArrayList<>();
        for (ChainPlan ch : chains) {
            if (!ch.base() && ch.order() > from.order()) {
                targets.add(ch);
            }
        }
        return targets;
    }
}
