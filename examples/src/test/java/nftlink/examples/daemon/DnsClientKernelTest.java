package nftlink.examples.daemon;

import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DNS client against name servers on the loopback of a throwaway namespace
 * that truncate, lie and go silent: TCP after truncation, every server in turn
 * with timeouts and rounds, only the answer to the question asked.
 */
@KernelTest
class DnsClientKernelTest {

    private static DnsClient client(NetworkNamespace n, int timeoutMillis, int attempts, HostileDns... servers) {
        return new DnsClient(new DnsClient.Settings(java.util.Arrays.stream(servers).map(HostileDns::address).toList(),
                timeoutMillis, attempts), new Daemon.NamespaceTransport(n));
    }

    private static InetAddress address(byte[] a) throws IOException {
        return InetAddress.getByAddress(a);
    }

    @Test
    void aTruncatedAnswerIsAskedAgainOverTcp(TestNamespace ns) throws Exception {
        ns.exec("ip", "link", "set", "lo", "up").orThrow();
        try (NetworkNamespace n = ns.open(); HostileDns dns = new HostileDns(n, "127.0.0.1", HostileDns.Mode.TRUNCATE)) {
            List<DnsClient.Answer> a = client(n, 2000, 1, dns).query("mail.example.org", DnsClient.A);
            assertThat(a).containsExactly(new DnsClient.Answer(address(HostileDns.ADDRESS), 300));
            assertThat(dns.tcpQuestions.get()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheAnswerToTheQuestionAskedCounts(TestNamespace ns) throws Exception {
        ns.exec("ip", "link", "set", "lo", "up").orThrow();
        try (NetworkNamespace n = ns.open(); HostileDns dns = new HostileDns(n, "127.0.0.1", HostileDns.Mode.LIE)) {
            List<DnsClient.Answer> a = client(n, 2000, 1, dns).query("xmail.example.org", DnsClient.A);
            assertThat(a).as("wrong ID, other name, other type, other class are ignored")
                    .containsExactly(new DnsClient.Answer(address(HostileDns.ADDRESS), 300));
        }
    }

    @Test
    void aSilentServerIsPassedOverAndEveryServerIsAskedInRounds(TestNamespace ns) throws Exception {
        ns.exec("ip", "link", "set", "lo", "up").orThrow();
        ns.exec("ip", "addr", "add", "127.0.0.2/8", "dev", "lo").orThrow();
        try (NetworkNamespace n = ns.open(); HostileDns silent = new HostileDns(n, "127.0.0.1", HostileDns.Mode.SILENT);
             HostileDns honest = new HostileDns(n, "127.0.0.2", HostileDns.Mode.HONEST)) {
            assertThat(client(n, 300, 1, silent, honest).query("mail.example.org", DnsClient.A))
                    .containsExactly(new DnsClient.Answer(address(HostileDns.ADDRESS), 300));
            assertThat(silent.udpQuestions.get()).isEqualTo(1);

            honest.mode(HostileDns.Mode.SILENT);
            assertThatThrownBy(() -> client(n, 200, 3, silent, honest).query("mail.example.org", DnsClient.A))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("mail.example.org: no answer from 2 name server(s) in 3 round(s); last: no answer from ");
            assertThat(silent.udpQuestions.get()).as("one question a round").isEqualTo(1 + 3);
            assertThat(honest.udpQuestions.get()).isEqualTo(1 + 3);
        }
    }

    @Test
    void resolvConfGivesEveryNameServerWithItsTimeoutAndAttempts() throws IOException {
        DnsClient.Settings s = DnsClient.settings("""
                # comment
                search example.org
                nameserver 192.0.2.1
                nameserver 2001:db8::53
                nameserver not-an-address
                options rotate timeout:3 attempts:4
                """);
        assertThat(s.servers()).extracting(a -> a.getAddress().getHostAddress() + " " + a.getPort())
                .containsExactly("192.0.2.1 53", "2001:db8:0:0:0:0:0:53 53");
        assertThat(s.timeoutMillis()).isEqualTo(3000);
        assertThat(s.attempts()).isEqualTo(4);
        assertThat(DnsClient.settings("nameserver 192.0.2.1\n").timeoutMillis()).as("resolv.conf's default").isEqualTo(5000);
        assertThatThrownBy(() -> DnsClient.settings("search x\n")).hasMessage("no nameserver in /etc/resolv.conf");
    }
}
