package nftlink.cgroup;

import java.util.List;

/**
 * What must change in the kernel to reach the desired state: bindings whose rule
 * or element must go, then bindings that need one. A transaction builder turns
 * it into one transaction (removals first).
 *
 * @param removed bindings that exist but are no longer wanted, children before parents
 * @param added   bindings that are wanted but do not exist, parents before children
 */
public record BindingDiff(List<Binding> removed, List<Binding> added) {

    /** No change. */
    public static final BindingDiff EMPTY = new BindingDiff(List.of(), List.of());

    /** Copies the lists, which must not be null. */
    public BindingDiff {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    /**
     * Whether nothing needs to change.
     *
     * @return whether the diff is empty
     */
    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty();
    }
}
