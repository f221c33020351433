package nftlink.examples.cli;

import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.NftCommitResult;
import nftlink.nftables.json.JsonEcho;
import nftlink.nftables.json.JsonException;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.json.JsonParser;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.SetLookup;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code nftlink -j -f FILE}: applies a JSON document (the libnftables schema) as one
 * transaction, as {@code nft -j -f} does; with {@code -c} only checks it against the kernel.
 * A file that is not JSON at all is read as nft syntax, as nft reads it.
 *
 * @param options the command line's options
 * @param out     where echoes go
 * @param err     where errors go
 */
record JsonApply(Options options, PrintStream out, PrintStream err) {

    /** Applies the document in {@code file} ({@code -}: {@code in}); returns the exit status. */
    int file(String file, InputStream in) {
        String text = Apply.read(file, in);
        try (NetworkNamespace ns = options.namespace(); Nftables nft = Nftables.open(ns)) {
            List<NftOperation> ops;
            JsonValue document;
            try {
                document = JsonValue.parse(text);
                ops = new JsonParser(CgroupPathResolver.mounted(), SetLookup.inKernel(nft), InterfaceResolver.in(ns))
                        .operations(document);
            } catch (JsonException e) {
                if (e.isSyntaxError()) {
                    // nft reads a file that is not JSON as nft syntax, also with -j
                    return new Apply(options, out, err).source(text, file);
                }
                err.println("nftlink: " + (file.equals("-") ? "/dev/stdin" : file) + ": " + e.getMessage());
                return 1;
            }
            if (ops.isEmpty()) {
                return 0;
            }
            try {
                if (options.input().check()) {
                    nft.transaction().addAll(ops).check();
                } else if (options.output().echo()) {
                    // nft echoes the document with the handles of what it added, without a newline after it
                    NftCommitResult result = nft.transaction().echoAdditions().addAll(ops).commit();
                    result.committed().ifPresent(c -> out.print(JsonEcho.withHandles(document, c).toJson()));
                    out.flush();
                } else {
                    nft.transaction().addAll(ops).commit();
                }
                return 0;
            } catch (TransactionException e) {
                err.println("Error: Could not process rule: " + e.errno().text());
                err.println("nftlink: " + e.getMessage() + Session.permissionHint(e.errno()));
                return 1;
            }
        }
    }
}
