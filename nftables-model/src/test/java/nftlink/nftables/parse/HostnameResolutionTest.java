package nftlink.nftables.parse;

import nftlink.nftables.NftOperation;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Host names in address values: an error unless resolution is enabled, then one address of the right family. */
class HostnameResolutionTest {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    private static String error(NftParser parser, String text) {
        NftParseException e = catchThrowableOfType(NftParseException.class, () -> parser.parse(text, "hosts.nft"));
        assertThat(e).as("no error for %s", text).isNotNull();
        return e.getMessage();
    }

    private static List<NftOperation> ops(NftParser parser, String text) {
        return parser.parse(text, "hosts.nft").operations();
    }

    private static List<Object> elements(List<NftOperation> ops) {
        return ops.stream().filter(o -> o instanceof NftOperation.AddElements)
                .map(o -> (Object) ((NftOperation.AddElements) o).elements()).toList();
    }

    @Test
    void hostnamesAreAnErrorUnlessEnabled() {
        assertThat(error(PARSER, "add rule ip t c ip daddr localhost accept")).isEqualTo("""
                hosts.nft:1:26-34: Error: hostnames are not resolved unless enabled (NftParser.withHostnameResolution(true), \
                nftlink --resolve-hostnames): localhost
                add rule ip t c ip daddr localhost accept
                                         ^^^^^^^^^""");
        assertThat(error(PARSER, "add rule ip t c ip saddr { 10.0.0.1, example.org } accept"))
                .startsWith("hosts.nft:1:38-48: Error: hostnames are not resolved unless enabled");
        // what is no host name stays an address error
        assertThat(error(PARSER, "add rule ip t c ip saddr 10.0.0.300 drop")).startsWith("hosts.nft:1:26-35: Error: not an address");
    }

    @Test
    void enabledResolutionGivesTheAddress() {
        NftParser resolving = PARSER.withHostnameResolution(true);
        assertThat(ops(resolving, "add rule ip t c ip daddr localhost accept"))
                .isEqualTo(ops(PARSER, "add rule ip t c ip daddr 127.0.0.1 accept"));
        // anonymous sets get a new name per parse: compare their elements
        assertThat(elements(ops(resolving, "add rule ip t c ip daddr { localhost, 10.0.0.1 } accept")))
                .isEqualTo(elements(ops(PARSER, "add rule ip t c ip daddr { 127.0.0.1, 10.0.0.1 } accept")))
                .isNotEqualTo(elements(ops(PARSER, "add rule ip t c ip daddr { 127.0.0.2, 10.0.0.1 } accept")));
        assertThat(elements(ops(resolving, "add rule ip t c ip daddr . tcp dport { localhost . 22 } accept")))
                .isEqualTo(elements(ops(PARSER, "add rule ip t c ip daddr . tcp dport { 127.0.0.1 . 22 } accept")));
    }

    @Test
    void aResolverPicksTheFamilyAndMustGiveOneAddress() throws Exception {
        InetAddress v4 = InetAddress.getByName("192.0.2.7");
        InetAddress v4b = InetAddress.getByName("192.0.2.8");
        InetAddress v6 = InetAddress.getByName("2001:db8::7");
        NftParser one = PARSER.withHostnameResolver(name -> List.of(v6, v4));
        assertThat(ops(one, "add rule inet t c ip daddr web.example accept"))
                .isEqualTo(ops(PARSER, "add rule inet t c ip daddr 192.0.2.7 accept"));
        assertThat(ops(one, "add rule inet t c ip6 daddr web.example accept"))
                .isEqualTo(ops(PARSER, "add rule inet t c ip6 daddr 2001:db8::7 accept"));
        NftParser two = PARSER.withHostnameResolver(name -> List.of(v4, v4b));
        assertThat(error(two, "add rule ip t c ip daddr web.example accept"))
                .startsWith("hosts.nft:1:26-36: Error: Hostname resolves to multiple addresses: web.example");
        NftParser onlyV4 = PARSER.withHostnameResolver(name -> List.of(v4));
        assertThat(error(onlyV4, "add rule ip6 t c ip6 daddr web.example accept"))
                .startsWith("hosts.nft:1:28-38: Error: hostname web.example has no IPv6 address");
        NftParser unknown = PARSER.withHostnameResolver(name -> {
            throw new java.net.UnknownHostException(name);
        });
        assertThat(error(unknown, "add rule ip t c ip daddr nowhere.invalid accept"))
                .startsWith("hosts.nft:1:26-40: Error: could not resolve hostname: nowhere.invalid");
    }
}
