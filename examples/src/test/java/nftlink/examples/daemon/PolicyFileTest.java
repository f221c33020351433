package nftlink.examples.daemon;

import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.CgroupSelector;
import nftlink.nftables.Family;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading scnpm-format policy entries, and the errors that point at file:line:column. */
class PolicyFileTest {

    private static final Path FILE = Path.of("policy.conf");
    private static final String STATIC = """
            table inet filter {
            	chain out { type filter hook output priority 0; }
            }
            """;

    private static PolicyFile parse(String text) {
        return PolicyFile.parse(text, FILE, NftParser.standard());
    }

    private static String error(String text) {
        try {
            parse(text);
        } catch (NftParseException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + text);
    }

    @Test
    void readsRuleEntriesWithContinuationsAndSetEntriesWithPatterns() {
        PolicyFile p = parse(STATIC + """
                # ordinary comment :: not an entry because of the space
                # app-mail.scope :: add rule inet filter vpn.whitelist socket cgroupv2 level 5 \\
                #   "user.slice/user-1000.slice/user@1000.service/app.slice/app-mail.scope" \\
                #   ip daddr 10.0.0.5 tcp dport { 25, 143 } accept
                # app-web@*.scope :: add element inet filter web { "user.slice/user-*.slice/user@*.service/app.slice/app-web@*.scope" }
                # postfix.service :: insert rule ip filter out socket cgroupv2 level 2 "system.slice/postfix.service" tcp dport 25 accept
                """);
        assertThat(p.entries()).hasSize(3);
        PolicyFile.RuleEntry mail = (PolicyFile.RuleEntry) p.entries().get(0);
        assertThat(mail.name()).isEqualTo("app-mail.scope");
        assertThat(mail.family()).isEqualTo(Family.INET);
        assertThat(mail.table()).isEqualTo("filter");
        assertThat(mail.chain()).isEqualTo("vpn.whitelist");
        assertThat(mail.location().line()).isEqualTo(5);
        assertThat(mail.selector()).isEqualTo(new CgroupSelector.Exact(
                CgroupPath.of("user.slice/user-1000.slice/user@1000.service/app.slice/app-mail.scope")));
        PolicyFile.SetEntry web = (PolicyFile.SetEntry) p.entries().get(1);
        assertThat(web.set()).isEqualTo("web");
        assertThat(web.name()).isEqualTo("app-web__.scope");
        assertThat(web.selector().matches(CgroupPath.of("user.slice/user-1000.slice/user@1000.service/app.slice/app-web@3.scope"))).isTrue();
        assertThat(web.selector().matches(CgroupPath.of("user.slice/user-1000.slice/user@1000.service/app.slice/app-mail.scope"))).isFalse();
        assertThat(p.entries().get(2)).isInstanceOf(PolicyFile.RuleEntry.class);
        assertThat(((PolicyFile.RuleEntry) p.entries().get(2)).family()).isEqualTo(Family.IP);
    }

    @Test
    void readsHostSetsForAddressesThatFollowDns() {
        PolicyFile p = parse("# @mail_hosts :: mail.example.org, smtp.example.org\n#@web ::  a.example.org\n");
        assertThat(p.entries()).isEmpty();
        assertThat(p.hostSets()).extracting(PolicyFile.HostSet::set, PolicyFile.HostSet::hosts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mail_hosts", java.util.List.of("mail.example.org", "smtp.example.org")),
                org.assertj.core.groups.Tuple.tuple("web", java.util.List.of("a.example.org")));
        assertThat(error("# @web :: \n")).startsWith("policy.conf:1:3-6: Error: @web needs host names after '::'");
    }

    @Test
    void aChangedEntryHasAnotherFingerprintAndRepeatedUnitsGetUniqueNames() {
        String a = "# x.scope :: add rule inet filter out socket cgroupv2 level 1 \"x.scope\" tcp dport 25 accept\n";
        String b = "# x.scope :: add rule inet filter out socket cgroupv2 level 1 \"x.scope\" tcp dport 26 accept\n";
        assertThat(parse(a).entries().getFirst().fingerprint()).isNotEqualTo(parse(b).entries().getFirst().fingerprint());
        assertThat(parse(a + b).entries()).extracting(PolicyFile.Entry::name).containsExactly("x.scope", "x.scope:2");
    }

    @Test
    void aSyntaxErrorInARulePointsAtFileLineAndColumn() {
        String message = error(STATIC + "# x.scope :: add rule inet filter out socket cgroupv2 level 1 \"x.scope\" tcp dport 22 acept\n");
        assertThat(message).startsWith("policy.conf:4:86-90: Error: ");
        assertThat(message).contains("acept");
        assertThat(message.lines().toList()).hasSize(3);
        assertThat(message.lines().toList().get(1)).startsWith("# x.scope :: add rule");
        assertThat(message.lines().toList().get(2)).isEqualTo(" ".repeat(85) + "^^^^^");
    }

    @Test
    void anErrorOnAContinuationLineNamesThatLine() {
        String message = error("# x.scope :: add rule inet filter out socket cgroupv2 level 1 \"x.scope\" \\\n"
                + "#     tcp dport 22 acept\n");
        assertThat(message).startsWith("policy.conf:2:20-24: Error: ");
    }

    @Test
    void theOtherMistakesEachGiveOneLocatedMessage() {
        assertThat(error("# x.scope :: add rule inet filter out tcp dport 22 accept\n"))
                .startsWith("policy.conf:1:14-16: Error: a policy rule needs 'socket cgroupv2 level N \"PATH\"'");
        assertThat(error("# x.scope :: add rule inet filter out socket cgroupv2 level 1 \"y.scope\" accept\n"))
                .startsWith("policy.conf:1:63-71: Error: the path must end in the unit name 'x.scope'");
        assertThat(error("# x.scope :: add rule inet filter out socket cgroupv2 level 3 \"a/x.scope\" accept\n"))
                .startsWith("policy.conf:1:61-61: Error: level 3 does not match the path, which is 2 levels deep");
        assertThat(error("# x.scope :: list ruleset\n"))
                .startsWith("policy.conf:1:14-17: Error: expected 'add rule FAMILY TABLE CHAIN");
        assertThat(error("# x.scope :: add element inet filter s { \"a/[x.scope\" }\n"))
                .startsWith("policy.conf:1:42-53: Error: the path must end in the unit name");
    }

    /** scnpm's short form '# UNIT :: FAMILY TABLE CHAIN ...' is 'add rule', with positions in errors still the file's. */
    @Test
    void readsScnpmsShortForm() {
        PolicyFile p = parse(STATIC + """
                # postfix.service :: inet filter out socket cgroupv2 level 2 "system.slice/postfix.service" \
                #   tcp dport 25 accept
                """);
        PolicyFile.RuleEntry r = (PolicyFile.RuleEntry) p.entries().getFirst();
        assertThat(r.chain()).isEqualTo("out");
        assertThat(r.path()).isEqualTo("system.slice/postfix.service");
        assertThat(error(STATIC + "# postfix.service :: inet filter out socket cgroupv2 level 2 \"system.slice/postfix.service\" tcp dport 25 acept\n"))
                .startsWith("policy.conf:4:");
        assertThat(error(STATIC + "# sshd.service :: inet filter out socket cgroupv2 level 2 \"user.slice/session-1.scope\" accept\n"))
                .contains("the path must end in the unit name 'sshd.service'").contains("write '# session-1.scope :: ...'");
    }
}
