/**
 * {@code nftlinkd}, the per-application firewall daemon, a Java successor to
 * mk-fg's systemd-cgroup-nftables-policy-manager (scnpm), and {@code nftlink demo}.
 *
 * <h2>The policy</h2>
 * An {@code nftables.conf} as {@code nft -f} reads it; its comment lines
 * {@code # UNIT :: COMMAND} are policy entries ({@link nftlink.examples.daemon.PolicyFile}):
 * <pre>
 * # app-mail.scope :: add rule inet filter vpn.whitelist socket cgroupv2 level 5 \
 * #     "user.slice/user-1000.slice/user@1000.service/app.slice/app-mail.scope" \
 * #     ip daddr 10.0.0.5 tcp dport { 25, 143 } accept
 * # app-web@*.scope :: add element inet filter web { "user.slice/user-*.slice/user@*.service/app.slice/app-web@*.scope" }
 * # &#64;mail_hosts :: mail.example.org, smtp.example.org
 * </pre>
 * The first kind is one rule per live matching cgroup (compiled by the nft parser
 * with that cgroup's ID); the second, the cgroup's ID as an element of a named
 * {@code cgroupsv2} set; the third fills the named address sets with the hosts'
 * current addresses ({@link nftlink.examples.daemon.DnsSets}).
 *
 * <h2>How it runs</h2>
 * {@link nftlink.examples.daemon.Daemon} checks the whole policy (syntax; tables,
 * chains and sets exist) before changing anything; with {@code --load} it applies
 * the static rule set as one transaction; then the cgroup module's
 * {@link nftlink.cgroup.Reconciler}, fed by the cgroupfs watcher, the nftables
 * monitor and optionally the journal, keeps every binding true through
 * {@link nftlink.examples.daemon.PolicyStore}, one transaction per burst of
 * events. Rules and elements are tagged ({@code nftlinkd ENTRY ID FP /PATH}); a
 * tagged rule the daemon did not make, unless it is exactly the entry's rule, is
 * removed. Without {@code --load} they live in the user's own tables, which the
 * daemon never creates, flushes or deletes (a chain or set that goes missing is
 * waited for); with {@code --load} the tables the static rule set declares are the
 * daemon's ({@link nftlink.examples.daemon.StaticRuleset}): a damaged one is rebuilt
 * whole in one transaction. {@link nftlink.examples.daemon.PolicyReader} reads one
 * or more files and directories and refuses files others can write
 * ({@link nftlink.examples.daemon.PolicyPermissions}).
 *
 * <h2>The command line and systemd</h2>
 * {@link nftlink.examples.daemon.Nftlinkd} is the picocli command line and the
 * signal handling (HUP reloads, TERM stops and leaves the rule set as it is);
 * {@link nftlink.examples.daemon.SystemdNotifier} tells systemd when it is ready or
 * reloading, {@link nftlink.examples.daemon.DaemonLog} writes journal priorities,
 * {@link nftlink.examples.daemon.StatusReport} is {@code status}'s verdict.
 */
package nftlink.examples.daemon;
