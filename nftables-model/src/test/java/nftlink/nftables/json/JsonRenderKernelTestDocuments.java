package nftlink.nftables.json;

/** A listing document as nft 1.0.6 prints it, for parser properties. */
final class JsonRenderKernelTestDocuments {
    private JsonRenderKernelTestDocuments() {
    }

    static final String SAMPLE = """
            {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, \
            {"table": {"family": "ip", "name": "t", "handle": 1}}, \
            {"set": {"family": "ip", "name": "c", "table": "t", "type": ["ipv4_addr", "inet_service"], "handle": 8, \
            "flags": ["interval"], "elem": [{"concat": ["1.1.1.1", {"range": [20, 30]}]}]}}, \
            {"map": {"family": "ip", "name": "mm", "table": "t", "type": "inet_service", "handle": 16, "map": "verdict", \
            "elem": [[22, {"jump": {"target": "y"}}], [80, {"accept": null}]]}}, \
            {"chain": {"family": "ip", "table": "t", "name": "y", "handle": 1}}, \
            {"chain": {"family": "ip", "table": "t", "name": "input", "handle": 3, "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}, \
            {"rule": {"family": "ip", "table": "t", "chain": "input", "handle": 47, "expr": [{"match": {"op": "==", \
            "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": {"set": [{"prefix": {"addr": "10.0.0.0", "len": 8}}, \
            "192.168.0.5"]}}}, {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, \
            "right": {"range": [1, 1024]}}}, {"log": {"prefix": "x", "level": "info"}}, {"limit": {"rate": 1, "burst": 0, \
            "per": "second", "inv": true, "rate_unit": "mbytes", "burst_unit": "bytes"}}, {"jump": {"target": "y"}}]}}]}
            """;
}
