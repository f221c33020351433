/**
 * rtnetlink in Java: {@link nftlink.rtnetlink.RtNetlink} lists, creates, changes
 * and deletes {@link nftlink.rtnetlink.Link links} (VRF, veth, bridge, dummy,
 * macvlan), {@link nftlink.rtnetlink.Address addresses},
 * {@link nftlink.rtnetlink.Route routes} in any table and policy
 * {@link nftlink.rtnetlink.FibRule rules}; {@link nftlink.rtnetlink.RtMonitor}
 * follows their changes without missing any. The constants classes
 * ({@link nftlink.rtnetlink.RtnetlinkUapi}, {@link nftlink.rtnetlink.IfLink},
 * {@link nftlink.rtnetlink.IfAddr}, {@link nftlink.rtnetlink.FibRuleUapi}) use the
 * kernel headers' names.
 */
package nftlink.rtnetlink;
