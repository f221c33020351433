package nftlink.cgroup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static nftlink.cgroup.InotifyEvent.*;

/**
 * Watches a cgroup tree with inotify and reports every cgroup directory created
 * or removed below its root, at any depth.
 *
 * <p>A new directory is watched first and listed afterwards, so cgroups created
 * inside it before its watch existed are found by the listing and those created
 * after are reported by the watch: none is missed, and none is reported twice. On
 * start every existing cgroup is reported as {@link CgroupEvent.Appeared}. When
 * the kernel's event queue overflows, the watcher reports
 * {@link CgroupEvent.ResyncNeeded}, rebuilds all watches and reports the
 * difference to what it knew. When the root itself is removed, its subtree is
 * reported vanished and the watcher waits for the root to come back.
 *
 * <p>It keeps the {@link CgroupResolver}'s index current, so
 * {@link CgroupResolver#path(long)} answers from it.
 */
public final class CgroupTreeWatcher extends EventSourceThread {

    private static final System.Logger LOG = System.getLogger(CgroupTreeWatcher.class.getName());
    private static final int WATCH_MASK = IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVED_FROM | IN_MOVED_TO
            | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW;
    private static final int POLL_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private record Watched(int watch, Cgroup cgroup) {
    }

    private final CgroupResolver resolver;
    private final CgroupPath root;
    private final Map<Integer, CgroupPath> pathByWatch = new ConcurrentHashMap<>();
    private final Map<CgroupPath, Watched> watched = new ConcurrentHashMap<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private Inotify inotify;
    private int parentWatch = -1;
    private boolean rootMissing;
    private boolean watchedAtStart;

    /**
     * Watches the whole hierarchy of {@code resolver}.
     *
     * @param resolver the resolver
     */
    public CgroupTreeWatcher(CgroupResolver resolver) {
        this(resolver, CgroupPath.ROOT);
    }

    /**
     * Watches {@code root} and everything below it.
     *
     * @param resolver the resolver
     * @param root the subtree's root
     */
    public CgroupTreeWatcher(CgroupResolver resolver, CgroupPath root) {
        super("cgroupfs");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * The subtree watched.
     *
     * @return the root
     */
    public CgroupPath root() {
        return root;
    }

    /**
     * Watches the tree on the starting thread, so that once {@link #start} returns
     * every cgroup that exists is watched (and reported): a scan made after
     * {@code start} sees nothing whose removal could go unreported.
     */
    @Override
    void open() {
        resolver.resolve(root);
        inotify = Inotify.open();
        try {
            watchParentOfRoot();
            watchTree(root);
            watchedAtStart = true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cgroup watcher could not watch the tree at start; retrying on its thread", e);
        }
    }

    @Override
    void run() {
        long backoff = watchedAtStart ? 0 : 500;
        boolean watching = watchedAtStart;
        while (running()) {
            try {
                if (backoff > 0) {
                    pause(backoff);
                    if (!running()) {
                        break;
                    }
                    rebuild("the watcher recovered from an error");
                } else if (!watching) {
                    watchParentOfRoot();
                    watchTree(root);
                }
                watching = true;
                pumpOnce();
                backoff = 0;
            } catch (RuntimeException e) {
                backoff = backoff == 0 ? 500 : Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                LOG.log(System.Logger.Level.ERROR, "cgroup watcher failed; rebuilding its watches in " + backoff + " ms", e);
            }
        }
    }

    /**
     * Asks the watcher to rebuild all watches and report {@link CgroupEvent.ResyncNeeded}
     * followed by what changed, as after a queue overflow; returns at once.
     */
    @Override
    public void requestResync(String reason) {
        Objects.requireNonNull(reason, "reason");
        tasks.add(() -> rebuild(reason));
    }

    /** Has the watcher's thread handle {@code events} as if read from inotify. */
    void inject(List<InotifyEvent> events) {
        List<InotifyEvent> copy = List.copyOf(events);
        tasks.add(() -> handle(copy));
    }

    /** Runs {@code task} on the watcher's thread before it next reads events. */
    void onWatcherThread(Runnable task) {
        tasks.add(task);
    }

    /** The watch descriptor of a watched directory, or -1. */
    int watchDescriptor(CgroupPath path) {
        Watched w = watched.get(path);
        return w == null ? -1 : w.watch();
    }

    /** Waits for and handles one batch of events, or checks whether a missing root is back. */
    void pumpOnce() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
        if (inotify.await(POLL_MILLIS)) {
            handle(inotify.read());
        }
        if (rootMissing && running() && rootIsBack()) {
            rebuild("the watched root " + (root.isRoot() ? "(the hierarchy)" : "\"" + root + "\"") + " came back");
        }
    }

    private boolean rootIsBack() {
        try {
            resolver.resolve(root);
            return true;
        } catch (NoSuchCgroupException | NotACgroupException | NoCgroupHierarchyException e) {
            return false;
        }
    }

    /**
     * cgroupfs reports no {@code IN_DELETE_SELF} for a removed directory that is
     * watched, so the root's removal and return are seen from its parent.
     */
    private void watchParentOfRoot() {
        parentWatch = root.isRoot() ? -1 : inotify.addWatch(resolver.hierarchy().directory(root.parent()),
                IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR | IN_DONT_FOLLOW);
    }

    @Override
    void release() {
        if (inotify != null) {
            inotify.close();
            inotify = null;
        }
    }

