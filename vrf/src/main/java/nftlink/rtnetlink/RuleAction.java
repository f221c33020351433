package nftlink.rtnetlink;

import nftlink.netlink.NetlinkDecodeException;

/** What a policy rule does when it matches ({@code FR_ACT_*} in {@code <linux/fib_rules.h>}). */
public enum RuleAction {
    /** {@code FR_ACT_UNSPEC}: in a delete request, any action. */
    UNSPEC,
    /** {@code FR_ACT_TO_TBL}: look up a table ({@code lookup}). */
    TO_TBL,
    /** {@code FR_ACT_GOTO}: jump to another rule. */
    GOTO,
    /** {@code FR_ACT_NOP}. */
    NOP,
    /** {@code FR_ACT_RES3} (reserved). */
    RES3,
    /** {@code FR_ACT_RES4} (reserved). */
    RES4,
    /** {@code FR_ACT_BLACKHOLE}: drop silently. */
    BLACKHOLE,
    /** {@code FR_ACT_UNREACHABLE}: fail with "Network is unreachable". */
    UNREACHABLE,
    /** {@code FR_ACT_PROHIBIT}: fail with "Permission denied". */
    PROHIBIT;

    /**
     * The {@code FR_ACT_*} number.
     *
     * @return the number
     */
    public int number() {
        return ordinal();
    }

    /**
     * The action with number {@code number}.
     *
     * @param number the {@code FR_ACT_*} number
     * @return the action
     */
    public static RuleAction ofNumber(int number) {
        RuleAction[] all = values();
        if (number < 0 || number >= all.length) {
            throw new NetlinkDecodeException("unknown rule action " + number);
        }
        return all[number];
    }
}
