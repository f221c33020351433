package nftlink.examples.daemon;

import java.util.List;

/**
 * What {@code nftlinkd status} tells a person or a monitor: per policy entry the
 * live cgroups it selects and what is installed for each, the host sets' elements,
 * tagged objects no entry describes, and damaged tables of the static rule set.
 * {@link #inSync()} is the verdict behind the exit status.
 *
 * @param policies the policy files and directories
 * @param entries  per entry
 * @param hostSets per {@code # @SET ::} line
 * @param stale    tagged rules and elements that no entry describes (removed by the running daemon)
 * @param damaged  tables of the static rule set (with {@code --load}) that lack something
 */
public record StatusReport(List<String> policies, List<EntryStatus> entries, List<HostSetStatus> hostSets, List<String> stale,
                           List<String> damaged) {

    public StatusReport {
        policies = List.copyOf(policies);
        entries = List.copyOf(entries);
        hostSets = List.copyOf(hostSets);
        stale = List.copyOf(stale);
        damaged = List.copyOf(damaged);
    }

    /**
     * One entry.
     *
     * @param name     the entry's name (its tag)
     * @param location {@code FILE:LINE}
     * @param path     the cgroup path (pattern)
     * @param target   e.g. {@code rule in inet filter allow}
     * @param cgroups  the live cgroups it selects
     */
    public record EntryStatus(String name, String location, String path, String target, List<CgroupStatus> cgroups) {
        public EntryStatus {
            cgroups = List.copyOf(cgroups);
        }
    }

    /**
     * One selected cgroup.
     *
     * @param id        its ID
     * @param path      its path below the mount point
     * @param installed the rule or element installed for it, or {@code null} when there is none
     */
    public record CgroupStatus(long id, String path, String installed) {
    }

    /**
     * One host set.
     *
     * @param set      the sets' name
     * @param location {@code FILE:LINE}
     * @param hosts    the host names
     * @param elements the elements DNS filled in, described
     */
    public record HostSetStatus(String set, String location, List<String> hosts, List<String> elements) {
        public HostSetStatus {
            hosts = List.copyOf(hosts);
            elements = List.copyOf(elements);
        }
    }

    /** Whether the kernel holds what the policy wants: every selected cgroup served, nothing stale, nothing damaged. */
    public boolean inSync() {
        return stale.isEmpty() && damaged.isEmpty()
                && entries.stream().allMatch(e -> e.cgroups().stream().allMatch(c -> c.installed() != null));
    }

    /** The report for people, one line per fact. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (EntryStatus e : entries) {
            out.append(e.name()).append(" (").append(e.location()).append("): ").append(e.path()).append(" -> ")
                    .append(e.target()).append('\n');
            if (e.cgroups().isEmpty()) {
                out.append("  no live cgroup matches\n");
            }
            for (CgroupStatus c : e.cgroups()) {
                out.append("  cgroup ").append(Long.toUnsignedString(c.id())).append(" /").append(c.path()).append(": ")
                        .append(c.installed() == null ? "NOT INSTALLED" : c.installed()).append('\n');
            }
        }
        for (HostSetStatus h : hostSets) {
            out.append('@').append(h.set()).append(" (").append(h.location()).append("): ").append(String.join(", ", h.hosts())).append('\n');
            h.elements().forEach(x -> out.append("  ").append(x).append('\n'));
        }
        stale.forEach(x -> out.append("stale (no entry describes it): ").append(x).append('\n'));
        damaged.forEach(x -> out.append("damaged (the static rule set is not whole): ").append(x).append('\n'));
        out.append(inSync() ? "in sync: the kernel holds what the policy wants\n" : "NOT in sync\n");
        return out.toString();
    }

    /** The report as one JSON object. */
    public String json() {
        StringBuilder out = new StringBuilder("{\"in_sync\":").append(inSync()).append(",\"policies\":").append(strings(policies))
                .append(",\"entries\":[");
        for (int i = 0; i < entries.size(); i++) {
            EntryStatus e = entries.get(i);
            out.append(i == 0 ? "" : ",").append("{\"name\":").append(string(e.name())).append(",\"location\":")
                    .append(string(e.location())).append(",\"path\":").append(string(e.path())).append(",\"target\":")
                    .append(string(e.target())).append(",\"cgroups\":[");
            for (int k = 0; k < e.cgroups().size(); k++) {
                CgroupStatus c = e.cgroups().get(k);
                out.append(k == 0 ? "" : ",").append("{\"id\":").append(Long.toUnsignedString(c.id())).append(",\"path\":")
                        .append(string("/" + c.path())).append(",\"installed\":").append(c.installed() == null ? "null" : string(c.installed()))
                        .append('}');
            }
            out.append("]}");
        }
        out.append("],\"host_sets\":[");
        for (int i = 0; i < hostSets.size(); i++) {
            HostSetStatus h = hostSets.get(i);
            out.append(i == 0 ? "" : ",").append("{\"set\":").append(string(h.set())).append(",\"location\":")
                    .append(string(h.location())).append(",\"hosts\":").append(strings(h.hosts())).append(",\"elements\":")
                    .append(strings(h.elements())).append('}');
        }
        return out.append("],\"stale\":").append(strings(stale)).append(",\"damaged\":").append(strings(damaged)).append("}\n").toString();
    }

    private static String strings(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append(string(values.get(i)));
        }
        return b.append(']').toString();
    }

    /** A JSON string literal. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
