package nftlink.cgroup;

import java.util.List;
import java.util.Objects;

/** What a {@link CgroupEventSource} reports. */
public sealed interface CgroupEvent {

    /**
     * A cgroup now exists (a directory was created, or a unit started). Reported
     * for parents before their children.
     *
     * @param cgroup its path and ID
     */
    record Appeared(Cgroup cgroup) implements CgroupEvent {
        /** Checks the component: {@code cgroup} must not be null. */
        public Appeared {
            Objects.requireNonNull(cgroup, "cgroup");
        }
    }

    /**
     * A cgroup is gone (its directory was removed, or its unit stopped). The ID is
     * the one it had; reported for children before their parents.
     *
     * @param cgroup its path and last known ID
     */
    record Vanished(Cgroup cgroup) implements CgroupEvent {
        /** Checks the component: {@code cgroup} must not be null. */
        public Vanished {
            Objects.requireNonNull(cgroup, "cgroup");
        }
    }

    /**
     * Events may have been lost (a queue overflowed, or the source was
     * disconnected and came back): whoever derives state from events should
     * rebuild it from a full scan.
     *
     * @param source the source's {@link CgroupEventSource#name() name}
     * @param reason why, for logs
     */
    record ResyncNeeded(String source, String reason) implements CgroupEvent {
        /** Checks the components: neither may be null. */
        public ResyncNeeded {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Another process committed a transaction that removed objects from watched
     * tables (deleted a table or chain, flushed rules, removed set elements):
     * what a reconciler put there may have to be put back.
     *
     * @param generation  the rule set's generation after that transaction
     * @param pid         the committing process, as the kernel reports it (0 when not reported)
     * @param processName its name, or {@code ""} when not reported
     * @param changes     the removals, in the kernel's order
     */
    record RulesetChanged(int generation, long pid, String processName, List<RulesetChange> changes)
            implements CgroupEvent {
        /** Checks the components: {@code processName} not null; copies the changes. */
        public RulesetChanged {
            Objects.requireNonNull(processName, "processName");
            changes = List.copyOf(changes);
        }
    }
}
