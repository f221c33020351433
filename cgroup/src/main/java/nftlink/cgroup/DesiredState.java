package nftlink.cgroup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The reconciler's bookkeeping: the policy, the live cgroups, the bindings the
 * two imply (desired), and the bindings the kernel is known to have (committed).
 * {@link #pending()} is the difference; once a transaction carrying it succeeds,
 * {@link #markCommitted} records it. Because the difference is always computed
 * from the two sets, a burst of events coalesces (a cgroup that came and went
 * before the next commit costs nothing), applying the same event twice is
 * harmless, and a full rescan or a re-read of the kernel heals any drift.
 * Thread-safe.
 */
public final class DesiredState implements CgroupEventListener {

    private Policy policy;
    private final Map<CgroupPath, Cgroup> live = new HashMap<>();
    private final Set<Binding> desired = new HashSet<>();
    private final Set<Binding> committed = new HashSet<>();

    /**
     * Starts with {@code policy}, no live cgroups and nothing committed.
     *
     * @param policy the first policy
     */
    public DesiredState(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The current policy.
     *
     * @return the policy
     */
    public synchronized Policy policy() {
        return policy;
    }

    /**
     * Replaces the policy; bindings of removed or changed entries become pending removals.
     *
     * @param newPolicy the policy
     */
    public synchronized void setPolicy(Policy newPolicy) {
        policy = Objects.requireNonNull(newPolicy, "policy");
        desired.clear();
        for (Cgroup c : live.values()) {
            bind(c);
        }
    }

    /**
     * Records a live cgroup (replacing one at the same path with another ID).
     *
     * @param cgroup the cgroup
     */
    public synchronized void appeared(Cgroup cgroup) {
        Cgroup before = live.put(cgroup.path(), cgroup);
        if (before != null) {
            if (before.id() == cgroup.id()) {
                return;
            }
            unbind(before);
        }
        bind(cgroup);
    }

    /**
     * Forgets a cgroup, if the one known at its path has the same ID.
     *
     * @param cgroup the cgroup
     */
    public synchronized void vanished(Cgroup cgroup) {
        Cgroup known = live.get(cgroup.path());
        if (known != null && known.id() == cgroup.id()) {
            live.remove(cgroup.path());
            unbind(known);
        }
    }

    /**
     * Replaces every live cgroup, after a full scan.
     *
     * @param cgroups every live cgroup
     */
    public synchronized void replaceLive(Collection<Cgroup> cgroups) {
        live.clear();
        desired.clear();
        for (Cgroup c : cgroups) {
            live.put(c.path(), c);
        }
        for (Cgroup c : live.values()) {
            bind(c);
        }
    }

    /**
     * Applies cgroup events; {@link CgroupEvent.ResyncNeeded} and
     * {@link CgroupEvent.RulesetChanged} are the caller's to act on (rescan with
     * {@link #replaceLive}, re-read the kernel with {@link #replaceCommitted}).
     */
    @Override
    public void onEvent(CgroupEvent event) {
        switch (event) {
            case CgroupEvent.Appeared a -> appeared(a.cgroup());
            case CgroupEvent.Vanished v -> vanished(v.cgroup());
            case CgroupEvent.ResyncNeeded r -> { }
            case CgroupEvent.RulesetChanged r -> { }
        }
    }

    /**
     * The live cgroups.
     *
     * @return the cgroups
     */
    public synchronized List<Cgroup> live() {
        return List.copyOf(live.values());
    }

    /**
     * The bindings policy and live cgroups imply, in {@link Binding#ORDER}.
     *
     * @return the bindings
     */
    public synchronized List<Binding> desired() {
        return sorted(desired);
    }

    /**
     * The bindings the kernel is known to have, in {@link Binding#ORDER}.
     *
     * @return the bindings
     */
    public synchronized List<Binding> committed() {
        return sorted(committed);
    }

    /**
     * What must change to reach the desired state.
     *
     * @return the changes
     */
    public synchronized BindingDiff pending() {
        List<Binding> removed = new ArrayList<>();
        for (Binding b : committed) {
            if (!desired.contains(b)) {
                removed.add(b);
            }
        }
        List<Binding> added = new ArrayList<>();
        for (Binding b : desired) {
            if (!committed.contains(b)) {
                added.add(b);
            }
        }
        removed.sort(Binding.ORDER.reversed());
        added.sort(Binding.ORDER);
        return new BindingDiff(removed, added);
    }

    /**
     * Records that a transaction carrying {@code applied} succeeded.
     *
     * @param applied the changes the transaction made
     */
    public synchronized void markCommitted(BindingDiff applied) {
        applied.removed().forEach(committed::remove);
        committed.addAll(applied.added());
    }

    /**
     * Replaces what the kernel is known to have: at start-up, with what a previous
     * run left (adopted by its tags), or after someone else changed the tables.
     *
     * @param inKernel the bindings found in the kernel
     */
    public synchronized void replaceCommitted(Collection<Binding> inKernel) {
        committed.clear();
        committed.addAll(inKernel);
    }

    private void bind(Cgroup cgroup) {
        for (PolicyEntry e : policy.entries()) {
            if (e.selector().matches(cgroup.path())) {
                desired.add(new Binding(e.name(), cgroup));
            }
        }
    }

    private void unbind(Cgroup cgroup) {
        desired.removeIf(b -> b.cgroup().equals(cgroup));
    }

    private static List<Binding> sorted(Set<Binding> bindings) {
        List<Binding> list = new ArrayList<>(bindings);
        list.sort(Binding.ORDER);
        return list;
    }
}
