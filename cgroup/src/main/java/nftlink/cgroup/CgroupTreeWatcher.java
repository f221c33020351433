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
 * <p>Its thread sleeps in {@code poll(2)} until inotify has events, work is
 * handed to it ({@link #requestResync}) or it is closed: an idle watcher never
 * wakes up.
 *
 * <p>It keeps the {@link CgroupResolver}'s index current, so
 * {@link CgroupResolver#path(long)} answers from it.
 */
public final class CgroupTreeWatcher extends EventSourceThread {

    private static final System.Logger LOG = System.getLogger(CgroupTreeWatcher.class.getName());
    private static final int WATCH_MASK = IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVED_FROM | IN_MOVED_TO
            | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW;
    private static final int ANCESTOR_MASK = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR | IN_DONT_FOLLOW;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private record Watched(int watch, Cgroup cgroup) {
    }

    /** Deeper cgroups first, then by path: the order in which vanished cgroups are reported. */
    private static final Comparator<Watched> DEEPEST_FIRST = Comparator.comparingInt((Watched w) -> w.cgroup().level())
            .reversed().thenComparing(w -> w.cgroup().path().toString());

    private final CgroupResolver resolver;
    private final CgroupPath root;
    private final Map<Integer, CgroupPath> pathByWatch = new ConcurrentHashMap<>();
    private final Map<CgroupPath, Watched> watched = new ConcurrentHashMap<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<Integer, CgroupPath> ancestorByWatch = new HashMap<>();
    private Inotify inotify;
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
            watchAncestors();
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
                    watchAncestors();
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
        wake();
    }

    /** Has the watcher's thread handle {@code events} as if read from inotify. */
    void inject(List<InotifyEvent> events) {
        List<InotifyEvent> copy = List.copyOf(events);
        tasks.add(() -> handle(copy));
        wake();
    }

    /** Runs {@code task} on the watcher's thread before it next reads events. */
    void onWatcherThread(Runnable task) {
        tasks.add(task);
        wake();
    }

    /** The watch descriptor of a watched directory, or -1. */
    int watchDescriptor(CgroupPath path) {
        Watched w = watched.get(path);
        return w == null ? -1 : w.watch();
    }

    /**
     * Runs the tasks handed over, then waits until inotify has events (and handles
     * them) or the thread is woken; checks whether a missing root is back.
     */
    void pumpOnce() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
        if (running() && inotify.await(eventFd())) {
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
     * Watches the root's parent, and while the root is missing every existing
     * ancestor, from the hierarchy's root down: cgroupfs reports neither
     * {@code IN_DELETE_SELF} nor {@code IN_IGNORED} for a removed directory that is
     * watched, so the root's removal and return are seen from its parent, and once
     * the root is gone (and nothing keeps its parent) the parent's from the
     * grandparent, and so on. A parent cannot go while it holds the root, so the
     * watcher of an existing root wakes for nothing above the parent.
     */
    private void watchAncestors() {
        List<CgroupPath> chain = new ArrayList<>();
        for (CgroupPath a = root; !a.isRoot() && (chain.isEmpty() || rootMissing); ) {
            a = a.parent();
            chain.addFirst(a);
        }
        for (CgroupPath a : chain) {
            int wd = inotify.addWatch(resolver.hierarchy().directory(a), ANCESTOR_MASK);
            if (wd < 0) {
                return;
            }
            ancestorByWatch.put(wd, a);
        }
    }

    /**
     * Follows the directories on the way to the root: one removed takes the root
     * with it; one created may be followed by the root, which is then watched again.
     */
    private void handleAncestorEvent(CgroupPath ancestor, InotifyEvent e) {
        if (e.has(IN_IGNORED)) {
            ancestorByWatch.remove(e.watch());
            return;
        }
        CgroupPath next = root;
        while (!next.parent().equals(ancestor)) {
            next = next.parent();
        }
        if (!e.has(IN_ISDIR) || !e.name().equals(next.name())) {
            return;
        }
        if (e.has(IN_DELETE | IN_MOVED_FROM)) {
            forgetAncestorsFrom(next);
            rootGone();
        } else if (e.has(IN_CREATE | IN_MOVED_TO)) {
            watchAncestors();
            if (rootMissing && rootIsBack()) {
                rebuild("the watched root \"" + root + "\" came back");
            }
        }
    }

    /** Drops the watches of {@code top} and the ancestors below it, which left with it. */
    private void forgetAncestorsFrom(CgroupPath top) {
        ancestorByWatch.entrySet().removeIf(w -> {
            if (!top.contains(w.getValue())) {
                return false;
            }
            inotify.removeWatch(w.getKey());
            return true;
        });
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
            CgroupPath ancestor = ancestorByWatch.get(e.watch());
            if (ancestor != null) {
                handleAncestorEvent(ancestor, e);
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
                if (dir.equals(root)) {
                    rootGone();
                } else {
                    forgetTree(dir);
                }
            }
        }
    }

    /** Reports the root's subtree vanished and watches the way back to it. */
    private void rootGone() {
        forgetTree(root);
        rootMissing = true;
        watchAncestors();
    }

    /** Watches {@code top} and every directory below it, reporting each one not yet known. */
    private void watchTree(CgroupPath top) {
        Deque<CgroupPath> pending = new ArrayDeque<>();
        pending.add(top);
        while (!pending.isEmpty()) {
            CgroupPath path = pending.removeFirst();
            Watched now = watch(path);
            if (now == null) {
                continue;
            }
            Cgroup cgroup = now.cgroup();
            Watched before = watched.get(path);
            if (before == null || before.cgroup().id() != cgroup.id()) {
                if (before != null) {
                    forgetTree(path);
                }
                watched.put(path, now);
                pathByWatch.put(now.watch(), path);
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

    /**
     * Watches the directory of {@code path} and resolves its cgroup; {@code null}, leaving no watch, when the
     * directory is gone or is not a cgroup.
     */
    private Watched watch(CgroupPath path) {
        int wd = inotify.addWatch(resolver.hierarchy().directory(path), WATCH_MASK);
        if (wd < 0) {
            return null;
        }
        try {
            return new Watched(wd, resolver.resolve(path));
        } catch (NoSuchCgroupException | NotACgroupException e) {
            inotify.removeWatch(wd);
            return null;
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
        gone.sort(DEEPEST_FIRST);
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
        ancestorByWatch.clear();
        watchAncestors();
        List<CgroupEvent> appeared = new ArrayList<>();
        Deque<CgroupPath> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            CgroupPath path = pending.removeFirst();
            Watched now = watch(path);
            if (now == null) {
                if (path.equals(root)) {
                    rootMissing = true;
                }
                continue;
            }
            Cgroup cgroup = now.cgroup();
            watched.put(path, now);
            pathByWatch.put(now.watch(), path);
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
        if (rootMissing) {
            watchAncestors();
        }
        List<Watched> vanished = new ArrayList<>(before.values());
        vanished.sort(DEEPEST_FIRST);
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
