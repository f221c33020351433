package nftlink.nftables;

import nftlink.nftables.lang.FlowtableRenderer;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flowtables from text to objects and back, without a kernel (moved out of
 * {@link ParsedRequestBytesKernelTest}, which compares the same script with the
 * bytes nft sends).
 */
class FlowtableTextTest {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);
    private static final String FLOWTABLES = ParsedRequestBytesKernelTest.FLOWTABLES;

    private static <T extends NftOperation> List<T> operations(String script, Class<T> type) {
        return PARSER.parse(script, "script.nft").operations().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void renderedFlowtablesParseBack() {
        for (NftOperation.AddFlowtable op : operations(FLOWTABLES, NftOperation.AddFlowtable.class)) {
            Flowtable f = op.flowtable();
            String text = "table " + f.family().nftName() + " " + f.table() + " {\n" + FlowtableRenderer.render(f) + "}\n";
            Flowtable back = operations(text, NftOperation.AddFlowtable.class).getFirst().flowtable();
            assertThat(back.devices()).containsExactlyInAnyOrderElementsOf(f.devices());
            assertThat(back.withFlags(0).priority()).isEqualTo(f.priority());
            assertThat(FlowtableRenderer.render(back)).isEqualTo(FlowtableRenderer.render(f));
        }
        assertThat(FlowtableRenderer.render(operations(FLOWTABLES, NftOperation.AddFlowtable.class).getFirst().flowtable()))
                .isEqualTo("\tflowtable f {\n\t\thook ingress priority filter + 5\n\t\tdevices = { dummy0, eth0, lo }\n"
                        + "\t\tflags offload\n\t\tcounter\n\t}\n");
    }
}
