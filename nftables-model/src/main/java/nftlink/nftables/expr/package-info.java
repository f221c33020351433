/**
 * The kernel's nftables expressions, one record per expression type ({@code payload}, {@code meta},
 * {@code cmp}, {@code bitwise}, {@code lookup}, {@code ct}, {@code nat}, {@code dynset}, ...), each
 * encoding itself in the kernel's attribute order and decoding itself losslessly; an expression the
 * library does not know, or data it would not reproduce byte for byte, stays a raw expression that
 * re-encodes to the same bytes. Each also reads and writes libnftnl's debug text
 * ({@code nft --debug=netlink}), which the conformance tests compare with nftables' own vectors.
 */
package nftlink.nftables.expr;
