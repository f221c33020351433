/**
 * nftables at kernel level: the objects of a rule set (tables, chains, rules, sets and their
 * elements, stateful objects, flowtables) as the kernel sends and takes them, the operations a
 * transaction is built from, the client {@link nftlink.nftables.Nftables} that lists and changes a
 * rule set over nfnetlink, the monitor that follows it, and the constants of
 * {@code linux/netfilter/nf_tables.h}.
 *
 * <p>Every object decodes losslessly: attributes the library does not model are kept and written
 * back, so rule sets written by nft, iptables-nft and others round-trip byte for byte. Rules hold
 * kernel expressions ({@link nftlink.nftables.expr}); the rule language people write
 * ({@link nftlink.nftables.lang}) linearizes to them and delinearizes from them.
 */
package nftlink.nftables;
