/**
 * The xtables matches and targets that iptables-nft writes ({@code match} and {@code target}
 * expressions run by nft_compat), listed as nft 1.1.3 lists them: one small decoder per
 * extension reads its info struct at the revision libxtables translates ({@link
 * nftlink.nftables.xt.XtExtensions}), and {@link nftlink.nftables.xt.XtListing} gives the text
 * libxtables' translation prints, {@code xt match "NAME"} where it has none, and nft's
 * {@code {"xt": ...}} JSON. The kernel expressions keep their bytes: listing never changes them.
 */
package nftlink.nftables.xt;
