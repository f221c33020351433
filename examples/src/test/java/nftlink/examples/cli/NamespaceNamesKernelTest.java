package nftlink.examples.cli;

import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under {@code --netns}, interface names are those of that namespace, both ways and in JSON, as nft run
 * inside the namespace has them; a name no interface there has is refused as nft refuses it.
 */
@KernelTest
class NamespaceNamesKernelTest {

    @Test
    void interfaceNamesAreThoseOfTheNamespace(TestNamespace ns) {
        TestNamespace.run(List.of("ip", "-n", ns.name(), "link", "add", "only-here", "type", "ifb"), null).orThrow();
        String rules = "table inet t {\n\tchain c {\n\t\tiif \"only-here\" accept\n\t\toif \"lo\" drop\n\t}\n}\n";
        Cli.Run applied = Cli.run(rules, "--netns", ns.name(), "-f", "-");
        assertThat(applied.err()).isEmpty();
        assertThat(applied.status()).isZero();
        assertThat(Cli.run("", "--netns", ns.name(), "list", "ruleset").out()).isEqualTo(rules);
        assertThat(Cli.run("", "--netns", ns.name(), "-j", "list", "ruleset").out())
                .contains("\"right\": \"only-here\"", "\"right\": \"lo\"");
        Cli.Run refused = Cli.run("table inet t {\n\tchain c {\n\t\tiif \"nowhere\" accept\n\t}\n}\n", "--netns", ns.name(), "-f", "-");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("Error: Interface does not exist");
    }
}
