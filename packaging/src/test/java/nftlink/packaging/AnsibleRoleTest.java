package nftlink.packaging;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packaging/ansible's nftlinkd role run for real by ansible-playbook on this
 * machine (connection local): the policy file and the reload command point into a
 * temporary directory, the check is the installed nftlinkd's dry run against a
 * throwaway network namespace.
 */
@KernelTest
class AnsibleRoleTest {

    @TempDir
    static Path root;

    @BeforeAll
    static void install() throws IOException {
        if (!Packages.installed("ansible-playbook") && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the Ansible role: ansible-playbook is missing (run-tests installs ansible-core)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Packages.installed("ansible-playbook"),
                "ansible-playbook is not installed (run-tests installs ansible-core)");
        DebPackageTest.installInto(root);
    }

    @Test
    void aValidPolicyIsWrittenAndReloadedOnceAndARerunChangesNothing(TestNamespace ns, @TempDir Path dir)
            throws IOException, InterruptedException {
        String entry = "add rule inet filter output socket cgroupv2 level 2 \\\"system.slice/postfix.service\\\" tcp dport 25 accept";
        TestNamespace.Result first = play(dir, ns, entry);
        assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
        assertThat(Files.readString(dir.resolve("nftables.conf")))
                .contains("flush ruleset", "# postfix.service :: add rule inet filter output socket cgroupv2 level 2 \"system.slice/postfix.service\" tcp dport 25 accept");
        assertThat(Files.readAllLines(dir.resolve("reloads"))).hasSize(1);

        TestNamespace.Result again = play(dir, ns, entry);
        assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
        assertThat(again.stdout()).contains("changed=0");
        assertThat(Files.readAllLines(dir.resolve("reloads"))).hasSize(1);
        assertThat(ns.exec(Packages.referenceNft(), "list", "ruleset").orThrow()).as("the check changes nothing").isEmpty();
    }

    @Test
    void aPolicyTheDryRunRefusesLeavesTheOldFileAndNoReload(TestNamespace ns, @TempDir Path dir)
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve("nftables.conf"), "# the policy in force\n");
        TestNamespace.Result r = play(dir, ns, "add rule inet filter output tcp dport 25 accept");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("socket cgroupv2");
        assertThat(dir.resolve("nftables.conf")).hasContent("# the policy in force");
        assertThat(dir.resolve("reloads")).doesNotExist();
    }

    /** Runs the role once with one postfix.service policy entry whose command is COMMAND. */
    private static TestNamespace.Result play(Path dir, TestNamespace ns, String command) throws IOException, InterruptedException {
        Path playbook = dir.resolve("play.yml");
        Files.writeString(playbook, """
                - hosts: localhost
                  connection: local
                  gather_facts: false
                  roles:
                    - role: nftlinkd
                      vars:
                        nftlinkd_policy_path: "%s"
                        nftlinkd_binary: "%s"
                        nftlinkd_check_options: "--load --netns %s"
                        nftlinkd_reload_command: "sh -c 'echo reload >> %s'"
                        nftlinkd_policy:
                          - unit: postfix.service
                            command: "%s"
                """.formatted(dir.resolve("nftables.conf"), root.resolve("usr/sbin/nftlinkd"), ns.name(),
                dir.resolve("reloads"), command));
        Path temp = Files.createDirectories(dir.resolve("ansible-tmp"));
        Map<String, String> env = Map.of(
                "ANSIBLE_ROLES_PATH", Packages.module().resolve("ansible/roles").toString(),
                "ANSIBLE_LOCAL_TEMP", temp.toString(), "ANSIBLE_REMOTE_TEMP", temp.toString(),
                "ANSIBLE_HOME", temp.toString(), "ANSIBLE_NOCOLOR", "1", "ANSIBLE_RETRY_FILES_ENABLED", "0");
        return Packages.run(dir, env, 5, "ansible-playbook", "-i", "localhost,", playbook.toString());
    }
}
