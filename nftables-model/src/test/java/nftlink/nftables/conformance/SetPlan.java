package nftlink.nftables.conformance;

import java.util.List;

/**
 * A named set or map the generator declared, for rules to use.
 *
 * @param name     its name
 * @param shape    what rules using it must match
 * @param key      the key's types, more than one for a concatenation
 * @param data     what it maps to; {@code null} for a set
 * @param interval whether it has {@code flags interval}
 * @param timeout  whether it has {@code flags timeout}
 * @param dynamic  whether rules may add to it ({@code flags dynamic}, not constant)
 * @param constant whether it has {@code flags constant}
 * @param counter  whether it has {@code counter} (then dynamic updates may only add counters)
 */
record SetPlan(String name, RuleShape shape, List<KeyType> key, MapData data, boolean interval, boolean timeout,
               boolean dynamic, boolean constant, boolean counter) {

    /** Whether this is a map. */
    boolean isMap() {
        return data != null;
    }
}
