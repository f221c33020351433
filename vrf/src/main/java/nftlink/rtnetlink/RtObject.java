package nftlink.rtnetlink;

/** One of the four kinds of rtnetlink objects the library models; monitoring events carry them. */
public sealed interface RtObject permits Link, Address, Route, FibRule {
}
