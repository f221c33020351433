package nftlink.bench;

import nftlink.nftables.NftOperation;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated rule set of the parse, listing and CLI benchmarks (#18), and the CLI samples' file format. */
class RulesetGeneratorTest {

    @Test
    void theGeneratedFileParsesIntoExactlyItsRulesMostOfThemDistinct() {
        String text = RulesetGenerator.generate(2000);
        List<NftOperation> ops = new NftParser(CgroupPathResolver.none(), SetLookup.NONE).parse(text, "g.nft").operations();
        assertThat(ops.stream().filter(o -> o instanceof NftOperation.AddRule).count()).isEqualTo(2000);
        List<String> rules = text.lines().filter(l -> l.startsWith("\t\t") && !l.startsWith("\t\ttype ")
                && !l.startsWith("\t\telements ") && !l.startsWith("\t\tflags ")).toList();
        assertThat(rules).hasSize(2000);
        assertThat(rules.stream().distinct().count()).isGreaterThan(1800);
        assertThat(text).contains("dnat to", "snat to", "masquerade", "vmap @", "map @port_marks", "@admin_hosts");
    }

    @Test
    void theSameSizeGivesTheSameText() {
        assertThat(RulesetGenerator.generate(500)).isEqualTo(RulesetGenerator.generate(500));
    }

    @Test
    void aCliSampleReadsBackAsWritten() {
        CliBenchmark.Sample s = new CliBenchmark.Sample("file", 50000, "nft 1.1.3", 2, 9.8512, 8.4, 206872);
        assertThat(CliBenchmark.Sample.parse(s.tsv())).isEqualTo(s);
    }
}
