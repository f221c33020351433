/**
 * The nft language parser: files and commands as {@code nft -f} and {@code nft add ...} take them
 * (tables, chains, sets, maps, elements, objects, flowtables, rules, {@code define}, {@code include},
 * {@code flush ruleset}), compiled through the rule language into one transaction's operations, each
 * with its source location. Errors read like nft's (file, line, columns, the line and a caret); a file
 * with an error changes nothing. The parser works within the limits {@link nftlink.nftables.parse.InputLimits}
 * states, so no input exhausts its time, memory or stack.
 */
package nftlink.nftables.parse;
