/**
 * The libnftables JSON schema, as {@code nft -j} speaks it: {@link nftlink.nftables.json.JsonRenderer}
 * prints a rule set as {@code nft -j list ruleset} does, and {@link nftlink.nftables.json.JsonParser}
 * reads such listings and {@code nft -j -f} command documents into operations, rules through the
 * rule language (errors as {@link nftlink.nftables.json.JsonException}, with the JSON path).
 *
 * <p>nftlink's one JSON reader and writer lives here too: {@link nftlink.nftables.json.JsonValue}
 * is a strict RFC 8259 reader (no duplicate members, no half surrogate pairs, nesting limited: 512
 * levels for nft documents, or what the caller gives, as the cgroup layer does for journal lines)
 * and writes the one-line layout jansson prints; its errors name the line and column and are cut
 * to a bounded length. So neither this package nor the cgroup layer needs a JSON library.
 *
 * <p>Threads: values are immutable; a parser or renderer holds only its configuration and may be
 * shared; each parse keeps its state (declared sets, the batch's set IDs) to itself.
 */
package nftlink.nftables.json;
