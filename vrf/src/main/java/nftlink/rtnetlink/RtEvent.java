package nftlink.rtnetlink;

import java.util.Objects;

/**
 * A change the kernel announced on an rtnetlink multicast group.
 *
 * @param change whether the object appeared (or changed) or went away
 * @param object the object as the kernel described it
 */
public record RtEvent(Change change, RtObject object) {

    /** Kind of change. */
    public enum Change {
        /** {@code RTM_NEW*}: created or changed. */
        NEW,
        /** {@code RTM_DEL*}: deleted. */
        DELETED
    }

    /** Checks the components: neither may be null. */
    public RtEvent {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(object, "object");
    }
}
