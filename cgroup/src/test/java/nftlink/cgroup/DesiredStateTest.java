package nftlink.cgroup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DesiredStateTest {

    static final String USER_APP = "user.slice/user-1000.slice/user@1000.service/app.slice/";

    static final Policy POLICY = Policy.of(
            new PolicyEntry("postfix", CgroupSelector.Unit.of(UnitManager.systemManager(), "postfix.service")),
            new PolicyEntry("mail", CgroupSelector.Glob.of(CgroupGlobTest.MAIL)),
            new PolicyEntry("sshd", new CgroupSelector.Exact(CgroupPath.of("system.slice/ssh.service"))));

    private static Cgroup cg(String path, long id) {
        return new Cgroup(CgroupPath.of(path), id);
    }

    @Test
    void selectors() {
        CgroupSelector postfix = CgroupSelector.Unit.of(UnitManager.systemManager(), "postfix.service");
        assertTrue(postfix.matches(CgroupPath.of("system.slice/postfix.service")));
        assertTrue(postfix.matches(CgroupPath.of("postfix.service")));
        assertTrue(postfix.matches(CgroupPath.of("mail.slice/mail-mta.slice/postfix.service")));
        assertFalse(postfix.matches(CgroupPath.of("system.slice/other.service/postfix.service")), "a unit lives in a slice");
        assertFalse(postfix.matches(CgroupPath.of("system.slice/postfix.service/sub")));
        CgroupSelector userMail = CgroupSelector.Unit.of(UnitManager.userManager(1000), "mail.service");
        assertTrue(userMail.matches(CgroupPath.of(USER_APP + "mail.service")));
        assertFalse(userMail.matches(CgroupPath.of("user.slice/user-1001.slice/user@1001.service/app.slice/mail.service")));
        assertFalse(userMail.matches(UnitManager.userManager(1000).root()));
        assertThrows(IllegalArgumentException.class, () -> new PolicyEntry("bad name", postfix));
        assertThrows(IllegalArgumentException.class, () -> Policy.of(new PolicyEntry("a", postfix), new PolicyEntry("a", postfix)));
        assertThrows(IllegalArgumentException.class, () -> new CgroupSelector.Unit("multi-user.target", CgroupPath.ROOT));
    }

    @Test
    void aCgroupThatAppearsGetsABindingAndLosesItWhenItVanishes() {
        DesiredState state = new DesiredState(POLICY);
        Cgroup mail = cg(USER_APP + "app-mail@1.scope", 100);
        state.onEvent(new CgroupEvent.Appeared(mail));
        state.onEvent(new CgroupEvent.Appeared(cg(USER_APP + "app-web.scope", 101)));
        BindingDiff first = state.pending();
        assertEquals(new BindingDiff(List.of(), List.of(new Binding("mail", mail))), first);
        state.markCommitted(first);
        assertTrue(state.pending().isEmpty());

        state.onEvent(new CgroupEvent.Vanished(mail));
        assertEquals(new BindingDiff(List.of(new Binding("mail", mail)), List.of()), state.pending());
        Cgroup again = cg(mail.path().toString(), 200);
        state.onEvent(new CgroupEvent.Appeared(again));
        assertEquals(new BindingDiff(List.of(new Binding("mail", mail)), List.of(new Binding("mail", again))), state.pending(),
                "a re-created cgroup gets a binding for its new ID");
    }

    @Test
    void aBurstCoalesces() {
        DesiredState state = new DesiredState(POLICY);
        Cgroup postfix = cg("system.slice/postfix.service", 7);
        state.appeared(postfix);
        state.vanished(postfix);
        state.appeared(postfix);
        state.appeared(postfix);
        assertEquals(new BindingDiff(List.of(), List.of(new Binding("postfix", postfix))), state.pending());
        state.vanished(cg("system.slice/postfix.service", 8));
        assertEquals(1, state.pending().added().size(), "a stale vanish for another ID changes nothing");
        state.vanished(postfix);
        assertTrue(state.pending().isEmpty(), "came and went before a commit: nothing to do");
    }

    @Test
    void policyChangesAndKernelDriftShowInTheDiff() {
        DesiredState state = new DesiredState(POLICY);
        Cgroup ssh = cg("system.slice/ssh.service", 9);
        Cgroup postfix = cg("system.slice/postfix.service", 10);
        state.replaceLive(List.of(ssh, postfix, cg("system.slice", 2)));
        state.markCommitted(state.pending());
        assertEquals(List.of(new Binding("postfix", postfix), new Binding("sshd", ssh)), state.committed());

        state.setPolicy(Policy.of(POLICY.entries().get(0)));
        assertEquals(new BindingDiff(List.of(new Binding("sshd", ssh)), List.of()), state.pending());
        state.markCommitted(state.pending());

        state.replaceCommitted(List.of());
        assertEquals(new BindingDiff(List.of(), List.of(new Binding("postfix", postfix))), state.pending(),
                "someone flushed the table: the rule goes back");
        Binding stray = new Binding("old-entry", cg("gone.scope", 3));
        state.replaceCommitted(List.of(stray, new Binding("postfix", postfix)));
        assertEquals(new BindingDiff(List.of(stray), List.of()), state.pending(), "adopted leftovers that are not wanted go");
    }

    @Test
    void diffOrdersChildrenBeforeParentsForRemovalsAndParentsFirstForAdditions() {
        DesiredState state = new DesiredState(Policy.of(new PolicyEntry("all", CgroupSelector.Glob.of("**"))));
        state.replaceLive(List.of(cg("a/b", 2), cg("a", 1), cg("", 0)));
        BindingDiff d = state.pending();
        assertEquals(List.of("", "a", "a/b"), d.added().stream().map(b -> b.cgroup().path().toString()).toList());
        state.markCommitted(d);
        state.replaceLive(List.of());
        assertEquals(List.of("a/b", "a", ""), state.pending().removed().stream().map(b -> b.cgroup().path().toString()).toList());
    }

    /** One step of a random history. */
    record Step(int kind, int cgroup, long id) {
    }

    @Property
    void convergesToPolicyTimesLiveCgroups(@ForAll("histories") List<Step> history) {
        List<String> paths = List.of("system.slice/postfix.service", "system.slice/ssh.service", USER_APP + "app-mail.scope",
                USER_APP + "app-mail@9.scope", USER_APP + "app-web.scope", "other.slice/postfix.service");
        DesiredState state = new DesiredState(POLICY);
        Map<CgroupPath, Cgroup> live = new HashMap<>();
        Set<Binding> kernel = new HashSet<>();
        for (Step s : history) {
            Cgroup c = cg(paths.get(s.cgroup()), s.id());
            switch (s.kind()) {
                case 0 -> {
                    live.put(c.path(), c);
                    state.appeared(c);
                }
                case 1 -> {
                    Cgroup known = live.get(c.path());
                    if (known != null) {
                        live.remove(c.path());
                        state.vanished(known);
                    }
                }
                case 2 -> {
                    BindingDiff d = state.pending();
                    assertTrue(kernel.containsAll(d.removed()), "only existing bindings are removed");
                    d.added().forEach(b -> assertFalse(kernel.contains(b), "no duplicate " + b));
                    d.removed().forEach(kernel::remove);
                    kernel.addAll(d.added());
                    state.markCommitted(d);
                }
                case 3 -> {
                    kernel.clear();
                    state.replaceCommitted(List.of());
                }
                default -> state.replaceLive(new ArrayList<>(live.values()));
            }
        }
        BindingDiff last = state.pending();
        last.removed().forEach(kernel::remove);
        kernel.addAll(last.added());
        state.markCommitted(last);
        Set<Binding> expected = new HashSet<>();
        for (Cgroup c : live.values()) {
            for (PolicyEntry e : POLICY.entries()) {
                if (e.selector().matches(c.path())) {
                    expected.add(new Binding(e.name(), c));
                }
            }
        }
        assertEquals(expected, kernel);
        assertEquals(expected, new HashSet<>(state.committed()));
        assertTrue(state.pending().isEmpty());
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 5),
                Arbitraries.longs().between(1, 6)).as(Step::new).list().ofMaxSize(40);
    }
}
