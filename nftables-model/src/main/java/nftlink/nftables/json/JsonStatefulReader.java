package nftlink.nftables.json;

import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.lang.ByteUnit;

import java.util.Set;

/** Reads the stateful statements and their units: counter, limit, quota, ct count and last. */
final class JsonStatefulReader {

    private JsonStatefulReader() {
    }

    private static TimeUnit period(Node per) {
        return TimeUnit.named(per.string()).orElseThrow(() -> per.error("unknown period \"" + per.string()
                + "\" (expected " + TimeUnit.names() + ")"));
    }

    private static long unit(Node unit) {
        if (unit == null) {
            return 1;
        }
        return ByteUnit.named(unit.string()).orElseThrow(() -> unit.error("unknown unit \"" + unit.string()
                + "\" (expected " + ByteUnit.names() + ")")).bytes();
    }

    /** {@code {"limit": {"rate": N, "per": UNIT, "burst": N, "inv": BOOL, ...}}}, in packets or bytes. */
    static Statement limit(Node body) {
        body.only(Set.of("rate", "burst", "per", "inv", "rate_unit", "burst_unit"));
        Node rateUnit = body.optional("rate_unit");
        boolean bytes = rateUnit != null && !rateUnit.string().equals("packets");
        long rate = body.member("rate").number(bytes ? Long.MAX_VALUE >> 20 : Long.MAX_VALUE);
        TimeUnit period = period(body.member("per"));
        boolean over = body.optional("inv") != null && body.member("inv").bool();
        Node burstNode = body.optional("burst");
        if (!bytes) {
            long burst = burstNode == null ? 5 : burstNode.number(0xffffffffL);
            return new Statement.LimitStatement(rate, period, burst, false, over);
        }
        long burst = burstNode == null ? 0 : burstNode.number(0xffffffffL) * unit(body.optional("burst_unit"));
        if (burst > 0xffffffffL) {
            throw burstNode.error("burst too large");
        }
        return new Statement.LimitStatement(rate * unit(rateUnit), period, burst, true, over);
    }

    /** {@code {"quota": {"val": N, "val_unit": UNIT, "used": N, "inv": BOOL}}}. */
    static Statement quota(Node body) {
        body.only(Set.of("val", "val_unit", "used", "used_unit", "inv"));
        long val = body.member("val").number(Long.MAX_VALUE >> 20) * unit(body.optional("val_unit"));
        long used = body.optional("used") == null ? 0
                : body.member("used").number(Long.MAX_VALUE >> 20) * unit(body.optional("used_unit"));
        boolean over = body.optional("inv") != null && body.member("inv").bool();
        return new Statement.QuotaStatement(val, used, over);
    }

    /** {@code {"counter": null}}, {@code {"counter": {"packets": N, "bytes": N}}} or a named counter, {@code {"counter": "NAME"}}. */
    static Statement counter(Node body) {
        if (body.isNull()) {
            return new Statement.CounterStatement(0, 0);
        }
        if (body.value() instanceof JsonValue.Str s) {
            return new Statement.ObjectReference(ObjectType.COUNTER, s.value());
        }
        body.only(Set.of("packets", "bytes"));
        long packets = body.optional("packets") == null ? 0 : body.member("packets").number(Long.MAX_VALUE);
        long bytes = body.optional("bytes") == null ? 0 : body.member("bytes").number(Long.MAX_VALUE);
        return new Statement.CounterStatement(packets, bytes);
    }

    /** {@code {"ct count": {"val": N, "inv": BOOL}}}. */
    static Statement connlimit(Node body) {
        body.only(Set.of("val", "inv"));
        int count = (int) body.member("val").number(0xffffffffL);
        boolean over = body.optional("inv") != null && body.member("inv").value() instanceof JsonValue.Bool b && b.value();
        return new Statement.ConnlimitStatement(count, over);
    }
}
