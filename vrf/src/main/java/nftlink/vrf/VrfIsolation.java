package nftlink.vrf;

import nftlink.rtnetlink.UnsupportedLinkKindException;
import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.rtnetlink.FibRuleUapi;
import nftlink.rtnetlink.IpFamily;
import nftlink.rtnetlink.Link;
import nftlink.rtnetlink.LinkKind;
import nftlink.rtnetlink.Route;
import nftlink.rtnetlink.RtNetlink;
import nftlink.rtnetlink.RtnetlinkUapi;
import nftlink.rtnetlink.FibRule;
import nftlink.rtnetlink.RuleAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Service isolation with VRFs, as one idempotent and reversible call. For a
 * {@link VrfSpec} it makes sure that
 * <ol>
 *   <li>the VRF device exists on its table and is up;</li>
 *   <li>the member interfaces are enslaved to it;</li>
 *   <li>for IPv4 and IPv6 the policy rules are laid out for VRFs: the
 *       {@code local} lookup moved from priority 0 to 32765
 *       ({@code rule add pref 32765 table local}, {@code rule del pref 0}),
 *       the {@code l3mdev} lookup present (priority 1000, as the kernel adds it),
 *       and {@code rule add pref 2000 l3mdev unreachable} so traffic of a VRF
 *       never falls through to the main table;</li>
 *   <li>the VRF's routes are in its table.</li>
 * </ol>
 * Running {@link #apply} again changes nothing. {@link #revert} undoes it; the
 * rule layout is restored only when no VRF device is left, and the kernel's own
 * {@code l3mdev} rule stays (the kernel adds it only for the first VRF of a
 * namespace, so removing it would break VRFs made later).
 */
public final class VrfIsolation {

    /** Where the {@code local} table lookup moves to. */
    public static final long LOCAL_RULE_PRIORITY = 32765;
    /** The priority of the kernel's {@code l3mdev} lookup rule. */
    public static final long L3MDEV_RULE_PRIORITY = 1000;
    /** The priority of the {@code l3mdev unreachable} rule. */
    public static final long L3MDEV_UNREACHABLE_PRIORITY = 2000;

    private static final System.Logger LOG = System.getLogger(VrfIsolation.class.getName());

    private final RtNetlink rt;

    /**
     * Works through {@code rt} (and so in its network namespace).
     *
     * @param rt the rtnetlink client
     */
    public VrfIsolation(RtNetlink rt) {
        this.rt = Objects.requireNonNull(rt, "rt");
    }

    /**
     * Makes the VRF of {@code spec} exist and isolated.
     *
     * @param spec the VRF
     * @return the changes made, in order, as sentences; empty when everything was in place
     * @throws UnsupportedLinkKindException when the kernel has no VRF support
     * @throws IllegalStateException when a link of the VRF's name exists but is not a VRF on its table
     */
    public List<String> apply(VrfSpec spec) {
        List<String> changes = new ArrayList<>();
        int vrf = ensureVrf(spec, changes);
        for (String member : spec.members()) {
            Link link = rt.link(member).orElseThrow(() -> new IllegalStateException(
                    "VRF " + spec.name() + ": member interface " + member + " does not exist"));
            if (link.master() != vrf) {
                rt.setMaster(link.index(), vrf);
                changes.add("enslaved " + member + " to " + spec.name());
            }
        }
        changes.addAll(isolateRules());
        for (Route route : spec.routes()) {
            List<Route> present = rt.routes(route.family(), spec.table());
            if (present.stream().noneMatch(r -> sameRoute(r, route))) {
                rt.replaceRoute(route);
                changes.add("added route " + route);
            }
        }
        return changes;
    }

    private int ensureVrf(VrfSpec spec, List<String> changes) {
        Optional<Link> existing = rt.link(spec.name());
        if (existing.isPresent()) {
            Link link = existing.get();
            if (!(link.kind() instanceof LinkKind.Vrf v) || v.table() != spec.table()) {
                throw new IllegalStateException("link " + spec.name() + " exists but is not a VRF on table "
                        + Integer.toUnsignedString(spec.table()) + " (kind " + link.kindName().orElse("none") + ")");
            }
        } else {
            rt.createLink(Link.vrf(spec.name(), spec.table()));
            changes.add("created VRF " + spec.name() + " on table " + Integer.toUnsignedString(spec.table()));
        }
        Link link = rt.link(spec.name()).orElseThrow();
        if (!link.isUp()) {
            rt.setUp(link.index(), true);
            changes.add("set " + spec.name() + " up");
        }
        return link.index();
    }

    /**
     * Lays out the policy rules for VRFs in both families (the rule part of
     * {@link #apply}); works without any VRF device.
     *
     * @return the changes made
     */
    public List<String> isolateRules() {
        List<String> changes = new ArrayList<>();
        for (IpFamily family : families()) {
            List<FibRule> rules = rt.rules(family);
            if (rules.stream().noneMatch(r -> isLocalLookup(r, LOCAL_RULE_PRIORITY))) {
                rt.addRule(FibRule.lookup(family, LOCAL_RULE_PRIORITY, RtnetlinkUapi.RT_TABLE_LOCAL));
                changes.add(family.ipName() + ": added rule pref " + LOCAL_RULE_PRIORITY + " table local");
            }
            if (rules.stream().anyMatch(r -> isLocalLookup(r, 0))) {
                // the kernel deletes the first rule matching; the one of priority 0 sorts first
                rt.deleteRule(FibRule.lookup(family, 0, RtnetlinkUapi.RT_TABLE_LOCAL));
                changes.add(family.ipName() + ": deleted rule pref 0 table local");
            }
            if (rules.stream().noneMatch(r -> isL3mdev(r, RuleAction.TO_TBL))) {
                rt.addRule(FibRule.l3mdev(family, L3MDEV_RULE_PRIORITY));
                changes.add(family.ipName() + ": added rule pref " + L3MDEV_RULE_PRIORITY + " l3mdev");
            }
            if (rules.stream().noneMatch(r -> isL3mdev(r, RuleAction.UNREACHABLE)
                    && r.effectivePriority() == L3MDEV_UNREACHABLE_PRIORITY)) {
                rt.addRule(FibRule.l3mdevUnreachable(family, L3MDEV_UNREACHABLE_PRIORITY));
                changes.add(family.ipName() + ": added rule pref " + L3MDEV_UNREACHABLE_PRIORITY + " l3mdev unreachable");
            }
        }
        return changes;
    }

    /**
     * Undoes {@link #apply}: deletes the VRF's routes, releases its members,
     * deletes the device, and when no VRF is left restores the rule layout.
     *
     * @param spec the VRF
     * @return the changes made; empty when nothing was left to undo
     */
    public List<String> revert(VrfSpec spec) {
        List<String> changes = new ArrayList<>();
        for (Route route : spec.routes()) {
            if (rt.routes(route.family(), spec.table()).stream().anyMatch(r -> sameRoute(r, route))) {
                rt.deleteRoute(route);
                changes.add("deleted route " + route);
            }
        }
        Optional<Link> vrf = rt.link(spec.name()).filter(l -> l.kind() instanceof LinkKind.Vrf);
        if (vrf.isPresent()) {
            for (String member : spec.members()) {
                Optional<Link> link = rt.link(member);
                if (link.isPresent() && link.get().master() == vrf.get().index()) {
                    rt.release(link.get().index());
                    changes.add("released " + member + " from " + spec.name());
                }
            }
            rt.deleteLink(vrf.get().index());
            changes.add("deleted VRF " + spec.name());
        }
        if (rt.links("vrf").isEmpty()) {
            changes.addAll(restoreRules());
        }
        return changes;
    }

    /**
     * Restores the default rule layout (the part of {@link #revert} for rules):
     * {@code local} lookup at priority 0, no rule at 32765, no {@code l3mdev unreachable} rule.
     *
     * @return the changes made
     */
    public List<String> restoreRules() {
        List<String> changes = new ArrayList<>();
        for (IpFamily family : families()) {
            List<FibRule> rules = rt.rules(family);
            if (rules.stream().noneMatch(r -> isLocalLookup(r, 0))) {
                rt.addRule(FibRule.lookup(family, 0, RtnetlinkUapi.RT_TABLE_LOCAL));
                changes.add(family.ipName() + ": added rule pref 0 table local");
            }
            if (rules.stream().anyMatch(r -> isLocalLookup(r, LOCAL_RULE_PRIORITY))) {
                rt.deleteRule(FibRule.lookup(family, LOCAL_RULE_PRIORITY, RtnetlinkUapi.RT_TABLE_LOCAL));
                changes.add(family.ipName() + ": deleted rule pref " + LOCAL_RULE_PRIORITY + " table local");
            }
            for (FibRule r : rules) {
                if (isL3mdev(r, RuleAction.UNREACHABLE) && r.effectivePriority() == L3MDEV_UNREACHABLE_PRIORITY) {
                    rt.deleteRule(FibRule.l3mdevUnreachable(family, L3MDEV_UNREACHABLE_PRIORITY));
                    changes.add(family.ipName() + ": deleted rule pref " + L3MDEV_UNREACHABLE_PRIORITY
                            + " l3mdev unreachable");
                }
            }
        }
        return changes;
    }

    private List<IpFamily> families() {
        List<IpFamily> families = new ArrayList<>(List.of(IpFamily.INET));
        try {
            rt.rules(IpFamily.INET6);
            families.add(IpFamily.INET6);
        } catch (NetlinkKernelException e) {
            if (e.errno() != Errno.EAFNOSUPPORT) {
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, "IPv6 is not available; isolating IPv4 only");
        }
        return families;
    }

    private static boolean isLocalLookup(FibRule r, long priority) {
        return r.effectivePriority() == priority && r.table() == RtnetlinkUapi.RT_TABLE_LOCAL && r.action() == RuleAction.TO_TBL
                && plain(r);
    }

    private static boolean isL3mdev(FibRule r, RuleAction action) {
        return r.l3mdev() && r.action() == action && plain(r);
    }

    private static boolean plain(FibRule r) {
        return r.from() == null && r.to() == null && r.iif() == null && r.oif() == null && r.fwmark() <= 0
                && r.uidRange() == null && r.ipProto() == 0 && r.sport() == null && r.dport() == null
                && (r.flags() & FibRuleUapi.FIB_RULE_INVERT) == 0;
    }

    private static boolean sameRoute(Route listed, Route wanted) {
        return listed.destination().equals(wanted.destination()) && listed.type() == wanted.type()
                && listed.tos() == wanted.tos()
                && (wanted.gateway() == null || wanted.gateway().equals(listed.gateway()))
                && (wanted.oif() == 0 || wanted.oif() == listed.oif())
                && (wanted.metric() < 0 || wanted.metric() == listed.metric());
    }
}
