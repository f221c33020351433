package nftlink.examples.daemon;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.Bytes;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MIGRATING.md's blocks, run: scnpm's README examples as converted there, in two
 * policies (a file and a directory), with scnpm's {@code --flush}, a set that
 * follows DNS from a loopback name server, in a throwaway namespace whose cgroup
 * paths live below a throwaway subtree.
 */
@KernelTest
class MigratingKernelTest {

    @TempDir
    Path dir;
    private DaemonFixture f;

    @BeforeEach
    void setUp() {
        f = new DaemonFixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static Path migrating() {
        for (Path p : List.of(Path.of("MIGRATING.md"), Path.of("..", "MIGRATING.md"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new AssertionError("MIGRATING.md not found from " + Path.of("").toAbsolutePath());
    }

    /** The blocks marked {@code <!-- file: NAME -->}, by name. */
    static Map<String, String> blocks() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<!-- file: (\\S+) -->\\n```nft\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(migrating()));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** The block with its cgroup paths below the test's subtree (one level deeper). */
    private String placed(String block) {
        Matcher m = Pattern.compile("level (\\d+)").matcher(block.replace("\"system.slice/", "\"" + f.root + "/system.slice/")
                .replace("\"user.slice/", "\"" + f.root + "/user.slice/"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "level " + (Integer.parseInt(m.group(1)) + 1));
        }
        return m.appendTail(out).toString();
    }

    private static List<Rule> rules(Nftables nft, String chain) {
        return nft.listRules(Family.INET, "filter", chain);
    }

    @Test
    void scnpmsReadmeExamplesAsConvertedRunWithFlushFromAFileAndADirectory(TestNamespace ns) throws Exception {
        Map<String, String> blocks = blocks();
        assertThat(blocks).containsKeys("scnpm-readme.conf", "nftables.conf", "nftlinkd.d/myapp.conf");
        ns.exec("ip", "link", "set", "lo", "up").orThrow();
        Path conf = Files.writeString(dir.resolve("nftables.conf"), placed(blocks.get("nftables.conf")));
        Path d = Files.createDirectories(dir.resolve("nftlinkd.d"));
        Files.writeString(d.resolve("myapp.conf"), placed(blocks.get("nftlinkd.d/myapp.conf")));
        Files.writeString(d.resolve("ignored.txt"), "# x.scope :: inet filter nowhere accept\n");
        String app = "user.slice/user-1000.slice/user@1000.service/app.slice/";
        f.mkdir("system.slice");
        f.mkdir("system.slice/postfix.service");
        String path = "";
        for (String part : app.split("/")) {
            path += part + "/";
            f.mkdir(path);
        }
        f.mkdir(app + "app-mail.scope");
        f.mkdir(app + "myapp.service");

        ns.nftScript(Files.readString(conf)).orThrow();
        ns.nft("add", "rule", "inet", "filter", "vpn.whitelist", "tcp", "dport", "25", "accept").orThrow();
        List<String> log = new CopyOnWriteArrayList<>();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n);
             HostileDns dns = new HostileDns(n, "127.0.0.1", HostileDns.Mode.HONEST)) {
            Daemon.Config config = new Daemon.Config(List.of(conf, d), false, null, f.root, false, n, dns.address(), null, null,
                    false, true, false);
            try (Daemon daemon = Daemon.open(config, log::add)) {
                daemon.start();
                assertThat(log).contains("flushed chain(s) inet filter vpn.whitelist, inet filter output (--flush)");
                assertThat(rules(nft, "vpn.whitelist")).as("scnpm's leftover flushed, the two entries added")
                        .hasSize(2).allMatch(r -> r.comment() != null && r.comment().startsWith("nftlinkd "));
                assertThat(rules(nft, "output")).filteredOn(r -> r.comment() != null)
                        .singleElement().extracting(Rule::comment).asString()
                        .startsWith("nftlinkd myapp.service " + f.id(app + "myapp.service") + " ");
                DaemonFixture.await("the intranet mail host's address in its set", () -> nft.listElements(Family.INET, "filter",
                        "mail_intranet").stream().anyMatch(e -> e.key().equals(Bytes.of(HostileDns.ADDRESS))));
                StatusReport report = daemon.status();
                assertThat(report.inSync()).as(report.text()).isTrue();
            }
        }

        Path original = Files.writeString(dir.resolve("scnpm-readme.conf"), placed(blocks.get("scnpm-readme.conf")));
        try (NetworkNamespace n = ns.open();
             Daemon daemon = Daemon.open(Daemon.Config.of(original).in(n).watching(f.root), log::add)) {
            assertThatThrownBy(daemon::start).isInstanceOf(Daemon.PolicyException.class)
                    .hasMessageContaining("Error: hostnames are not resolved")
                    .hasMessageContaining("with --resolve-hostnames (as nft and scnpm do), or keep a set current with "
                            + "'# @SET :: HOST, ...' and match 'ip daddr @SET' (see MIGRATING.md)");
        }
    }

    /**
     * scnpm's line with a host name, kept as it is, under {@code --resolve-hostnames}:
     * the name is resolved when the rule is added. {@code localhost} stands in for
     * mail.intranet.local, which CI cannot resolve.
     */
    @Test
    void theHostNameLineAsScnpmHasItWorksWithResolveHostnames(TestNamespace ns) throws Exception {
        String block = placed(blocks().get("scnpm-readme.conf")).replace("mail.intranet.local", "localhost");
        Path file = Files.writeString(dir.resolve("scnpm.conf"), "flush ruleset\ntable inet filter {\n\tchain vpn.whitelist {\n\t}\n"
                + "\tchain output {\n\t\ttype filter hook output priority 0;\n\t}\n}\n" + block);
        String app = "user.slice/user-1000.slice/user@1000.service/app.slice/";
        String path = "";
        for (String part : app.split("/")) {
            path += part + "/";
            f.mkdir(path);
        }
        f.mkdir(app + "app-mail.scope");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n);
             Daemon daemon = Daemon.open(new Daemon.Config(List.of(file), true, null, f.root, false, n, null, null, null,
                     false, false, true), line -> { })) {
            daemon.start();
            assertThat(DaemonFixture.ruleset(ns)).contains("ip daddr 127.0.0.1 tcp dport { 25, 143 } accept comment \"nftlinkd app-mail.scope ");
        }
    }
}
