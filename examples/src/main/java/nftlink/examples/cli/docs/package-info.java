/** What the build generates from {@code nftlink}'s command line definition: its man page and shell completions. */
package nftlink.examples.cli.docs;
