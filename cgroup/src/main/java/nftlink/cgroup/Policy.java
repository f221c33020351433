package nftlink.cgroup;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cgroup policy: entries in order, with unique names.
 *
 * @param entries the entries
 */
public record Policy(List<PolicyEntry> entries) {

    /** Copies the entries and checks that their names differ. */
    public Policy {
        entries = List.copyOf(entries);
        Set<String> names = new HashSet<>();
        for (PolicyEntry e : entries) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("two policy entries are named \"" + e.name() + "\"");
            }
        }
    }

    /**
     * A policy of the given entries.
     *
     * @param entries the entries
     * @return the policy
     */
    public static Policy of(PolicyEntry... entries) {
        return new Policy(List.of(entries));
    }
}
