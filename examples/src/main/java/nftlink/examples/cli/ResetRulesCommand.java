package nftlink.examples.cli;

import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.Ruleset;
import nftlink.nftables.Table;
import nftlink.nftables.lang.RulesetListing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code reset rules [FAMILY | [table] [FAMILY] TABLE | [chain] [FAMILY] TABLE CHAIN]} and
 * {@code reset rule [FAMILY] TABLE CHAIN handle HANDLE}: nft 1.1.3 lists what {@code list ruleset},
 * {@code list table} or {@code list chain} would, its rules read with {@code NFT_MSG_GETRULE_RESET},
 * which zeroes their counters and quotas; one rule by handle prints its table with that chain and rule alone.
 *
 * @param request what is listed: the rule set ({@code table} null), a table or a chain
 * @param handle  the rule's handle for {@code reset rule}, or -1
 */
record ResetRulesCommand(ListRequest request, long handle) {

    /** Reads the words after {@code reset}, {@code rules} or {@code rule} first. */
    static ResetRulesCommand parse(CommandText text) {
        List<String> w = text.words();
        if (w.get(1).equals("rules")) {
            if (w.size() > 2 && w.get(2).equals("chain")) {
                return new ResetRulesCommand(new ListRequest.Rest(text, 3).table(ListTarget.CHAIN, true), -1);
            }
            int names = w.size() - (w.size() > 2 && ListTarget.isFamily(w.get(2)) ? 3 : 2);
            if (names >= 2 && !w.get(2).equals("table")) {
                // nft reads a table and a chain without the word chain too
                return new ResetRulesCommand(new ListRequest.Rest(text, 2).table(ListTarget.CHAIN, true), -1);
            }
            return new ResetRulesCommand(new ListRequest.Rest(text, 2).any(ListTarget.TABLE), -1);
        }
        ListRequest.Rest rest = new ListRequest.Rest(text, 2);
        int i = 2;
        Family family = Family.IP;
        if (i < w.size() && ListTarget.isFamily(w.get(i))) {
            family = Family.ofName(w.get(i++));
        }
        int tableWord = rest.identifier(ListTarget.CHAIN, i++);
        int chainWord = rest.identifier(ListTarget.CHAIN, i++);
        if (i >= w.size() || !w.get(i).equals("handle")) {
            throw CommandError.syntax(text, i, "handle");
        }
        i++;
        if (i >= w.size() || !w.get(i).matches("[0-9]+")) {
            throw i < w.size() && !w.get(i).startsWith("\"") && !ListTarget.isKeyword(w.get(i))
                    ? new CommandError("syntax error, unexpected string, expecting number", i) : CommandError.syntax(text, i, "number");
        }
        long handle = Long.parseLong(w.get(i));
        rest.end(i + 1);
        return new ResetRulesCommand(new ListRequest(ListTarget.CHAIN, family, text.identifier(tableWord), text.identifier(chainWord),
                tableWord, chainWord), handle);
    }

    /** What nft prints, in text or JSON, after the rules were read and zeroed. */
    String run(Nftables nft, Options.Output output, IntFunction<String> interfaces) {
        RulesetListing read = RulesetListing.read(nft, ListCommand.RENDERING);
        List<Table> tables = Tables.of(request, read.ruleset().tables());
        List<Chain> chains = read.ruleset().chains().stream()
                .filter(c -> request.name() == null || c.table().equals(request.table()) && c.family() == request.family()
                        && c.name().equals(request.name()))
                .toList();
        if (handle < 0 && request.name() != null && chains.isEmpty()) {
            throw CommandError.noSuch(request.nameWord());
        }
        List<Rule> reset = handle >= 0 ? one(nft, chains) : nft.resetRules(request.family(), request.table(), request.name());
        if (handle >= 0 && output.json()) {
            // nft 1.1.3 zeroes the rule, then finds that its JSON output has no listing of one rule
            throw new CommandError("Could not process rule: Operation not supported", CommandError.WHOLE_COMMAND);
        }
        RulesetListing listing = handle >= 0
                ? new RulesetListing(new Ruleset(tables, chains), read.sets(), read.elements(), reset, read.objects(), read.flowtables())
                : new RulesetListing(read.ruleset(), read.sets(), read.elements(), replaced(read.rules(), reset), read.objects(),
                read.flowtables());
        ListRequest whole = handle >= 0 ? new ListRequest(ListTarget.TABLE, request.family(), request.table(), null,
                request.tableWord(), -1) : request;
        return output.json() ? new JsonListCommand(output, interfaces).render(whole, listing) + "\n"
                : new ListCommand(output, interfaces).render(whole, listing);
    }

    /** The rule {@code reset rule} names, zeroed; none when its chain or handle does not exist (nft prints the table then). */
    private List<Rule> one(Nftables nft, List<Chain> chains) {
        if (chains.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(nft.resetRule(request.family(), request.table(), request.name(), handle));
        } catch (NetlinkKernelException e) {
            if (e.errno() == Errno.ENOENT) {
                return List.of();
            }
            throw e;
        }
    }

    /** {@code listed} with each rule that {@code reset} read again in its place, with the values it had when zeroed. */
    private static List<Rule> replaced(List<Rule> listed, List<Rule> reset) {
        Map<String, Rule> byKey = new HashMap<>();
        reset.forEach(r -> byKey.put(key(r), r));
        return listed.stream().map(r -> byKey.getOrDefault(key(r), r)).toList();
    }

    private static String key(Rule r) {
        return r.family() + " " + r.table() + " " + r.chain() + " " + r.handle();
    }
}
