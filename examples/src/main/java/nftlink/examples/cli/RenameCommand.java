package nftlink.examples.cli;

import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.Chain;
import nftlink.nftables.ChainRename;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.Table;
import nftlink.nftables.lang.Misspellings;

import java.util.List;

/**
 * {@code rename chain [FAMILY] TABLE CHAIN NEWNAME} (nft's {@code rename_cmd}): the chain is looked
 * up by name, as nft looks it up in its cache, and renamed by its handle in a transaction of its own.
 *
 * @param family    the table's family ({@code ip} when left out)
 * @param tableWord the index of the table's word
 * @param chainWord the index of the chain's word
 * @param text      the command
 */
record RenameCommand(Family family, int tableWord, int chainWord, CommandText text) {

    /** Reads the words after {@code rename}. */
    static RenameCommand parse(CommandText text) {
        List<String> w = text.words();
        if (w.size() < 2 || !w.get(1).equals("chain")) {
            throw CommandError.syntax(text, 1, "chain");
        }
        int i = 2;
        Family family = Family.IP;
        if (i < w.size() && ListTarget.isFamily(w.get(i))) {
            family = Family.ofName(w.get(i++));
        }
        for (int at = i; at < i + 3; at++) {
            if (at >= w.size() || ListTarget.isFamily(w.get(at))) {
                throw CommandError.syntax(text, at, "string or last");
            }
        }
        if (i + 3 < w.size()) {
            throw CommandError.syntax(text, i + 3, "end of file or newline or semicolon");
        }
        return new RenameCommand(family, i, i + 1, text);
    }

    /** Renames the chain; {@code check} ({@code -c}) only asks the kernel whether it could. */
    int run(Nftables nft, boolean check) {
        String table = text.identifier(tableWord);
        List<Table> tables = nft.listTables();
        if (tables.stream().noneMatch(t -> t.family() == family && t.name().equals(table))) {
            throw CommandError.noSuch(tableWord, CommandError.meantTable(table, tables));
        }
        String name = text.identifier(chainWord);
        List<Chain> chains = nft.listChains().stream().filter(c -> !c.isBinding()).toList();
        Chain chain = chains.stream().filter(c -> c.family() == family && c.table().equals(table) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> CommandError.noSuch(chainWord, Misspellings.closest(name, chains, Chain::name)
                        .map(c -> "chain '" + c.name() + "' in table " + c.family().nftName() + " '" + c.table() + "'")));
        var transaction = nft.transaction().add(new ChainRename(family, table, chain.handle(),
                text.identifier(chainWord + 1)));
        try {
            if (check) {
                transaction.check();
            } else {
                transaction.commit();
            }
        } catch (TransactionException e) {
            throw new CommandError("Could not process rule: " + e.errno().text(), CommandError.WHOLE_COMMAND);
        }
        return 0;
    }
}
