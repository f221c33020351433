/** The nftlink command-line tool and small examples built on the library. */
module nftlink.examples {
    requires nftlink.nftables;
    requires nftlink.cgroup;
    requires nftlink.vrf;
    requires jdk.unsupported;
    requires info.picocli;

    opens nftlink.examples.daemon to info.picocli;
    // picocli reads and sets nftlink's option fields by reflection
    opens nftlink.examples.cli to info.picocli;

    provides java.lang.System.LoggerFinder with nftlink.examples.daemon.DaemonLoggerFinder;
}
