package nftlink.nftables.json;

import java.math.BigInteger;
import java.util.List;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftObject;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.Bytes;
import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.lang.ByteUnit;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.TimeUnit;

/** Writes the stateful objects of a rule set (counters, quotas, limits, ct helpers, timeouts and expectations, synproxies, secmarks) as nft 1.1.3's JSON. */
final class JsonObjectWriter {

    private JsonObjectWriter() {
    }

    /**
     * A named object as nft 1.1.3 lists it ({@code {"counter": {...}}}, {@code {"ct helper": {...}}}, ...),
     * or {@code null} for an object whose data the library keeps raw.
     */
    static JsonValue object(NftObject o) {
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", o.family().nftName()).put("name", o.name())
                .put("table", o.table()).put("handle", JsonValue.of(o.handle()));
        if (o.comment() != null) {
            b.put("comment", o.comment());
        }
        return switch (o.data()) {
            case ObjectDefinition.Counter c -> JsonValue.single("counter", b
                    .put("packets", JsonDatatypeValues.number(new BigInteger(Long.toUnsignedString(c.packets()))))
                    .put("bytes", JsonDatatypeValues.number(new BigInteger(Long.toUnsignedString(c.bytes())))).build());
            case ObjectDefinition.Quota q -> JsonValue.single("quota", b
                    .put("bytes", JsonDatatypeValues.number(new BigInteger(Long.toUnsignedString(q.bytes()))))
                    .put("used", JsonDatatypeValues.number(new BigInteger(Long.toUnsignedString(q.consumed()))))
                    .put("inv", JsonValue.of((q.flags() & NfTablesUapi.NFT_QUOTA_F_INV) != 0)).build());
            case ObjectDefinition.Limit l -> JsonValue.single("limit", limit(b, l));
            case ObjectDefinition.CtHelper h -> JsonValue.single("ct helper", b.put("type", h.helper()).put("protocol", protocol(h.l4proto()))
                    .put("l3proto", ObjectRenderer.familyName(h.l3proto())).build());
            case ObjectDefinition.CtTimeout t -> JsonValue.single("ct timeout", ctTimeout(b, t));
            case ObjectDefinition.CtExpectation e -> JsonValue.single("ct expectation", b.put("protocol", protocol(e.l4proto()))
                    .put("dport", e.dport()).put("timeout", Integer.toUnsignedLong(e.timeout())).put("size", e.size())
                    .put("l3proto", ObjectRenderer.familyName(e.l3proto())).build());
            case ObjectDefinition.Synproxy sp -> JsonValue.single("synproxy", synproxy(b, sp));
            case ObjectDefinition.Secmark sm -> JsonValue.single("secmark", b.put("context", sm.context()).build());
            default -> null;
        };
    }

    /** The members of a limit object: rate and period, burst, in packets or in bytes with their units. */
    private static JsonValue limit(JsonValue.ObjectBuilder b, ObjectDefinition.Limit l) {
        boolean over = (l.flags() & NfTablesUapi.NFT_LIMIT_F_INV) != 0;
        if (l.limitType() == NfTablesUapi.NFT_LIMIT_PKTS) {
            b.put("rate", l.rate()).put("per", per(l.unit()));
            if (over) {
                b.put("inv", JsonValue.of(true));
            }
            if (l.burst() != 0) {
                b.put("burst", Integer.toUnsignedLong(l.burst()));
            }
        } else {
            ByteUnit rate = ByteUnit.of(l.rate());
            ByteUnit burst = ByteUnit.of(Integer.toUnsignedLong(l.burst()));
            b.put("rate", rate.count(l.rate())).put("per", per(l.unit()));
            if (over) {
                b.put("inv", JsonValue.of(true));
            }
            b.put("rate_unit", rate.nftName());
            if (l.burst() != 0) {
                // nft leaves a burst of 0 out
                b.put("burst", burst.count(Integer.toUnsignedLong(l.burst()))).put("burst_unit", burst.nftName());
            }
        }
        return b.build();
    }

    /** The members of a ct timeout object: its protocols and its policy, {@code null} when empty. */
    private static JsonValue ctTimeout(JsonValue.ObjectBuilder b, ObjectDefinition.CtTimeout t) {
        JsonValue policy = JsonValue.NULL;
        if (!t.policy().isEmpty()) {
            JsonValue.ObjectBuilder p = JsonValue.object();
            t.policy().forEach((state, seconds) -> p.put(state, Integer.toUnsignedLong(seconds)));
            policy = p.build();
        }
        return b.put("protocol", protocol(t.l4proto())).put("l3proto", ObjectRenderer.familyName(t.l3proto()))
                .put("policy", policy).build();
    }

    /** The members of a synproxy object: mss, wscale and its flags by name. */
    private static JsonValue synproxy(JsonValue.ObjectBuilder b, ObjectDefinition.Synproxy sp) {
        b.put("mss", sp.mss()).put("wscale", sp.wscale());
        List<JsonValue> flags = SynproxyFlag.words(sp.flags()).stream().map(JsonValue::of).toList();
        if (!flags.isEmpty()) {
            b.put("flags", JsonValue.array(flags));
        }
        return b.build();
    }

    /** nft's {@code proto_name_json}: the protocol's name, or its number when it has none. */
    static JsonValue protocol(int l4proto) {
        String name = Datatype.INET_PROTO.print(Bytes.u8(l4proto & 0xff));
        return name.chars().allMatch(Character::isDigit) ? JsonValue.of(Long.parseLong(name)) : JsonValue.of(name);
    }

    /** nft's {@code get_unit}: the period's name, {@code error} for a period nft has no name for. */
    private static String per(long seconds) {
        return TimeUnit.ofSeconds(seconds).map(TimeUnit::nftName).orElse("error");
    }
}
