package nftlink.examples.daemon;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Table;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.NftScript;
import nftlink.nftables.parse.ParsedOperation;
import nftlink.nftables.parse.SetLookup;
import nftlink.nftables.parse.SourceLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a policy: one or more files (a directory stands for its {@code *.conf}
 * files in name order, as {@code /etc/nftlinkd.d}), each checked as sshd's
 * {@code StrictModes} would ({@link PolicyPermissions}), their entries parsed
 * and, with {@code --load}, their static parts as one script, then everything
 * checked against the kernel (or the static rule set being loaded): every table,
 * chain and set an entry names exists. Nothing here changes the rule set.
 */
final class PolicyReader {

    private final Nftables nft;
    private final NftParser parser;
    private final List<Path> policies;
    private final boolean resolveHostnames;

    /**
     * @param nft      the connection, for what exists
     * @param parser   the parser (its set lookup knows the kernel's sets)
     * @param policies files and directories, in order
     * @param resolveHostnames whether rules may name hosts (resolved when compiled)
     */
    PolicyReader(Nftables nft, NftParser parser, List<Path> policies, boolean resolveHostnames) {
        this.nft = Objects.requireNonNull(nft, "nft");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.policies = List.copyOf(policies);
        this.resolveHostnames = resolveHostnames;
    }

    /** A policy as read: its entries, its static script (with {@code --load}), the parser for its entries. */
    record Loaded(PolicyFile policy, NftScript script, NftParser entryParser) {
    }

    /** The files of the policy: each file named, and each directory's {@code *.conf} files in name order. */
    static List<Path> files(List<Path> policies) {
        List<Path> files = new ArrayList<>();
        for (Path p : policies) {
            if (Files.isDirectory(p)) {
                PolicyPermissions.check(p, PolicyPermissions.effectiveUser());
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".conf") && Files.isRegularFile(f)).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new Daemon.PolicyException(p + ": cannot read the policy directory: " + e.getMessage());
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /**
     * Reads and checks the policy.
     *
     * @throws Daemon.PolicyException naming file, line and column of the first problem
     */
    Loaded read(boolean load) {
        List<ParsedOperation> staticOps = new ArrayList<>();
        Map<Path, String> texts = new LinkedHashMap<>();
        try {
            for (Path file : files(policies)) {
                PolicyPermissions.check(file, PolicyPermissions.effectiveUser());
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new Daemon.PolicyException(file + ": cannot read the policy: " + e.getMessage());
                }
                texts.put(file, text);
                if (load) {
                    staticOps.addAll(parser.parse(text, file).parsed());
                }
            }
            NftScript script = load ? new NftScript(staticOps) : null;
            NftParser forEntries = parser;
            if (script != null) {
                SetLookup kernel = (f, t, n) -> nft.listSets(f, t).stream().filter(s -> s.name().equals(n)).findFirst();
                forEntries = forEntries.withSetLookup((f, t, n) -> declaredSet(script, f, t, n).or(() -> kernel.find(f, t, n)));
            }
            List<PolicyFile.Entry> entries = new ArrayList<>();
            List<PolicyFile.HostSet> hostSets = new ArrayList<>();
            Map<String, Integer> names = new HashMap<>();
            for (Map.Entry<Path, String> t : texts.entrySet()) {
                PolicyFile one = PolicyFile.parse(t.getValue(), t.getKey(), forEntries, names);
                entries.addAll(one.entries());
                hostSets.addAll(one.hostSets());
            }
            PolicyFile parsed = new PolicyFile(policies.getFirst(), String.join("\n", texts.values()), entries, hostSets);
            check(parsed, script);
            return new Loaded(parsed, script, forEntries);
        } catch (NftParseException e) {
            throw new Daemon.PolicyException(e.getMessage() + hint(e));
        } catch (Daemon.PolicyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Daemon.PolicyException(policies.getFirst() + ": cannot read the policy: " + e);
        } catch (StackOverflowError e) {
            // the parser bounds nesting; this is the last line of defence for the running daemon
            throw new Daemon.PolicyException(policies.getFirst() + ": cannot read the policy: it is nested too deeply");
        }
    }

