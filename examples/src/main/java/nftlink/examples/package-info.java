/**
 * Programs built on the library: the {@code nftlink} command line ({@link nftlink.examples.cli}),
 * the per-application firewall daemon {@code nftlinkd} ({@link nftlink.examples.daemon}), the VRF
 * binder ({@link nftlink.examples.vrf}) and the short programs of the README
 * ({@link nftlink.examples.snippets}). This package itself holds no types.
 */
package nftlink.examples;
