package nftlink.examples.cli;

import java.io.IOException;
import java.util.Properties;

/** {@code nftlink -v} and {@code -V}: nft's version lines, for nftlink. */
final class VersionText {
    private VersionText() {
    }

    /** nftlink's version, from the build ({@code version.properties}), or {@code unknown}. */
    static String version() {
        try (var in = VersionText.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                var p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // no version then
        }
        return "unknown";
    }

    /** {@code -v}: one line, {@code nftlink VERSION} (nft prints {@code nftables v1.1.3 (Commodore Bullmoose #4)}). */
    static String brief() {
        return "nftlink " + version() + "\n";
    }

    /**
     * {@code -V}: the version, the nft command line it follows, nft's feature lines with nftlink's
     * answers (its interactive mode reads plain lines, it has JSON, no GMP and no libxtables), and
     * the Java runtime it runs on.
     */
    static String extended() {
        return brief()
                + "  nft:\t\t1.1.3 (its commands, options and output)\n"
                + "  cli:\t\tplain lines\n"
                + "  json:\t\tyes\n"
                + "  minigmp:\tno\n"
                + "  libxtables:\tno\n"
                + "  java:\t\t" + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")\n";
    }
}
