package nftlink.examples.daemon;

import nftlink.nfnetlink.Transaction;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetFlag;
import nftlink.nftables.Nftables;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps the sets of {@code # @SET :: host, ...} policy lines filled with the
 * hosts' current addresses: A records go into sets of {@code ipv4_addr} keys,
 * AAAA records into sets of {@code ipv6_addr} keys, each element with a timeout
 * of the record's TTL clamped to [floor, ceiling]. Each set is refreshed (re-resolved,
 * its elements re-added with fresh timeouts in one transaction) when two thirds of
 * its shortest timeout have passed. A failed lookup never removes anything: the
 * host's last known addresses are re-added with the floor timeout and the lookup
 * is retried sooner; an address the name no longer has expires with its timeout.
 */
final class DnsSets implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DnsSets.class.getName());

    /** Element timeouts are the TTL, but not below {@code floor} nor above {@code ceiling}. */
    record Limits(Duration floor, Duration ceiling) {
        Limits {
            if (floor.isNegative() || floor.isZero() || ceiling.compareTo(floor) < 0) {
                throw new IllegalArgumentException("DNS timeouts need 0 < floor <= ceiling");
            }
        }

        /** One minute to one hour. */
        static final Limits DEFAULT = new Limits(Duration.ofMinutes(1), Duration.ofHours(1));

        long clampMillis(long ttlSeconds) {
            return Math.max(floor.toMillis(), Math.min(ceiling.toMillis(), ttlSeconds * 1000));
        }
    }

    private record Known(String host, long timeoutMillis) {
    }

    private final Nftables nft;
    private final DnsClient dns;
    private final List<PolicyFile.HostSet> entries;
    private final Limits limits;
    private final Consumer<String> log;
    private final Map<String, Map<InetAddress, Known>> lastKnown = new HashMap<>();
    private final Map<String, Long> due = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    DnsSets(Nftables nft, DnsClient dns, List<PolicyFile.HostSet> entries, Limits limits, Consumer<String> log) {
        this.nft = Objects.requireNonNull(nft, "nft");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.entries = List.copyOf(entries);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The sets an entry fills: named sets of its name with address keys and timeouts. */
    static List<NftSet> targets(Nftables nft, String name) {
        return nft.listSets().stream().filter(s -> s.name().equals(name) && !s.isMap()
                && (s.keyDatatypes().equals(List.of(Datatype.IPV4_ADDR)) || s.keyDatatypes().equals(List.of(Datatype.IPV6_ADDR))))
                .toList();
    }

    /** Whether {@code set} can hold DNS addresses (it needs timeouts). */
    static boolean hasTimeouts(NftSet set) {
        return set.flagSet().contains(SetFlag.TIMEOUT);
    }

    /** Fills every set once on the calling thread, then keeps refreshing on a thread of its own. */
    synchronized void start() {
        if (entries.isEmpty()) {
            return;
        }
        for (PolicyFile.HostSet e : entries) {
            refresh(e);
        }
        running = true;
        thread = Thread.ofPlatform().daemon(true).name("nftlinkd-dns").start(this::run);
    }

    private void run() {
        while (running) {
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            for (PolicyFile.HostSet e : entries) {
                long at = due.getOrDefault(e.set(), now);
                if (at - now <= 0) {
                    try {
                        refresh(e);
                    } catch (RuntimeException ex) {
                        LOG.log(System.Logger.Level.ERROR, "refreshing @" + e.set() + " failed", ex);
                        due.put(e.set(), System.nanoTime() + limits.floor().toNanos() / 3);
                    }
                    at = due.get(e.set());
                }
                next = Math.min(next, at);
            }
            long sleep = Math.max(10, (next - System.nanoTime()) / 1_000_000);
            try {
                // only this thread changes what is due: sleep until the next refresh (close() interrupts)
                Thread.sleep(sleep);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** Resolves one entry's hosts and re-adds their addresses to its sets in one transaction. */
    synchronized void refresh(PolicyFile.HostSet e) {
        List<NftSet> sets = targets(nft, e.set());
        boolean v4 = sets.stream().anyMatch(s -> s.keyType() == Datatype.IPV4_ADDR.id());
        boolean v6 = sets.stream().anyMatch(s -> s.keyType() == Datatype.IPV6_ADDR.id());
        Map<InetAddress, Known> known = lastKnown.computeIfAbsent(e.set(), k -> new LinkedHashMap<>());
        Map<InetAddress, Known> now = new LinkedHashMap<>();
        boolean failed = false;
        for (String host : e.hosts()) {
            List<Integer> types = new ArrayList<>();
            if (v4) {
                types.add(DnsClient.A);
            }
            if (v6) {
                types.add(DnsClient.AAAA);
            }
            for (int type : types) {
                try {
                    for (DnsClient.Answer a : dns.query(host, type)) {
                        long timeout = limits.clampMillis(a.ttlSeconds());
                        now.merge(a.address(), new Known(host, timeout), (x, y) -> x.timeoutMillis() >= y.timeoutMillis() ? x : y);
                    }
                } catch (IOException ex) {
                    failed = true;
                    boolean isV4 = type == DnsClient.A;
                    List<InetAddress> keep = known.entrySet().stream().filter(k -> k.getValue().host().equals(host)
                            && (k.getKey() instanceof Inet4Address) == isV4).map(Map.Entry::getKey).toList();
                    log.accept("dns @" + e.set() + ": " + host + " " + (isV4 ? "A" : "AAAA") + " lookup failed ("
                            + ex.getMessage() + "); keeping " + keep.size() + " known address(es) for "
                            + limits.floor().toSeconds() + " s");
                    for (InetAddress k : keep) {
                        now.putIfAbsent(k, new Known(host, limits.floor().toMillis()));
                    }
                }
            }
        }
        Transaction t = nft.transaction();
        List<String> added = new ArrayList<>();
        for (NftSet s : sets) {
            if (!hasTimeouts(s)) {
                continue;
            }
            boolean setV4 = s.keyType() == Datatype.IPV4_ADDR.id();
            Set<Bytes> present = new HashSet<>();
            nft.listElements(s.family(), s.table(), s.name()).forEach(el -> present.add(el.key()));
            List<SetElement> deletes = new ArrayList<>();
            List<SetElement> adds = new ArrayList<>();
            for (Map.Entry<InetAddress, Known> a : now.entrySet()) {
                if ((a.getKey() instanceof Inet4Address) != setV4) {
                    continue;
                }
                Bytes key = Bytes.of(a.getKey().getAddress());
                if (present.contains(key)) {
                    deletes.add(SetElement.of(key));
                } else {
                    added.add("dns @" + e.set() + ": added " + a.getKey().getHostAddress() + " (" + a.getValue().host()
                            + ", timeout " + a.getValue().timeoutMillis() / 1000 + " s) to " + s.family().nftName() + " "
                            + s.table() + " " + s.name());
                }
                adds.add(SetElement.of(key).withTimeout(Duration.ofMillis(a.getValue().timeoutMillis()))
                        .withComment("nftlinkd dns " + a.getValue().host()));
            }
            if (!deletes.isEmpty()) {
                t.add(new NftOperation.DeleteElements(s.family(), s.table(), s.name(), deletes));
            }
            if (!adds.isEmpty()) {
                t.add(new NftOperation.AddElements(s.family(), s.table(), s.name(), 0, adds, false));
            }
        }
        if (t.size() > 0) {
            t.commit();
        }
        added.forEach(log);
        known.clear();
        known.putAll(now);
        long shortest = now.values().stream().mapToLong(Known::timeoutMillis).min().orElse(limits.floor().toMillis());
        long wait = failed ? limits.floor().toMillis() / 3 : shortest * 2 / 3;
        due.put(e.set(), System.nanoTime() + Math.max(100, wait) * 1_000_000L);
    }

    /** What {@link #start} would add now, in nft syntax (lookups are made, nothing is committed). */
    List<String> preview() {
        List<String> lines = new ArrayList<>();
        for (PolicyFile.HostSet e : entries) {
            for (NftSet s : targets(nft, e.set())) {
                int type = s.keyType() == Datatype.IPV4_ADDR.id() ? DnsClient.A : DnsClient.AAAA;
                for (String host : e.hosts()) {
                    try {
                        for (DnsClient.Answer a : dns.query(host, type)) {
                            lines.add("add element " + s.family().nftName() + " " + s.table() + " " + s.name() + " { "
                                    + a.address().getHostAddress() + " timeout " + limits.clampMillis(a.ttlSeconds()) / 1000
                                    + "s comment \"nftlinkd dns " + host + "\" }");
                        }
                    } catch (IOException ex) {
                        lines.add("# @" + e.set() + ": " + host + ": " + ex.getMessage());
                    }
                }
            }
        }
        return lines;
    }

    /** Deletions of every element any run added to an address set (tagged {@code nftlinkd dns}). */
    static List<NftOperation> flushOperations(Nftables nft, List<String> described) {
        List<NftOperation> ops = new ArrayList<>();
        for (NftSet s : nft.listSets()) {
            if (s.isMap() || s.keyType() != Datatype.IPV4_ADDR.id() && s.keyType() != Datatype.IPV6_ADDR.id()) {
                continue;
            }
            List<SetElement> mine = nft.listElements(s.family(), s.table(), s.name()).stream()
                    .filter(el -> el.comment().orElse("").startsWith("nftlinkd dns ")).map(el -> SetElement.of(el.key())).toList();
            if (!mine.isEmpty()) {
                ops.add(new NftOperation.DeleteElements(s.family(), s.table(), s.name(), mine));
                described.add("removed " + mine.size() + " DNS address(es) from " + s.family().nftName() + " " + s.table() + " " + s.name());
            }
        }
        return ops;
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