    /** Handles decoded events, in order. */
    void handle(List<InotifyEvent> events) {
        for (InotifyEvent e : events) {
            if (e.has(IN_Q_OVERFLOW)) {
                rebuild("the inotify event queue overflowed");
                return;
            }
            if (e.watch() == parentWatch && parentWatch >= 0) {
                handleParentEvent(e);
                continue;
            }
            CgroupPath dir = pathByWatch.get(e.watch());
            if (dir == null) {
                continue;
            }
            if (e.has(IN_ISDIR) && e.has(IN_CREATE | IN_MOVED_TO) && !e.name().isEmpty()) {
                watchTree(dir.child(e.name()));
            } else if (e.has(IN_ISDIR) && e.has(IN_DELETE | IN_MOVED_FROM) && !e.name().isEmpty()) {
                forgetTree(dir.child(e.name()));
            } else if (e.has(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT)) {
                forgetTree(dir);
                if (dir.equals(root)) {
                    rootMissing = true;
                }
            }
        }
    }

    private void handleParentEvent(InotifyEvent e) {
        if (e.has(IN_IGNORED)) {
            parentWatch = -1;
            return;
        }
        if (!e.has(IN_ISDIR) || !e.name().equals(root.name())) {
            return;
        }
        if (e.has(IN_DELETE | IN_MOVED_FROM)) {
            forgetTree(root);
            rootMissing = true;
        } else if (e.has(IN_CREATE | IN_MOVED_TO) && rootMissing) {
            rebuild("the watched root \"" + root + "\" came back");
        }
    }

    /** Watches {@code top} and every directory below it, reporting each one not yet known. */
    private void watchTree(CgroupPath top) {
        Deque<CgroupPath> pending = new ArrayDeque<>();
        pending.add(top);
        while (!pending.isEmpty()) {
            CgroupPath path = pending.removeFirst();
            int wd = inotify.addWatch(resolver.hierarchy().directory(path), WATCH_MASK);
            if (wd < 0) {
                continue;
            }
            Cgroup cgroup;
            try {
                cgroup = resolver.resolve(path);
            } catch (NoSuchCgroupException | NotACgroupException e) {
                inotify.removeWatch(wd);
                continue;
            }
            Watched before = watched.get(path);
            if (before == null || before.cgroup().id() != cgroup.id()) {
                if (before != null) {
                    forgetTree(path);
                }
                watched.put(path, new Watched(wd, cgroup));
                pathByWatch.put(wd, path);
                if (path.equals(root)) {
                    rootMissing = false;
                }
                report(new CgroupEvent.Appeared(cgroup));
            }
            for (String child : resolver.childDirectories(path)) {
                pending.add(path.child(child));
            }
        }
    }

    /** Forgets {@code top} and everything known below it, reporting them deepest first. */
    private void forgetTree(CgroupPath top) {
        List<Watched> gone = new ArrayList<>();
        for (Watched w : watched.values()) {
            if (top.contains(w.cgroup().path())) {
                gone.add(w);
            }
        }
        gone.sort(Comparator.comparingInt((Watched w) -> w.cgroup().level()).reversed()
                .thenComparing(w -> w.cgroup().path().toString()));
        for (Watched w : gone) {
            watched.remove(w.cgroup().path());
            if (pathByWatch.remove(w.watch(), w.cgroup().path())) {
                inotify.removeWatch(w.watch());
            }
            report(new CgroupEvent.Vanished(w.cgroup()));
        }
    }

    /**
     * Starts over with a fresh inotify instance: reports {@link CgroupEvent.ResyncNeeded},
     * watches the tree again and reports what changed meanwhile.
     */
    private void rebuild(String reason) {
        LOG.log(System.Logger.Level.WARNING, "cgroup watcher resynchronising: {0}", reason);
        report(new CgroupEvent.ResyncNeeded(name(), reason));
        Map<CgroupPath, Watched> before = new HashMap<>(watched);
        if (inotify != null) {
            inotify.close();
            inotify = null;
        }
        watched.clear();
        pathByWatch.clear();
        inotify = Inotify.open();
        rootMissing = false;
        watchParentOfRoot();
        List<CgroupEvent> appeared = new ArrayList<>();
        Deque<CgroupPath> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            CgroupPath path = pending.removeFirst();
            int wd = inotify.addWatch(resolver.hierarchy().directory(path), WATCH_MASK);
            if (wd < 0) {
                if (path.equals(root)) {
                    rootMissing = true;
                }
                continue;
            }
            Cgroup cgroup;
            try {
                cgroup = resolver.resolve(path);
            } catch (NoSuchCgroupException | NotACgroupException e) {
                inotify.removeWatch(wd);
                if (path.equals(root)) {
                    rootMissing = true;
                }
                continue;
            }
            watched.put(path, new Watched(wd, cgroup));
            pathByWatch.put(wd, path);
            Watched old = before.get(path);
            if (old != null && old.cgroup().id() == cgroup.id()) {
                before.remove(path);
            } else {
                appeared.add(new CgroupEvent.Appeared(cgroup));
            }
            for (String child : resolver.childDirectories(path)) {
                pending.add(path.child(child));
            }
        }
        List<Watched> vanished = new ArrayList<>(before.values());
        vanished.sort(Comparator.comparingInt((Watched w) -> w.cgroup().level()).reversed()
                .thenComparing(w -> w.cgroup().path().toString()));
        for (Watched w : vanished) {
            report(new CgroupEvent.Vanished(w.cgroup()));
        }
        for (CgroupEvent e : appeared) {
            report(e);
        }
    }

    private void report(CgroupEvent event) {
        resolver.index().onEvent(event);
        emit(event);
    }
}
