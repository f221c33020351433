/**
 * Short programs to copy from, each runnable on its own ({@code main}, in the
 * caller's network namespace) and through a {@code run} method that takes the
 * namespace, which the tests call in throwaway namespaces:
 * {@link nftlink.examples.snippets.ListRuleset},
 * {@link nftlink.examples.snippets.AddRuleWithHandle},
 * {@link nftlink.examples.snippets.GuardedTransaction},
 * {@link nftlink.examples.snippets.CgroupIdSet},
 * {@link nftlink.examples.snippets.VrfForCgroup} and
 * {@link nftlink.examples.snippets.MonitorEvents}.
 */
package nftlink.examples.snippets;
