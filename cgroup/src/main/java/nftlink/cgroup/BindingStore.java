package nftlink.cgroup;

import java.util.Collection;

/**
 * Where bindings become kernel state: one rule per cgroup, or one element per
 * cgroup in a named set. The {@link Reconciler} calls it from one thread.
 */
public interface BindingStore {

    /**
     * Applies {@code diff} as one transaction: all of it or, by throwing,
     * nothing. Removing a binding that is already gone must not fail.
     *
     * @param diff the changes
     */
    void apply(BindingDiff diff);

    /**
     * The bindings the kernel has now, recognised by the tags {@link #apply}
     * writes: at start-up (to adopt what a previous run left) and after
     * another process changed the tables.
     *
     * @return the bindings
     */
    Collection<Binding> read();

    /**
     * Whether {@link #apply} must run even for an empty diff: the last
     * {@link #read} found the store's own structure damaged (e.g. a fixed rule or
     * the whole table gone) or things to clean up. The default is {@code false}.
     *
     * @return whether a repair is pending
     */
    default boolean repairPending() {
        return false;
    }
}
