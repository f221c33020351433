package nftlink.nftables.conformance;

/**
 * What a generated map maps to: its {@code type} and {@code typeof} data
 * declarations, the feature it needs, and the kind of object it names (object maps).
 */
enum MapData {
    VERDICT("verdict", "verdict", GeneratorFeature.VERDICT_MAP, null),
    MARK("mark", "meta mark", GeneratorFeature.DATA_MAP, null),
    CT_MARK("mark", "ct mark", GeneratorFeature.DATA_MAP, null),
    IPV4("ipv4_addr", "ip daddr", GeneratorFeature.NAT_DATA_MAP, null),
    IPV4_SERVICE("ipv4_addr . inet_service", "ip daddr . tcp dport", GeneratorFeature.NAT_DATA_MAP, null),
    SERVICE("inet_service", "tcp dport", GeneratorFeature.NAT_DATA_MAP, null),
    COUNTER("counter", "counter", GeneratorFeature.OBJECT_MAP, "counter"),
    QUOTA("quota", "quota", GeneratorFeature.OBJECT_MAP, "quota"),
    LIMIT("limit", "limit", GeneratorFeature.OBJECT_MAP, "limit"),
    CT_HELPER("ct helper", "ct helper", GeneratorFeature.OBJECT_MAP, "ct helper"),
    SYNPROXY("synproxy", "synproxy", GeneratorFeature.OBJECT_MAP, "synproxy");

    final String type;
    final String typeof;
    final GeneratorFeature feature;
    final String objectType;

    MapData(String type, String typeof, GeneratorFeature feature, String objectType) {
        this.type = type;
        this.typeof = typeof;
        this.feature = feature;
        this.objectType = objectType;
    }
}