    /** What nftlinkd offers instead, for an error whose fix is one of its options. */
    private String hint(NftParseException e) {
        if (!resolveHostnames && e.problem().startsWith("hostnames are not resolved")) {
            return "\nnftlinkd: resolve host names when each rule is added with --resolve-hostnames (as nft and scnpm do), "
                    + "or keep a set current with '# @SET :: HOST, ...' and match 'ip daddr @SET' (see MIGRATING.md)";
        }
        return "";
    }

    private static Optional<NftSet> declaredSet(NftScript script, Family family, String table, String name) {
        return script.operations().stream()
                .filter(o -> o instanceof NftOperation.AddSet a && a.set().family() == family
                        && a.set().table().equals(table) && a.set().name().equals(name))
                .map(o -> ((NftOperation.AddSet) o).set()).findFirst();
    }

    /** Every entry's table and chain or set exists (in the kernel or in the static rule set being loaded). */
    private void check(PolicyFile parsed, NftScript script) {
        Set<String> tables = new HashSet<>();
        Set<String> chains = new HashSet<>();
        Set<String> cgroupSets = new HashSet<>();
        for (Table t : nft.listTables()) {
            tables.add(t.family().nftName() + " " + t.name());
        }
        for (Chain c : nft.listChains()) {
            chains.add(c.family().nftName() + " " + c.table() + " " + c.name());
        }
        Set<String> otherSets = new HashSet<>();
        for (NftSet s : nft.listSets()) {
            (s.keyType() == Datatype.CGROUPV2.id() && !s.isMap() ? cgroupSets : otherSets)
                    .add(s.family().nftName() + " " + s.table() + " " + s.name());
        }
        if (script != null) {
            for (NftOperation o : script.operations()) {
                switch (o) {
                    case NftOperation.FlushRuleset f -> {
                        tables.clear();
                        chains.clear();
                        cgroupSets.clear();
                        otherSets.clear();
                    }
                    case NftOperation.AddTable a -> tables.add(a.table().family().nftName() + " " + a.table().name());
                    case NftOperation.AddChain a -> chains.add(a.chain().family().nftName() + " " + a.chain().table() + " " + a.chain().name());
                    case NftOperation.AddSet a -> (a.set().keyType() == Datatype.CGROUPV2.id() && !a.set().isMap() ? cgroupSets : otherSets)
                            .add(a.set().family().nftName() + " " + a.set().table() + " " + a.set().name());
                    default -> {
                    }
                }
            }
        }
        for (PolicyFile.HostSet h : parsed.hostSets()) {
            List<NftSet> sets = new ArrayList<>(DnsSets.targets(nft, h.set()));
            if (script != null) {
                script.operations().stream().filter(o -> o instanceof NftOperation.AddSet a && a.set().name().equals(h.set())
                                && !a.set().isMap() && (a.set().keyType() == Datatype.IPV4_ADDR.id() || a.set().keyType() == Datatype.IPV6_ADDR.id()))
                        .forEach(o -> sets.add(((NftOperation.AddSet) o).set()));
            }
            if (sets.isEmpty()) {
                throw error(h.location(), "no set named " + h.set() + " of type ipv4_addr or ipv6_addr");
            }
            for (NftSet s : sets) {
                if (!DnsSets.hasTimeouts(s)) {
                    throw error(h.location(), "set " + s.family().nftName() + " " + s.table() + " " + s.name()
                            + " needs 'flags timeout' for addresses that follow DNS");
                }
            }
        }
        for (PolicyFile.Entry e : parsed.entries()) {
            String table = e.family().nftName() + " " + e.table();
            if (!tables.contains(table)) {
                throw error(e.tableLocation(), "no table " + table + " (policy entry " + e.name() + ")");
            }
            switch (e) {
                case PolicyFile.RuleEntry r -> {
                    if (!chains.contains(table + " " + r.chain())) {
                        throw error(r.chainLocation(), "no chain " + table + " " + r.chain() + " (policy entry " + e.name() + ")");
                    }
                }
                case PolicyFile.SetEntry s -> {
                    String set = table + " " + s.set();
                    if (!cgroupSets.contains(set)) {
                        throw error(s.setLocation(), otherSets.contains(set)
                                ? "set " + set + " is no set of type cgroupsv2 (policy entry " + e.name() + ")"
                                : "no set " + set + " (policy entry " + e.name() + ")");
                    }
                }
            }
        }
    }

    private static Daemon.PolicyException error(SourceLocation at, String problem) {
        return new Daemon.PolicyException(new NftParseException(at, problem).getMessage());
    }
}
