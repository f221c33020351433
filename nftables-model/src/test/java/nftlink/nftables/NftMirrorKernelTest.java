package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NftMirror} follows random transactions (rules appended, inserted at the head and at handles,
 * replaced and deleted; chains, elements, objects and tables added and deleted) and after each one
 * equals a fresh listing, without listing again itself.
 */
@KernelTest
class NftMirrorKernelTest {

    private static final long SEED = Long.getLong("nftlink.seed", 20261207L);

    @Test
    @Timeout(120)
    void followsRandomTransactionsWithoutListingAgain(TestNamespace ns) throws InterruptedException {
        Random random = new Random(SEED);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            nft.apply("""
                    table inet t {
                    \tset s { type ipv4_addr; }
                    \tset r { type inet_service; flags interval; }
                    \tchain a { type filter hook input priority 0; }
                    \tchain b { }
                    }
                    """);
            try (NftMirror mirror = NftMirror.open(n)) {
                assertThat(shape(mirror.ruleset())).isEqualTo(shape(nft.listRuleset()));
                for (int round = 0; round < 150; round++) {
                    List<String> commands = new ArrayList<>();
                    int count = 1 + random.nextInt(6);
                    for (int i = 0; i < count; i++) {
                        commands.add(command(random, nft.listRuleset(), round * 10 + i));
                    }
                    String script = String.join("\n", commands);
                    try {
                        nft.apply(script);
                    } catch (RuntimeException refused) {
                        // a random command may name something another command of the batch deleted
                        continue;
                    }
                    assertThat(mirror.awaitGeneration(nft.generation(), Duration.ofSeconds(5))).isTrue();
                    assertThat(shape(mirror.ruleset())).as("after round %d:%n%s", round, script)
                            .isEqualTo(shape(nft.listRuleset()));
                }
                assertThat(mirror.listings()).isEqualTo(1);
                assertThat(mirror.rulesetText()).isEqualTo(nft.listRulesetText());
            }
        }
    }

    /** One random command against what {@code now} holds. */
    private static String command(Random random, Ruleset now, int n) {
        List<Rule> inA = now.rules().stream().filter(r -> r.table().equals("t") && r.chain().equals("a")).toList();
        Rule some = inA.isEmpty() ? null : inA.get(random.nextInt(inA.size()));
        String rule = "tcp dport " + (1000 + n) + " counter accept";
        return switch (random.nextInt(12)) {
            case 0, 1 -> "add rule inet t a " + rule;
            case 2 -> "insert rule inet t a " + rule;
            case 3 -> some == null ? "add rule inet t a " + rule : "add rule inet t a position " + some.handle() + " " + rule;
            case 4 -> some == null ? "insert rule inet t a " + rule : "insert rule inet t a position " + some.handle() + " " + rule;
            case 5 -> some == null ? "add rule inet t b " + rule : "replace rule inet t a handle " + some.handle() + " " + rule;
            case 6 -> some == null ? "add rule inet t b " + rule : "delete rule inet t a handle " + some.handle();
            case 7 -> "add element inet t s { 10.0." + random.nextInt(4) + "." + random.nextInt(250) + " }";
            case 8 -> "add element inet t r { " + (2000 + n) + "-" + (2000 + n + random.nextInt(5)) + " }";
            case 9 -> "flush chain inet t b";
            case 10 -> random.nextBoolean() ? "add counter inet t c" + (n % 3) : "add chain inet t x" + (n % 4);
            default -> "add table ip u" + (n % 2) + "\nadd chain ip u" + (n % 2) + " c\nadd rule ip u" + (n % 2) + " c " + rule;
        };
    }

    /** What must agree: tables, chains and rules in order; sets, elements and objects as sets. */
    private static Map<String, Object> shape(Ruleset rs) {
        Map<String, Object> shape = new TreeMap<>();
        shape.put("tables", rs.tables().stream().map(t -> t.family().nftName() + " " + t.name()).toList());
        shape.put("chains", rs.chains().stream().map(c -> c.family().nftName() + " " + c.table() + " " + c.name()).toList());
        shape.put("rules", rs.rules().stream().map(r -> r.table() + " " + r.chain() + " " + r.handle() + " "
                + r.expressions()).toList());
        shape.put("sets", rs.sets().stream().map(Ruleset::setKey).collect(Collectors.toSet()));
        Map<String, Set<String>> elements = new TreeMap<>();
        rs.sets().forEach(s -> elements.put(Ruleset.setKey(s), rs.elementsOf(s).stream()
                .map(e -> e.key() + (e.isIntervalEnd() ? " end" : "")).collect(Collectors.toSet())));
        shape.put("elements", elements);
        shape.put("objects", rs.objects().stream().map(o -> o.table() + " " + o.name()).collect(Collectors.toSet()));
        return shape;
    }
}
