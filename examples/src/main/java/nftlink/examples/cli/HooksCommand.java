package nftlink.examples.cli;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.lang.HookListing;

import java.io.PrintStream;
import java.util.List;

import static nftlink.nftables.NfTablesUapi.NFPROTO_UNSPEC;

/**
 * {@code list hooks [FAMILY] [device NAME]}: the functions at netfilter's hooks as nft 1.1.3 lists them
 * ({@link HookListing}). With {@code -j} nft prints nothing for it, and so does nftlink.
 *
 * @param text     the command
 * @param protocol the {@code NFPROTO_*} family asked for, {@code NFPROTO_UNSPEC} for all
 * @param device   the device asked for, or {@code null}
 */
record HooksCommand(CommandText text, int protocol, String device) {

    /** Reads {@code list hooks [FAMILY] [device NAME]} as nft's grammar does. */
    static HooksCommand parse(CommandText text) {
        List<String> w = text.words();
        int i = 2;
        int protocol = NFPROTO_UNSPEC;
        if (i < w.size() && ListTarget.isFamily(w.get(i))) {
            protocol = Family.ofName(w.get(i++)).protocol();
        }
        String device = null;
        if (i < w.size() && w.get(i).equals("device")) {
            if (++i >= w.size()) {
                throw CommandError.syntax(text, i, "string");
            }
            device = text.identifier(i++);
        }
        if (i < w.size()) {
            throw CommandError.syntax(text, i, "end of file or newline or semicolon");
        }
        return new HooksCommand(text, protocol, device);
    }

    /** Lists the hooks of {@code ns} through {@code nft} onto {@code out}; the exit status. */
    int run(Nftables nft, NetworkNamespace ns, boolean json, PrintStream out) {
        if (json) {
            return 0;
        }
        HookListing.Result result = HookListing.list(nft::listHooks, protocol, device, LinkNames.inIndexOrder(ns));
        out.print(result.text());
        if (result.error() != null) {
            throw new CommandError("Could not process rule: " + result.error().errno().text(), CommandError.WHOLE_COMMAND);
        }
        return 0;
    }
}
