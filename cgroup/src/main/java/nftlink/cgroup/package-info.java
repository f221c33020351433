/**
 * cgroup-v2 for nftables policies: find the hierarchy, resolve paths and IDs,
 * watch cgroups come and go, and keep per-cgroup rules or set elements true in
 * the kernel.
 *
 * <h2>Finding cgroups</h2>
 * {@link nftlink.cgroup.CgroupHierarchy#discover()} reads the mount table (unified
 * or hybrid layout; {@code nft} itself only looks at {@code /sys/fs/cgroup}, so on a
 * hybrid host it cannot resolve a path while this library can);
 * {@link nftlink.cgroup.CgroupResolver} turns a {@link nftlink.cgroup.CgroupPath}
 * into a {@link nftlink.cgroup.Cgroup} (its ID is the directory's inode number,
 * what {@code socket cgroupv2 level N "path"} compares) and back.
 * {@link nftlink.cgroup.CgroupIdResolver} is the narrow interface a rule compiler
 * needs.
 *
 * <h2>Event sources</h2>
 * Three {@link nftlink.cgroup.CgroupEventSource}s report
 * {@link nftlink.cgroup.CgroupEvent}s: {@link nftlink.cgroup.CgroupTreeWatcher}
 * (inotify on the cgroup file system; the authority on what exists),
 * {@link nftlink.cgroup.JournalUnitSource} (systemd units started and stopped,
 * system and user managers) and {@link nftlink.cgroup.NftablesMonitor} (someone
 * else removed what lives in the watched tables). Each one recovers from its
 * input going away and reports {@link nftlink.cgroup.CgroupEvent.ResyncNeeded}
 * whenever events may have been lost.
 *
 * <h2>Policy, desired state and the reconciler</h2>
 * A {@link nftlink.cgroup.Policy} selects cgroups by exact path, glob
 * ({@link nftlink.cgroup.CgroupGlob}) or systemd unit name;
 * {@link nftlink.cgroup.DesiredState} keeps policy × live cgroups against what the
 * kernel has and yields the {@link nftlink.cgroup.BindingDiff} one transaction
 * must apply. The {@link nftlink.cgroup.Reconciler} feeds it from the event
 * sources and hands every burst's diff to a {@link nftlink.cgroup.BindingStore}.
 *
 * <p>{@link nftlink.cgroup.NftablesBindingStore} is the store over nf_tables. It
 * owns one table, described by a {@link nftlink.cgroup.TableLayout} (chains, named
 * sets, fixed rules), and gives each policy entry one of two forms
 * ({@link nftlink.cgroup.BindingTarget}):
 * <ul>
 *   <li><b>a rule per cgroup</b> ({@link nftlink.cgroup.BindingTarget.RulePerCgroup},
 *       as mk-fg's scnpm does): for each live matching cgroup the rule
 *       {@code socket cgroupv2 level N ID STATEMENTS} in a chain of its own;</li>
 *   <li><b>set membership</b> ({@link nftlink.cgroup.BindingTarget.SetMembership},
 *       like systemd's {@code NFTSet=}, but for any cgroup): the cgroup's ID in a
 *       named set of {@code cgroupsv2} keys that a fixed rule such as
 *       {@code socket cgroupv2 level N @set accept} refers to; a cgroup coming
 *       or going changes one element, the rules never change.</li>
 * </ul>
 * Rules and elements carry comment tags, so a restarted reconciler adopts what
 * the previous run left instead of adding it again; a table someone flushed or
 * deleted is rebuilt (fixed rules included) in one transaction; rules and
 * elements in the table that the store did not make are removed; no other table
 * is touched.
 *
 * <h2>Fail-closed, decoupled</h2>
 * The kernel resolves a cgroup to its ID when the rule or element is loaded, so
 * nothing can be loaded for a cgroup before it exists: the reconciler loads it as
 * soon as the cgroup appears (the "decoupled" order netfilter developers
 * recommend). Write the policy fail-closed so that the moment in between errs on
 * the safe side: traffic the policy governs is sent to the per-cgroup rules or
 * the set lookup first and rejected after them. A process whose cgroup's rule is
 * not loaded yet is briefly refused, never allowed more than its rules say.
 *
 * <pre>{@code
 * // table inet cgpolicy {
 * //   set web { type cgroupsv2; }
 * //   chain out { type filter hook output priority 0; policy accept;
 * //     tcp dport { 25, 143 } jump mail        # per-cgroup rules live in chain mail
 * //     tcp dport { 25, 143 } reject           # ... and whoever has none is refused
 * //     tcp dport 443 socket cgroupv2 level 5 @web accept
 * //     tcp dport 443 reject }
 * //   chain mail { socket cgroupv2 level 5 ID accept   # one per app-mail*.scope, added and removed
 * //   } }
 * Family f = Family.INET;
 * Field dport = PayloadField.TCP_DPORT;
 * Value mailPorts = new Value.SetLiteral(List.of(new Value.Single(Bytes.u16Be(25)), new Value.Single(Bytes.u16Be(143))));
 * Statement accept = new Statement.VerdictStatement(Verdict.ACCEPT);
 * Statement reject = Statement.RejectStatement.defaultFor(f);
 * TableLayout layout = new TableLayout(f, "cgpolicy",
 *         List.of(Chain.base(f, "cgpolicy", "out", BaseChain.of(ChainType.FILTER, Hook.OUTPUT, 0, ChainPolicy.ACCEPT)),
 *                 Chain.regular(f, "cgpolicy", "mail")),
 *         List.of(NftSet.of(f, "cgpolicy", "web", Datatype.CGROUPV2)),
 *         List.of(RuleSpec.of(f, "cgpolicy", "out", new Match(dport, Match.Op.EQ, mailPorts),
 *                         new Statement.VerdictStatement(Verdict.jump("mail"))),
 *                 RuleSpec.of(f, "cgpolicy", "out", new Match(dport, Match.Op.EQ, mailPorts), reject),
 *                 RuleSpec.of(f, "cgpolicy", "out", Match.of(dport, Match.Op.EQ, "443"),
 *                         new Match(new SocketCgroupField(5), Match.Op.EQ, new Value.SetReference("web")), accept),
 *                 RuleSpec.of(f, "cgpolicy", "out", Match.of(dport, Match.Op.EQ, "443"), reject)));
 * String apps = "user.slice/user-*.slice/user@*.service/app.slice/";
 * Policy policy = Policy.of(
 *         new PolicyEntry("mail", CgroupSelector.Glob.of(apps + "app-mail*.scope")),
 *         new PolicyEntry("web", CgroupSelector.Glob.of(apps + "app-browser*.scope")));
 *
 * CgroupResolver resolver = CgroupResolver.discover();
 * try (Nftables nft = Nftables.open()) {
 *     NftablesBindingStore store = new NftablesBindingStore(nft, layout, Map.of(
 *             "mail", BindingTarget.RulePerCgroup.of("mail", accept),
 *             "web", new BindingTarget.SetMembership("web")), resolver::path);
 *     try (Reconciler reconciler = new Reconciler(new DesiredState(store.requireTargets(policy)), store,
 *             resolver::scan,
 *             List.of(new CgroupTreeWatcher(resolver),
 *                     new NftablesMonitor(Set.of(new NftablesMonitor.TableName(f, "cgpolicy")))),
 *             diff -> { })) {
 *         reconciler.start();   // adopts, builds the table if needed, converges
 *         ...                   // from here on every burst of cgroup events is one transaction
 *     }
 * }
 * }</pre>
 *
 * <p>The level in {@code socket cgroupv2 level N @set} is fixed in the rule, so a
 * set entry should select cgroups of that one level (here the {@code .scope}s at
 * level 5); per-cgroup rules use each cgroup's own level.
 */
package nftlink.cgroup;
