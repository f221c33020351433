/**
 * The libnftables JSON schema, as {@code nft -j} speaks it: {@link nftlink.nftables.json.JsonRenderer}
 * prints a rule set as {@code nft -j list ruleset} (nft 1.0.6) does, and
 * {@link nftlink.nftables.json.JsonParser} reads such listings and {@code nft -j -f}
 * command documents into operations, rules through the rule language. A small
 * strict JSON reader and writer ({@link nftlink.nftables.json.JsonValue}) comes with
 * them, so the package needs no JSON library.
 */
package nftlink.nftables.json;
