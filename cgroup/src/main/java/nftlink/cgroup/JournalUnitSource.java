package nftlink.cgroup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows unit starts and stops of the system manager and of every user manager
 * in the systemd journal, by reading {@code journalctl --follow --output=json}
 * (filtered to the unit message IDs), and reports the units' cgroups: a started
 * unit's cgroup as {@link CgroupEvent.Appeared}, a stopped unit's last known
 * cgroup as {@link CgroupEvent.Vanished}.
 *
 * <p>When {@code journalctl} exits or cannot be started, the source starts it
 * again after a pause that doubles from {@link #initialBackoff} up to
 * {@link #maxBackoff}, and reports {@link CgroupEvent.ResyncNeeded} once it runs
 * again, since entries written in between were not seen. Lines that do not parse
 * are logged and skipped.
 *
 * <p>The journal says which unit started, not where its cgroup is, so the
 * cgroup is found with a {@link UnitCgroupLocator}; a unit without a cgroup (it
 * ran no process, or already ended) is skipped. The journal can lag behind the
 * cgroup file system, so the {@link CgroupTreeWatcher} stays the authority on
 * what exists; this source lets a consumer react by unit name.
 */
public final class JournalUnitSource extends EventSourceThread {

    private static final System.Logger LOG = System.getLogger(JournalUnitSource.class.getName());

    private record UnitKey(UnitManager manager, String unit) {
    }

    private final UnitCgroupLocator locator;
    private final List<String> command;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Map<UnitKey, Cgroup> located = new HashMap<>();
    private volatile Process process;
    private volatile String resyncReason;

    /**
     * Follows the journal with the {@link #defaultCommand() default command}.
     *
     * @param resolver resolves the cgroups of units
     */
    public JournalUnitSource(CgroupResolver resolver) {
        this(resolver, defaultCommand(), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /**
     * Follows the journal by running {@code command}, which must print one JSON
     * object per line as {@code journalctl --output=json} does.
     *
     * @param resolver resolves the cgroups of units
     * @param command the command and its arguments
     * @param initialBackoff the first pause before restarting the command
     * @param maxBackoff the longest pause before restarting the command
     */
    public JournalUnitSource(CgroupResolver resolver, List<String> command, Duration initialBackoff, Duration maxBackoff) {
        super("journal");
        this.locator = new UnitCgroupLocator(resolver);
        this.command = List.copyOf(command);
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff");
        }
    }

    /**
     * {@code journalctl --follow --lines=0 --output=json --no-pager --quiet} with a
     * match on each of {@link UnitEvents#MESSAGE_IDS}: new entries only, from all
     * journals the caller may read (the system's and every user's, for root).
     *
     * @return the command and its arguments
     */
    public static List<String> defaultCommand() {
        List<String> c = new ArrayList<>(List.of("journalctl", "--follow", "--lines=0", "--output=json", "--no-pager", "--quiet"));
        for (String id : UnitEvents.MESSAGE_IDS) {
            c.add("MESSAGE_ID=" + id);
        }
        return c;
    }

    /**
     * The command run to read the journal.
     *
     * @return the command and its arguments
     */
    public List<String> command() {
        return command;
    }

    /**
     * The first pause before starting the command again.
     *
     * @return the pause
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The longest pause before starting the command again.
     *
     * @return the pause
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    @Override
    void open() {
    }

    @Override
    void run() {
        long backoff = initialBackoff.toMillis();
        boolean restarted = false;
        while (running()) {
            boolean readAny = follow(restarted);
            if (!running()) {
                break;
            }
            restarted = true;
            if (resyncReason != null) {
                continue;
            }
            if (readAny) {
                backoff = initialBackoff.toMillis();
            }
            LOG.log(System.Logger.Level.WARNING, "{0} ended; starting it again in {1} ms", command.getFirst(), backoff);
            pause(backoff);
            backoff = Math.min(backoff * 2, maxBackoff.toMillis());
        }
    }

    /** Runs the command once and handles its output until it ends; whether any line was read. */
    private boolean follow(boolean restarted) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot run " + command.getFirst() + ": " + e.getMessage());
            return false;
        }
        process = p;
        if (!running()) {
            p.destroy();
        }
        if (restarted) {
            located.clear();
            String requested = resyncReason;
            resyncReason = null;
            emit(new CgroupEvent.ResyncNeeded(name(), requested != null ? requested
                    : command.getFirst() + " was restarted; entries in between were not seen"));
        }
        boolean readAny = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            p.getOutputStream().close();
            String line;
            while ((line = reader.readLine()) != null) {
                readAny = true;
                handleLine(line);
            }
        } catch (IOException e) {
            if (running()) {
                LOG.log(System.Logger.Level.WARNING, "reading " + command.getFirst() + " failed: " + e.getMessage());
            }
        } finally {
            p.destroy();
            process = null;
        }
        return readAny;
    }

    /** Handles one line of journal JSON. */
    void handleLine(String line) {
        if (line.isBlank()) {
            return;
        }
        JournalEntry entry;
        try {
            entry = JournalEntry.parse(line);
        } catch (CgroupDecodeException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping a journal line that does not parse: " + e.getMessage());
            return;
        }
        Optional<UnitEvent> event = UnitEvents.decode(entry);
        if (event.isPresent()) {
            handle(event.get());
        }
    }

    private void handle(UnitEvent event) {
        UnitKey key = new UnitKey(event.manager(), event.unit());
        switch (event.kind()) {
            case STARTED -> {
                Optional<Cgroup> cgroup = locator.locate(event.manager(), event.unit());
                if (cgroup.isEmpty()) {
                    LOG.log(System.Logger.Level.DEBUG, "{0} of the {1} started but has no cgroup", event.unit(), event.manager());
                    return;
                }
                Cgroup before = located.put(key, cgroup.get());
                if (before != null && before.id() != cgroup.get().id()) {
                    emit(new CgroupEvent.Vanished(before));
                }
                if (!cgroup.get().equals(before)) {
                    emit(new CgroupEvent.Appeared(cgroup.get()));
                }
            }
            case STOPPED -> {
                Cgroup known = located.remove(key);
                if (known != null) {
                    emit(new CgroupEvent.Vanished(known));
                }
            }
        }
    }

    /** Restarts the command at once (no pause) and reports {@link CgroupEvent.ResyncNeeded} with {@code reason}. */
    @Override
    public void requestResync(String reason) {
        resyncReason = Objects.requireNonNull(reason, "reason");
        wakeUp();
    }

    @Override
    void wakeUp() {
        Process p = process;
        if (p != null) {
            p.destroy();
        }
    }

    @Override
    void release() {
        wakeUp();
    }
}
