package nftlink.cgroup;

import nftlink.nftables.lang.Statement;

import java.util.List;
import java.util.Objects;

/**
 * What a policy entry's bindings become in the kernel: one rule per cgroup, or
 * the cgroup's ID as an element of a named set that fixed rules refer to.
 */
public sealed interface BindingTarget {

    /**
     * One rule per bound cgroup, as mk-fg's scnpm writes them: {@code socket cgroupv2
     * level N ID} (N the cgroup's level, ID its current ID) followed by
     * {@code statements}, appended to {@code chain}. Adding or removing a cgroup
     * adds or deletes (by handle) one rule.
     *
     * @param chain      a chain of the store's {@link TableLayout}
     * @param statements what follows the cgroup match, e.g. {@code tcp dport 25 accept}
     */
    record RulePerCgroup(String chain, List<Statement> statements) implements BindingTarget {
        /** Checks the components: a chain and at least one statement; copies the statements. */
        public RulePerCgroup {
            Objects.requireNonNull(chain, "chain");
            statements = List.copyOf(statements);
            if (statements.isEmpty()) {
                throw new IllegalArgumentException("a per-cgroup rule needs at least one statement after the cgroup match");
            }
        }

        /**
         * A rule per cgroup in {@code chain}.
         *
         * @param chain the chain's name
         * @param statements what the rule does after the cgroup match
         * @return the target
         */
        public static RulePerCgroup of(String chain, Statement... statements) {
            return new RulePerCgroup(chain, List.of(statements));
        }
    }

    /**
     * The cgroup's ID as an element of {@code set} (like systemd's {@code NFTSet=}):
     * fixed rules such as {@code socket cgroupv2 level N @set accept} refer to it,
     * and a cgroup coming or going changes one element instead of a rule. The set
     * must be a set of {@code cgroupsv2} keys (8 bytes) in the layout, filled by
     * this entry only; N must be the level of the cgroups the entry selects, since
     * {@code socket cgroupv2 level N} compares the socket's ancestor at that level.
     *
     * @param set a set of the store's {@link TableLayout}
     */
    record SetMembership(String set) implements BindingTarget {
        /** Checks the component: {@code set} must not be null. */
        public SetMembership {
            Objects.requireNonNull(set, "set");
        }
    }
}
