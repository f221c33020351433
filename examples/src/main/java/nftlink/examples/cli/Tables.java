package nftlink.examples.cli;

import nftlink.nftables.Table;

import java.util.List;

/** The tables a list or reset command is about. */
final class Tables {
    private Tables() {
    }

    /**
     * The tables of {@code all} that {@code request} names: those of its family, or its one table.
     *
     * @throws CommandError when the request names a table that does not exist
     */
    static List<Table> of(ListRequest request, List<Table> all) {
        List<Table> chosen = all.stream()
                .filter(t -> request.family() == null || t.family() == request.family())
                .filter(t -> request.table() == null || t.name().equals(request.table()))
                .toList();
        if (request.table() != null && chosen.isEmpty()) {
            throw CommandError.noSuch(request.tableWord());
        }
        return chosen;
    }

    /**
     * The tables of {@code request}'s family, after checking that its table (if it names one)
     * exists: nft 1.1.3 lists the sets, maps and flowtables of every table of the family even
     * when a table is named.
     *
     * @throws CommandError when the request names a table that does not exist
     */
    static List<Table> ofFamily(ListRequest request, List<Table> all) {
        of(request, all);
        return all.stream().filter(t -> request.family() == null || t.family() == request.family()).toList();
    }
}
