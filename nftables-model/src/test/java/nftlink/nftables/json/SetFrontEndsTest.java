package nftlink.nftables.json;

import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nft text and JSON compile a set declaration through the same code: the same declaration in
 * either front end gives the same kernel set (flags, types, lengths, statements, userdata with
 * auto-merge, typeof and comment) and the same elements.
 */
class SetFrontEndsTest {

    private static final NftParser TEXT = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);
    private static final JsonParser JSON = new JsonParser(CgroupPathResolver.none(), SetLookup.NONE);

    private static List<Object> fromText(String text) {
        List<Object> out = new ArrayList<>();
        TEXT.parse(text, "test.nft").operations().forEach(op -> add(out, op));
        return out;
    }

    private static List<Object> fromJson(String json) {
        List<Object> out = new ArrayList<>();
        JSON.parse(json).forEach(op -> add(out, op));
        return out;
    }

    private static void add(List<Object> out, NftOperation op) {
        switch (op) {
            case NftOperation.AddSet s -> out.add(s.set().withId(0));
            case NftOperation.AddElements e -> out.addAll(e.elements());
            default -> { }
        }
    }

    private static void same(String text, String json) {
        List<Object> t = fromText("table ip t {\n" + text + "\n}\n");
        List<Object> j = fromJson("{\"nftables\": [{\"table\": {\"family\": \"ip\", \"name\": \"t\"}}, " + json + "]}");
        assertThat(j).isEqualTo(t);
        assertThat(t).anyMatch(NftSet.class::isInstance);
    }

    @Test
    void autoMergeCommentsAndTimeouts() {
        same("set s { type ipv4_addr; flags interval; auto-merge; comment \"c\"; elements = { 10.0.0.0/8, 10.1.0.0/16, 1.1.1.1 } }",
                """
                {"set": {"family": "ip", "table": "t", "name": "s", "type": "ipv4_addr", "flags": ["interval"],
                 "auto-merge": true, "comment": "c", "elem": [{"prefix": {"addr": "10.0.0.0", "len": 8}},
                 {"prefix": {"addr": "10.1.0.0", "len": 16}}, "1.1.1.1"]}}
                """);
        same("set s { type ipv4_addr; flags dynamic,timeout; timeout 30s; gc-interval 1m; size 100; policy memory; }",
                """
                {"set": {"family": "ip", "table": "t", "name": "s", "type": "ipv4_addr", "flags": ["dynamic", "timeout"],
                 "timeout": 30, "gc-interval": 60, "size": 100, "policy": "memory"}}
                """);
    }

    @Test
    void typeofKeysAndConcatenations() {
        same("set s { typeof ip saddr . tcp dport; elements = { 10.0.0.1 . 22 } }",
                """
                {"set": {"family": "ip", "table": "t", "name": "s", "type": {"typeof": {"concat": [
                 {"payload": {"protocol": "ip", "field": "saddr"}}, {"payload": {"protocol": "tcp", "field": "dport"}}]}},
                 "elem": [{"concat": ["10.0.0.1", 22]}]}}
                """);
        same("set s { type ipv4_addr . inet_service; flags interval; elements = { 10.0.0.0/8 . 10-23 } }",
                """
                {"set": {"family": "ip", "table": "t", "name": "s", "type": ["ipv4_addr", "inet_service"], "flags": ["interval"],
                 "elem": [{"concat": [{"prefix": {"addr": "10.0.0.0", "len": 8}}, {"range": [10, 23]}]}]}}
                """);
    }

    @Test
    void hostOrderIntervalsStatementsCatchAllAndObjects() {
        same("set s { type mark; flags interval; elements = { 0x9900-0x9964, 0x2f07 } }",
                """
                {"set": {"family": "ip", "table": "t", "name": "s", "type": "mark", "flags": ["interval"],
                 "elem": [{"range": ["0x9900", "0x9964"]}, "0x2f07"]}}
                """);
        same("set s { type ipv4_addr; counter; elements = { 1.1.1.1 counter packets 2 bytes 3, * counter } }",
                """
                {"set": {"family": "ip", "table": "t", "name": "s", "type": "ipv4_addr", "stmt": [{"counter": null}],
                 "elem": [{"elem": {"val": "1.1.1.1", "counter": {"packets": 2, "bytes": 3}}}, {"elem": {"val": "*", "counter": null}}]}}
                """);
        same("map m { type ipv4_addr : counter; elements = { 1.1.1.1 : \"c\" } }",
                """
                {"map": {"family": "ip", "table": "t", "name": "m", "type": "ipv4_addr", "map": "counter",
                 "elem": [["1.1.1.1", "c"]]}}
                """);
        same("map m { type ipv4_addr : ipv4_addr . inet_service; elements = { 1.1.1.1 : 2.2.2.2 . 80, * : 3.3.3.3 . 443 } }",
                """
                {"map": {"family": "ip", "table": "t", "name": "m", "type": "ipv4_addr", "map": ["ipv4_addr", "inet_service"],
                 "elem": [["1.1.1.1", {"concat": ["2.2.2.2", 80]}], ["*", {"concat": ["3.3.3.3", 443]}]]}}
                """);
        assertThat(fromText("table ip t { set s { type mark; flags interval; elements = { 0x1-0x5 } } }"))
                .filteredOn(SetElement.class::isInstance).hasSize(3);
    }
}
