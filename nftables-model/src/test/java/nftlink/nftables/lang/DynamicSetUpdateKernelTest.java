package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic set updates as nft 1.1.3 writes and lists them: constants in the key where the set's key has a part no field
 * gives ({@code add @s { ip saddr . 10002 timeout 1s }}, {@code update @s1 { ip saddr . 10.180.0.4 . 80 }}), element
 * timeouts in JSON ({@code {"elem": {"val": ..., "timeout": 1}}}), and set names with a slash (kube-proxy's).
 */
@KernelTest
class DynamicSetUpdateKernelTest {

    private static final String RULES = """
            table inet t {
            \tset candidates {
            \t\ttype ipv4_addr . inet_service
            \t\tsize 65535
            \t\tflags dynamic,timeout
            \t}

            \tset s1 {
            \t\ttype ipv4_addr . ipv4_addr . inet_service
            \t\tsize 65535
            \t\tflags dynamic,timeout
            \t\ttimeout 1h
            \t}

            \tset kube/svc-ips {
            \t\ttype ipv4_addr
            \t\tsize 65535
            \t\tflags dynamic,timeout
            \t}

            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t\ttcp dport 10001 add @candidates { ip saddr . 10002 timeout 1s }
            \t\ttcp dport 10002 ip saddr . tcp dport @candidates add @candidates { ip saddr . 10003 timeout 1s }
            \t\tupdate @s1 { ip saddr . 10.180.0.4 . 80 }
            \t\tadd @candidates { ip saddr . tcp dport timeout 30s }
            \t\tip daddr @kube/svc-ips accept
            \t\tupdate @kube/svc-ips { ip saddr timeout 10m }
            \t}
            }
            """;

    /** nft applies its JSON of constants in keys only with the set's key type at hand, which the JSON reader lacks. */
    @Test
    void updatesBothWays() {
        String listed = ReferenceCheck.of(RULES).withoutJsonApply().check();
        assertThat(listed).contains("add @candidates { ip saddr . 10002 timeout 1s }", "update @s1 { ip saddr . 10.180.0.4 . 80 }",
                "ip daddr @kube/svc-ips accept");
    }
}
