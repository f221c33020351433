package nftlink.cgroup;

import java.util.List;
import java.util.Optional;

/**
 * Recognises unit start and stop messages of systemd managers among journal
 * entries, the way scnpm does: the system manager's messages carry the unit in
 * {@code UNIT}, a user manager's in {@code USER_UNIT}; a finished job carries
 * {@code JOB_TYPE} and {@code JOB_RESULT}; a unit that ends on its own logs
 * "Deactivated successfully" or "Failed" without a job.
 *
 * <p>Only trusted fields (those journald sets itself, with a leading
 * underscore) decide whether an entry comes from a manager: the system manager
 * is {@code _PID=1} with {@code _UID=0}; a user manager is the process in
 * {@code init.scope} of {@code user@UID.service} running as that {@code UID}. Any
 * process can log a {@code UNIT=} field, so entries from anyone else are ignored.
 */
public final class UnitEvents {

    /** {@code SD_MESSAGE_UNIT_STARTED}: a start job finished. */
    public static final String MESSAGE_UNIT_STARTED = "39f53479d3a045ac8e11786248231fbf";
    /** {@code SD_MESSAGE_UNIT_STOPPED}: a stop job finished. */
    public static final String MESSAGE_UNIT_STOPPED = "9d1aaa27d60140bd96365438aad20286";
    /** {@code SD_MESSAGE_UNIT_SUCCESS}: a unit deactivated successfully on its own. */
    public static final String MESSAGE_UNIT_SUCCESS = "7ad2d189f7e94e70a38c781354912448";
    /** {@code SD_MESSAGE_UNIT_FAILURE_RESULT}: a unit ended in the failed state. */
    public static final String MESSAGE_UNIT_FAILURE_RESULT = "d9b373ed55a64feb8242e02dbe79a49c";

    /** The message IDs worth reading, for a journal filter. */
    public static final List<String> MESSAGE_IDS = List.of(MESSAGE_UNIT_STARTED, MESSAGE_UNIT_STOPPED,
            MESSAGE_UNIT_SUCCESS, MESSAGE_UNIT_FAILURE_RESULT);

    private static final List<String> UNIT_TYPES_WITH_CGROUPS = List.of(".service", ".scope", ".slice", ".socket",
            ".mount", ".swap");

    private UnitEvents() {
    }

    /**
     * The unit event an entry reports, or empty when it reports none (or comes from no manager).
     *
     * @param entry the journal entry
     * @return the event, or empty
     */
    public static Optional<UnitEvent> decode(JournalEntry entry) {
        Optional<UnitManager> manager = manager(entry);
        if (manager.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> unit = entry.field(manager.get().system() ? "UNIT" : "USER_UNIT");
        if (unit.isEmpty() || !isUnitName(unit.get())) {
            return Optional.empty();
        }
        Optional<UnitEvent.Kind> kind = kind(entry);
        return kind.map(k -> new UnitEvent(manager.get(), unit.get(), k));
    }

    private static Optional<UnitEvent.Kind> kind(JournalEntry entry) {
        Optional<String> jobType = entry.field("JOB_TYPE");
        if (jobType.isPresent()) {
            if (!entry.has("JOB_RESULT", "done")) {
                return Optional.empty();
            }
            return switch (jobType.get()) {
                case "start", "restart" -> Optional.of(UnitEvent.Kind.STARTED);
                case "stop" -> Optional.of(UnitEvent.Kind.STOPPED);
                default -> Optional.empty();
            };
        }
        if (entry.has("MESSAGE_ID", MESSAGE_UNIT_SUCCESS) || entry.has("MESSAGE_ID", MESSAGE_UNIT_FAILURE_RESULT)) {
            return Optional.of(UnitEvent.Kind.STOPPED);
        }
        return Optional.empty();
    }

    /** The manager that wrote the entry, judged by trusted fields only. */
    static Optional<UnitManager> manager(JournalEntry entry) {
        if (entry.has("_PID", "1") && entry.has("_UID", "0")) {
            return Optional.of(UnitManager.systemManager());
        }
        Optional<String> uidText = entry.field("_UID");
        if (uidText.isEmpty() || !uidText.get().matches("[0-9]{1,10}")) {
            return Optional.empty();
        }
        long uid = Long.parseLong(uidText.get());
        if (uid > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        String managerUnit = "user@" + uid + ".service";
        if (!entry.has("_SYSTEMD_UNIT", managerUnit) || !entry.has("_SYSTEMD_USER_UNIT", "init.scope")) {
            return Optional.empty();
        }
        UnitManager fallback = UnitManager.userManager((int) uid);
        Optional<String> cgroup = entry.field("_SYSTEMD_CGROUP");
        if (cgroup.isPresent()) {
            try {
                CgroupPath own = CgroupPath.of(cgroup.get());
                if (own.name().equals("init.scope") && own.parent().name().equals(managerUnit)) {
                    return Optional.of(new UnitManager(false, (int) uid, own.parent()));
                }
            } catch (InvalidCgroupPathException | IllegalArgumentException e) {
                return Optional.of(fallback);
            }
        }
        return Optional.of(fallback);
    }

    /** Whether {@code name} looks like the name of a unit that has a cgroup. */
    static boolean isUnitName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0
                || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (String type : UNIT_TYPES_WITH_CGROUPS) {
            if (name.endsWith(type) && name.length() > type.length()) {
                return true;
            }
        }
        return false;
    }
}
