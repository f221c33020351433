package nftlink.cgroup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JournalUnitSourceTest {

    @TempDir
    Path dir;

    private FakeHierarchy host() {
        FakeHierarchy h = new FakeHierarchy(dir.resolve("cg"));
        h.mkdirs("init.scope");
        h.mkdirs("system.slice/postfix.service");
        h.mkdirs("system.slice/system-getty.slice");
        h.mkdirs("user.slice/user-1000.slice/user@1000.service/init.scope");
        h.mkdirs("user.slice/user-1000.slice/user@1000.service/app.slice/app-mail@a1b2.scope");
        h.mkdirs("user.slice/user-1000.slice/user@1000.service/app.slice/app-forged.scope");
        return h;
    }

    private Path fixtureFile() throws IOException {
        Path f = dir.resolve("journal.jsonl");
        Files.write(f, UnitEventsTest.fixture());
        return f;
    }

    @Test
    void reportsUnitCgroupsAndRestartsTheCommandWhenItEnds() throws IOException {
        FakeHierarchy host = host();
        CgroupResolver resolver = new CgroupResolver(host.hierarchy());
        Cgroup postfix = resolver.resolve("system.slice/postfix.service");
        Cgroup mail = resolver.resolve("user.slice/user-1000.slice/user@1000.service/app.slice/app-mail@a1b2.scope");
        Cgroup getty = resolver.resolve("system.slice/system-getty.slice");
        EventRecorder events = new EventRecorder();
        try (JournalUnitSource source = new JournalUnitSource(resolver, List.of("cat", fixtureFile().toString()),
                Duration.ofMillis(20), Duration.ofMillis(200))) {
            source.start(events);
            List<CgroupEvent> expected = List.of(new CgroupEvent.Appeared(postfix), new CgroupEvent.Appeared(mail),
                    new CgroupEvent.Appeared(getty), new CgroupEvent.Vanished(postfix), new CgroupEvent.Vanished(mail));
            for (CgroupEvent e : expected) {
                assertEquals(e, events.await(e.toString(), x -> true));
            }
            CgroupEvent.ResyncNeeded resync = events.awaitResync();
            assertEquals("journal", resync.source());
            assertTrue(resync.reason().contains("restarted"), resync.reason());
            for (CgroupEvent e : expected) {
                assertEquals(e, events.await(e.toString() + " after the restart", x -> true));
            }
        }
    }

    @Test
    void survivesACommandThatFailsUntilTheJournalIsReadable() throws IOException {
        FakeHierarchy host = host();
        CgroupResolver resolver = new CgroupResolver(host.hierarchy());
        Path script = dir.resolve("journal.sh");
        Path marker = dir.resolve("ready");
        Files.writeString(script, "#!/bin/sh\n[ -e " + marker + " ] || exit 3\nexec cat " + fixtureFile() + "\n");
        assertTrue(script.toFile().setExecutable(true));
        EventRecorder events = new EventRecorder();
        try (JournalUnitSource source = new JournalUnitSource(resolver, List.of(script.toString()),
                Duration.ofMillis(20), Duration.ofMillis(100))) {
            source.start(events);
            events.awaitResync();
            Files.writeString(marker, "");
            events.await("Appeared postfix once the journal is readable",
                    e -> e instanceof CgroupEvent.Appeared a && a.cgroup().path().name().equals("postfix.service"));
        }
    }

    @Test
    void aRequestedResyncRestartsTheCommandAtOnce() throws IOException {
        FakeHierarchy host = host();
        CgroupResolver resolver = new CgroupResolver(host.hierarchy());
        Cgroup postfix = resolver.resolve("system.slice/postfix.service");
        EventRecorder events = new EventRecorder();
        List<String> follow = List.of("sh", "-c", "cat " + fixtureFile() + "; exec sleep 600");
        try (JournalUnitSource source = new JournalUnitSource(resolver, follow, Duration.ofMinutes(5), Duration.ofMinutes(5))) {
            source.start(events);
            assertEquals(postfix, events.awaitVanished(postfix.path()));
            source.requestResync("operator reload");
            assertEquals("operator reload", events.awaitResync().reason(), "no five-minute pause: restarted at once");
            assertEquals(postfix, events.awaitAppeared(postfix.path()));
        }
    }

    @Test
    void closeEndsAFollowingCommand() throws Exception {
        FakeHierarchy host = host();
        CgroupResolver resolver = new CgroupResolver(host.hierarchy());
        JournalUnitSource source = new JournalUnitSource(resolver, List.of("sleep", "600"),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        source.start(new EventRecorder());
        ProcessHandle sleeper = null;
        for (int i = 0; i < 100 && sleeper == null; i++) {
            sleeper = ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("sleep"))
                    .findFirst().orElse(null);
            if (sleeper == null) {
                Thread.sleep(50);
            }
        }
        assertTrue(sleeper != null, "the command was started");
        source.close();
        sleeper.onExit().get(10, TimeUnit.SECONDS);
        assertTrue(!sleeper.isAlive());
    }

    @Test
    void theDefaultCommandsArgumentsAreAcceptedByJournalctl() throws Exception {
        assumeTrue(onPath("journalctl"), "journalctl is not installed");
        List<String> once = JournalUnitSource.defaultCommand().stream().filter(a -> !a.equals("--follow")).toList();
        Process p = new ProcessBuilder(once).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals("", output, "--lines=0 prints no old entries");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
