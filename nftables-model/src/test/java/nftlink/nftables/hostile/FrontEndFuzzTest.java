package nftlink.nftables.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.nftables.json.JsonException;
import nftlink.nftables.json.JsonParser;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nft text and JSON front ends on hostile input: mutations of valid rule sets (nftables' shell-test
 * dumps when they are beside the repository, a few built-in files otherwise), deep nesting, huge tokens,
 * hostile includes and defines. Each input either parses or fails with the front end's own exception:
 * for text a located error of nft's three-line shape ({@code FILE:LINE:COL-COL: Error: ...}, the line,
 * the caret) without Java exception text; for JSON a {@link JsonException} naming its path. No input may
 * run longer than a generous bound (a hang, not a speed check).
 */
class FrontEndFuzzTest {

    private static final NftParser TEXT = new NftParser(CgroupPathResolver.none(), name -> 1, SetLookup.NONE);
    private static final JsonParser JSON = new JsonParser(CgroupPathResolver.none(), SetLookup.NONE, name -> 1);
    private static final Pattern LOCATED = Pattern.compile("^fuzz\\.nft:\\d+:\\d+-\\d+: Error: .+");
    private static final Pattern JAVA_TEXT = Pattern.compile(
            "For input string|java\\.|Exception|Index \\d+ out of bounds|Cannot invoke|NumberFormat");
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        // a small stack, as a daemon's worker thread may have: nesting must be bounded, not lucky
        Thread t = new Thread(null, r, "fuzz", 512 * 1024);
        t.setDaemon(true);
        return t;
    });

    private static final List<String> BUILT_IN = List.of("""
            table inet filter {
            	set allowed { type ipv4_addr . inet_service; flags interval; elements = { 10.0.0.0/8 . 22-25 } }
            	chain input {
            		type filter hook input priority filter; policy drop;
            		ct state established,related accept
            		iifname "lo" accept
            		ip saddr . tcp dport @allowed counter accept
            		tcp dport { 80, 443 } log prefix "web " limit rate 10/second accept
            		meta mark set ct mark & 0xff | 0x100
            		reject with icmpx admin-prohibited
            	}
            }
            """, """
            define ports = { 22, 80 }
            table ip nat {
            	map m { type ipv4_addr : ipv4_addr; elements = { 10.0.0.1 : 192.168.0.1 } }
            	chain pre { type nat hook prerouting priority dstnat; dnat to ip saddr map @m; tcp dport $ports redirect to :8080 }
            }
            """);

    private static List<String> texts() {
        List<String> out = new ArrayList<>(BUILT_IN);
        out.addAll(corpus(".nft"));
        return out;
    }

    private static List<String> corpus(String suffix) {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path dumps = dir.resolve("../shared/conformance/nftables-tests-shell-dumps").normalize();
            if (Files.isDirectory(dumps)) {
                try (Stream<Path> files = Files.walk(dumps)) {
                    return files.filter(p -> p.toString().endsWith(suffix)).sorted().map(FrontEndFuzzTest::read).toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return List.of();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One edit of a text: delete, duplicate, insert or replace a span, truncate, or nest. */
    private record Mutation(int kind, double at, double length, String insert) {
        String apply(String text) {
            int n = text.length();
            int from = (int) (at * n);
            int to = Math.min(n, from + (int) (length * Math.min(n, 200)));
            return switch (kind) {
                case 0 -> text.substring(0, from) + text.substring(to);
                case 1 -> text.substring(0, to) + text.substring(from, to) + text.substring(to);
                case 2 -> text.substring(0, from) + insert + text.substring(from);
                case 3 -> text.substring(0, from) + insert + text.substring(to);
                case 4 -> text.substring(0, from);
                default -> text.substring(0, from) + insert.repeat(2_000) + text.substring(from);
            };
        }
    }

    private static final List<String> PIECES = List.of("{", "}", "(", ")", "$x", "@s", "\"", ":", ".", ",", ";", "\n", "-",
            "/", "*", "&", "|", "^", "<<", "!=", "0x", "18446744073709551616", "99999999999999999999", "::", "[", "]",
            "table", "chain", "set", "map", "element", "flush ruleset", "include \"/dev/zero\"", "include \"/\"",
            "define x = { $x }", "define x = $x", "ip", "ip6", "inet", "tcp dport", "meta mark", "ct state", "jump",
            "typeof", "counter", "limit rate", "dnat to", "vmap", "\\\n", "# c\n", "\u00e9", "\ud800", "\u0000",
            "x".repeat(10_000), "{\"", "\"nftables\"", "null", "true", "[]", "{}", "-1", "1e999");

    @Provide
    Arbitrary<String> mutatedText() {
        return mutated(texts());
    }

    @Provide
    Arbitrary<String> mutatedJson() {
        List<String> docs = corpus(".json-nft");
        return mutated(docs.isEmpty() ? List.of("{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ip\", \"name\": \"t\"}}}]}") : docs);
    }

    private static Arbitrary<String> mutated(List<String> seeds) {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1), Arbitraries.of(PIECES)).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(seeds), mutation.list().ofMinSize(1).ofMaxSize(4)).as((text, edits) -> {
            String t = text;
            for (Mutation m : edits) {
                t = m.apply(t);
            }
            return t;
        });
    }

    private static <T> T bounded(java.util.concurrent.Callable<T> work, String input) throws Exception {
        Future<T> f = RUNNER.submit(work);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("the front end ran for 30 s on " + input.length() + " characters: "
                    + input.substring(0, Math.min(300, input.length())));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw new AssertionError("the front end failed with " + e.getCause() + " on: "
                    + input.substring(0, Math.min(300, input.length())), e.getCause());
        }
    }

    /** Inputs the property found in CI runs: a dynamic set's timeout at the end of a line. */
    @Example
    void textFoundBeforeFailsWithALocatedError() throws Exception {
        textParsesOrFailsWithALocatedError("table bridge t {\n\tset s {\n\t\ttype ether_addr . inet_service\n\t}\n"
                + "\tchain c {\n\t\tether type != 8021q add @s { ether saddr . 0 timeout \n\t\t}\n\t}\n}\n");
    }

    @Property(tries = 3_000)
    void textParsesOrFailsWithALocatedError(@ForAll("mutatedText") String text) throws Exception {
        try {
            bounded(() -> TEXT.parse(text, "fuzz.nft"), text);
        } catch (NftParseException e) {
            String message = e.getMessage();
            assertThat(message).as("error for: %s", text.substring(0, Math.min(300, text.length()))).matches(LOCATED.pattern()
                    + "(?s).*");
            assertThat(message.lines().count()).as(message).isLessThanOrEqualTo(3);
            assertThat(message.length()).as(message).isLessThan(1_500);
            assertThat(e.problem()).as(message).doesNotContainPattern(JAVA_TEXT);
        }
    }

    @Property(tries = 2_000)
    void jsonParsesOrFailsWithItsPath(@ForAll("mutatedJson") String text) throws Exception {
        try {
            bounded(() -> JSON.parse(text), text);
        } catch (JsonException e) {
            assertThat(e.getMessage()).as("JSON error").isNotBlank();
            assertThat(e.getMessage().length()).as(e.getMessage()).isLessThan(1_500);
            assertThat(e.getMessage()).as(e.getMessage()).doesNotContainPattern(JAVA_TEXT);
        }
    }
}
