/** JMH benchmarks: nftlink against the nft CLI, in-process libnftables, and the kernel's floor. */
package nftlink.bench;
