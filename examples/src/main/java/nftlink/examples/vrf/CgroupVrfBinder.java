package nftlink.examples.vrf;

import nftlink.cgroup.CgroupTreeWatcher;
import nftlink.cgroup.Cgroup;
import nftlink.cgroup.CgroupEvent;
import nftlink.cgroup.CgroupEventSource;
import nftlink.cgroup.CgroupGlob;
import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.CgroupResolver;
import nftlink.vrf.CgroupVrfBinding;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds every cgroup matching a pattern to a device (a VRF, or any interface)
 * as soon as the cgroup appears, the way {@code ip vrf exec} binds one process:
 * sockets created in such a cgroup are bound to the device, so a systemd unit
 * runs inside the VRF without changing the unit. Listens to a
 * {@link CgroupEventSource} (normally a {@link CgroupTreeWatcher});
 * on a resync it scans and binds whatever it may have missed.
 *
 * <pre>{@code
 * CgroupResolver resolver = CgroupResolver.discover();
 * try (CgroupVrfBinder binder = CgroupVrfBinder.start(resolver, new CgroupTreeWatcher(resolver),
 *         CgroupGlob.parse("system.slice/mail*.service"), vrfIndex)) {
 *     ...
 * }
 * }</pre>
 */
public final class CgroupVrfBinder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CgroupVrfBinder.class.getName());

    private final CgroupResolver resolver;
    private final CgroupEventSource source;
    private final CgroupGlob pattern;
    private final int ifindex;
    private final Map<CgroupPath, CgroupVrfBinding> bindings = new ConcurrentHashMap<>();

    private CgroupVrfBinder(CgroupResolver resolver, CgroupEventSource source, CgroupGlob pattern, int ifindex) {
        this.resolver = resolver;
        this.source = source;
        this.pattern = pattern;
        this.ifindex = ifindex;
    }

    /**
     * Starts binding: first every existing matching cgroup, then each one that
     * appears. The binder owns {@code source} and closes it.
     */
    public static CgroupVrfBinder start(CgroupResolver resolver, CgroupEventSource source, CgroupGlob pattern, int ifindex) {
        CgroupVrfBinder binder = new CgroupVrfBinder(Objects.requireNonNull(resolver, "resolver"),
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(pattern, "pattern"), ifindex);
        source.start(binder::onEvent);
        binder.scan();
        return binder;
    }

    private void onEvent(CgroupEvent event) {
        switch (event) {
            case CgroupEvent.Appeared a -> bind(a.cgroup().path());
            case CgroupEvent.Vanished v -> {
                CgroupVrfBinding gone = bindings.remove(v.cgroup().path());
                if (gone != null) {
                    gone.close();
                    LOG.log(System.Logger.Level.INFO, "cgroup {0} is gone; its binding went with it", v.cgroup().path());
                }
            }
            case CgroupEvent.ResyncNeeded r -> scan();
            case CgroupEvent.RulesetChanged ignored -> { }
        }
    }

    private void scan() {
        for (Cgroup c : resolver.scan()) {
            bind(c.path());
        }
    }

    private void bind(CgroupPath path) {
        if (!pattern.matches(path) || bindings.containsKey(path)) {
            return;
        }
        try {
            bindings.put(path, CgroupVrfBinding.bind(resolver.hierarchy().directory(path), ifindex));
            LOG.log(System.Logger.Level.INFO, "bound cgroup {0} to ifindex {1}", path, ifindex);
        } catch (RuntimeException e) {
            // the cgroup may have vanished already; anything else is worth a line
            LOG.log(System.Logger.Level.WARNING, "could not bind cgroup {0}: {1}", path, e.getMessage());
        }
    }

    /** The cgroups bound now. */
    public Set<CgroupPath> bound() {
        return Set.copyOf(bindings.keySet());
    }

    /** Stops watching and detaches every binding it made. */
    @Override
    public void close() {
        source.close();
        for (CgroupVrfBinding b : bindings.values()) {
            try {
                b.detach();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "detach {0}: {1}", b, e.getMessage());
            }
        }
        bindings.clear();
    }
}
