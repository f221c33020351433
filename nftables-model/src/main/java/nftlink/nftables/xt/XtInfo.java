package nftlink.nftables.xt;

import java.util.Optional;

/**
 * The decoded info struct of an xtables match or target that iptables-nft writes,
 * at the revision libxtables translates for the table's family.
 */
public sealed interface XtInfo permits Comment, Conntrack, Multiport, Tcp, Udp, Icmp, Icmp6, Owner, MarkMatch,
        ConnmarkMatch, Addrtype, RateInfo, Pkttype, Iprange, RejectInfo, NatRange, MarkTarget, ConnmarkTarget, LogInfo, Tcpmss,
        CtTarget {

    /**
     * The statement text nft 1.1.3 lists for this struct through libxtables' translation, or
     * empty when libxtables has none for it (nft then lists {@code xt match "NAME"}).
     *
     * @param context the rule's family and protocol
     * @return the text, or empty
     */
    Optional<String> text(XtContext context);
}
