package nftlink.examples.cli;

import picocli.CommandLine;

/** picocli's complaints about options in the words of nft's getopt(3). */
final class GetoptMessages {
    private GetoptMessages() {
    }

    /**
     * The message nft would print after {@code nft: } for the same mistake.
     *
     * @param lastOption the last option argument given (the one a missing value belongs to), or {@code null}
     */
    static String of(CommandLine.ParameterException e, String lastOption) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().getFirst();
            if (arg.startsWith("--")) {
                return "unrecognized option '" + arg + "'";
            }
            if (arg.startsWith("-")) {
                return "invalid option -- '" + unknownLetter(arg, e.getCommandLine()) + "'";
            }
        }
        if (e instanceof CommandLine.MissingParameterException && lastOption != null) {
            return lastOption.startsWith("--") ? "option '" + lastOption + "' requires an argument"
                    : "option requires an argument -- '" + lastOption.charAt(lastOption.length() - 1) + "'";
        }
        return e.getMessage();
    }

    /** The first letter of a cluster that names no option. */
    private static char unknownLetter(String cluster, CommandLine cl) {
        for (int i = 1; i < cluster.length(); i++) {
            if (cl.getCommandSpec().findOption(cluster.charAt(i)) == null) {
                return cluster.charAt(i);
            }
        }
        return cluster.charAt(1);
    }
}
