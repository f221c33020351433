/**
 * {@code nftlink}, nft's command line over the library: {@link nftlink.examples.cli.Main} reads
 * nft's options before the command (plus {@code --netns} and {@code --resolve-hostnames}) and runs a
 * command, the file of {@code -f}, or the lines of {@code -i} ({@code Interactive}).
 *
 * <p>The commands: {@code Apply} and {@code JsonApply}
 * parse nft text or libnftables JSON and commit it as one transaction;
 * {@code ListCommand} and {@code JsonListCommand} list as
 * {@code nft list}/{@code nft -j list} print; {@code ResetCommand} and
 * {@code MonitorCommand} are {@code nft reset} and {@code nft monitor}.
 * {@code Options} holds the output switches ({@code -s -S -N -u -n -p -T -a -j})
 * and {@code Session} one invocation's connection and namespace; option parsing
 * and help text follow nft's own ({@link nftlink.examples.cli.CliDefinition},
 * {@code HelpText}, {@code GetoptMessages}).
 *
 * <p>One invocation runs on one thread; nothing here is shared between invocations.
 */
package nftlink.examples.cli;
