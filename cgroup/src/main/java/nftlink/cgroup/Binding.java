package nftlink.cgroup;

import java.util.Comparator;
import java.util.Objects;

/**
 * A live cgroup matched by a policy entry: exactly one rule or set element should
 * exist for it while both exist.
 *
 * @param entry  the policy entry's name
 * @param cgroup the cgroup, with the ID the rule or element must carry
 */
public record Binding(String entry, Cgroup cgroup) {

    /** By entry, then parents before children, then path, then ID. */
    public static final Comparator<Binding> ORDER = Comparator.comparing(Binding::entry)
            .thenComparingInt(b -> b.cgroup().level())
            .thenComparing(b -> b.cgroup().path().toString())
            .thenComparingLong(b -> b.cgroup().id());

    /** Checks the components: neither may be null. */
    public Binding {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(cgroup, "cgroup");
    }
}
