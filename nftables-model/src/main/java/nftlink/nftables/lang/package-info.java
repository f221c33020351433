/**
 * The rule language as people write it with nft: matches on fields ({@code ip saddr},
 * {@code tcp dport}, {@code meta mark}, {@code ct state}, ...), values, prefixes, ranges, sets and
 * maps, and statements (verdicts, {@code counter}, {@code log}, {@code nat}, {@code reject}, ...).
 * The {@link nftlink.nftables.lang.Linearizer} compiles a {@link nftlink.nftables.lang.RuleSpec} to
 * kernel expressions the way nft does (registers, byte order, protocol dependencies, anonymous
 * sets); the {@link nftlink.nftables.lang.Delinearizer} reads listed rules back, and the renderers
 * print rules, sets and whole rule sets as {@code nft list} (1.1.3) prints them.
 */
package nftlink.nftables.lang;
