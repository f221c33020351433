package nftlink.cgroup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live cgroups as last seen, by path and by ID: what turns an ID back into a
 * path without scanning the hierarchy. A watcher keeps it current by passing its
 * events to {@link #onEvent}; thread-safe.
 */
public final class CgroupIndex implements CgroupEventListener {
    private final Map<CgroupPath, Cgroup> byPath = new HashMap<>();
    private final Map<Long, Cgroup> byId = new HashMap<>();

    /** An empty index. */
    public CgroupIndex() {
    }

    /**
     * Records {@code cgroup}, replacing whatever was known at its path or with its ID.
     *
     * @param cgroup the cgroup
     */
    public synchronized void put(Cgroup cgroup) {
        Cgroup old = byPath.put(cgroup.path(), cgroup);
        if (old != null && old.id() != cgroup.id()) {
            byId.remove(old.id(), old);
        }
        Cgroup sameId = byId.put(cgroup.id(), cgroup);
        if (sameId != null && !sameId.path().equals(cgroup.path())) {
            byPath.remove(sameId.path(), sameId);
        }
    }

    /**
     * Forgets the cgroup at {@code path}; returns what was known there.
     *
     * @param path the path
     * @return the cgroup known there, or empty
     */
    public synchronized Optional<Cgroup> remove(CgroupPath path) {
        Cgroup old = byPath.remove(path);
        if (old != null) {
            byId.remove(old.id(), old);
        }
        return Optional.ofNullable(old);
    }

    /**
     * The cgroup known at {@code path}.
     *
     * @param path the path
     * @return the cgroup, or empty
     */
    public synchronized Optional<Cgroup> byPath(CgroupPath path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /**
     * The cgroup known with {@code id}.
     *
     * @param id the cgroup ID
     * @return the cgroup, or empty
     */
    public synchronized Optional<Cgroup> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The known cgroups at or below {@code root}, parents before children.
     *
     * @param root the subtree's root
     * @return the cgroups
     */
    public synchronized List<Cgroup> subtree(CgroupPath root) {
        List<Cgroup> result = new ArrayList<>();
        for (Cgroup c : byPath.values()) {
            if (root.contains(c.path())) {
                result.add(c);
            }
        }
        result.sort(Comparator.comparingInt(Cgroup::level).thenComparing(c -> c.path().toString()));
        return result;
    }

    /**
     * Every known cgroup, parents before children.
     *
     * @return the cgroups
     */
    public List<Cgroup> snapshot() {
        return subtree(CgroupPath.ROOT);
    }

    /**
     * Replaces the whole content, after a full scan.
     *
     * @param cgroups every live cgroup
     */
    public synchronized void replaceAll(Collection<Cgroup> cgroups) {
        byPath.clear();
        byId.clear();
        for (Cgroup c : cgroups) {
            put(c);
        }
    }

    /**
     * Number of known cgroups.
     *
     * @return the number
     */
    public synchronized int size() {
        return byPath.size();
    }

    /** Applies an event: an appeared cgroup is recorded, a vanished one forgotten. */
    @Override
    public synchronized void onEvent(CgroupEvent event) {
        switch (event) {
            case CgroupEvent.Appeared a -> put(a.cgroup());
            case CgroupEvent.Vanished v -> {
                Cgroup known = byPath.get(v.cgroup().path());
                if (known != null && known.id() == v.cgroup().id()) {
                    remove(known.path());
                }
            }
            case CgroupEvent.ResyncNeeded r -> { }
            case CgroupEvent.RulesetChanged r -> { }
        }
    }
}
