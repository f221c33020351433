package nftlink.cgroup;

import java.util.Objects;

/**
 * A unit of a systemd manager started or stopped, as read from the journal.
 *
 * @param manager the manager the unit belongs to
 * @param unit    the unit's name, e.g. {@code postfix.service} or {@code app-mail@1.scope}
 * @param kind    what happened
 */
public record UnitEvent(UnitManager manager, String unit, Kind kind) {

    /** What happened to the unit. */
    public enum Kind {
        /** A start (or restart) job finished successfully: the unit is running. */
        STARTED,
        /** The unit is no longer running: a stop job finished, or it ended or failed on its own. */
        STOPPED
    }

    /** Checks the components: manager and kind not null, a unit name. */
    public UnitEvent {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(kind, "kind");
        if (!UnitEvents.isUnitName(unit)) {
            throw new IllegalArgumentException("not a unit name: \"" + unit + "\"");
        }
    }
}
