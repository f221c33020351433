package nftlink.cgroup;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.Value;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser resolves cgroup paths through this module's resolver. */
class ParserCgroupsTest {

    @Test
    void pathsInRulesBecomeTheCgroupsIds(@TempDir Path dir) {
        FakeHierarchy fake = new FakeHierarchy(dir.resolve("cg"));
        CgroupPath app = fake.mkdirs("system.slice/app.service");
        CgroupResolver resolver = new CgroupResolver(fake.hierarchy());
        long id = resolver.resolve(app).id();
        NftParser parser = new NftParser(ParserCgroups.of(resolver), SetLookup.NONE);

        RuleSpec rule = parser.parseRule(Family.INET, "t", "c", "socket cgroupv2 level 2 \"system.slice/app.service\" accept");

        Match match = (Match) rule.statements().getFirst();
        assertEquals(new SocketCgroupField(2), match.field());
        byte[] expected = new byte[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = (byte) (id >>> (8 * i));
        }
        assertEquals(new Value.Single(Bytes.of(expected)), match.value());
    }

    @Test
    void aMissingCgroupIsAParseErrorAtThePath(@TempDir Path dir) {
        FakeHierarchy fake = new FakeHierarchy(dir.resolve("cg"));
        NftParser parser = new NftParser(ParserCgroups.of(new CgroupResolver(fake.hierarchy())), SetLookup.NONE);

        NftParseException e = assertThrows(NftParseException.class, () -> parser.parse(
                "add rule inet t c socket cgroupv2 level 1 \"gone.slice\" accept", "rules.nft"));

        assertTrue(e.getMessage().startsWith("rules.nft:1:43-54: Error: no cgroup \"gone.slice\""), e.getMessage());
    }
}
