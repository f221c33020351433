package nftlink.examples.daemon;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static nftlink.examples.daemon.DaemonFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sets that follow DNS, against a name server the test runs on the loopback of a
 * throwaway namespace: A and AAAA addresses with TTL-bound timeouts, refreshed
 * before they expire, kept when a lookup fails, removed by {@code --flush}.
 */
@KernelTest
class DnsSetsKernelTest {

    @TempDir
    Path dir;

    /** A name server that answers from a map, or with SERVFAIL for names in {@code failing}. */
    static final class FakeDns implements AutoCloseable {
        record Rr(InetAddress address, int ttl) {
        }

        final Map<String, List<Rr>> records = new ConcurrentHashMap<>();
        final Map<String, Boolean> failing = new ConcurrentHashMap<>();
        final DatagramSocket socket;

        FakeDns(NetworkNamespace ns) {
            socket = ns.call(() -> new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)));
            Thread.ofPlatform().daemon(true).start(this::serve);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    byte[] reply = answer(ByteBuffer.wrap(buf, 0, p.getLength()));
                    socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }

        private byte[] answer(ByteBuffer q) {
            int id = q.getShort(0) & 0xffff;
            q.position(12);
            StringBuilder name = new StringBuilder();
            for (int len = q.get(); len != 0; len = q.get()) {
                byte[] label = new byte[len];
                q.get(label);
                name.append(name.isEmpty() ? "" : ".").append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
            }
            int type = q.getShort() & 0xffff;
            q.getShort();
            int questionEnd = q.position();
            boolean fail = failing.getOrDefault(name.toString(), false);
            List<Rr> rrs = fail ? List.of() : records.getOrDefault(name.toString(), List.of()).stream()
                    .filter(r -> r.address().getAddress().length == (type == DnsClient.A ? 4 : 16)).toList();
            ByteBuffer out = ByteBuffer.allocate(512);
            out.putShort((short) id).putShort((short) (fail ? 0x8182 : 0x8180)).putShort((short) 1).putShort((short) rrs.size())
                    .putShort((short) 0).putShort((short) 0);
            out.put(q.array(), 12, questionEnd - 12);
            for (Rr r : rrs) {
                byte[] a = r.address().getAddress();
                out.putShort((short) 0xc00c).putShort((short) type).putShort((short) 1).putInt(r.ttl()).putShort((short) a.length).put(a);
            }
            byte[] bytes = new byte[out.position()];
            out.flip().get(bytes);
            return bytes;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static Optional<SetElement> element(Nftables nft, Family family, String table, String address) throws Exception {
        Bytes key = Bytes.of(InetAddress.getByName(address).getAddress());
        return nft.listElements(family, table, "mail_hosts").stream().filter(e -> e.key().equals(key)).findFirst();
    }

    private static boolean has(Nftables nft, Family family, String table, String address) {
        try {
            return element(nft, family, table, address).isPresent();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void addressesFollowDnsWithTtlTimeoutsAndSurviveFailedLookups(TestNamespace ns) throws Exception {
        ns.exec("ip", "link", "set", "lo", "up").orThrow();
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, """
                table ip dns4 {
                	set mail_hosts { type ipv4_addr; flags timeout; }
                }
                table ip6 dns6 {
                	set mail_hosts { type ipv6_addr; flags timeout; }
                }
                # @mail_hosts :: mail.example.org, smtp.example.org
                """);
        List<String> log = new CopyOnWriteArrayList<>();
        try (DaemonFixture f = new DaemonFixture(); NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n);
             FakeDns dns = new FakeDns(n)) {
            dns.records.put("mail.example.org", List.of(new FakeDns.Rr(InetAddress.getByName("10.0.0.5"), 300),
                    new FakeDns.Rr(InetAddress.getByName("2001:db8::5"), 300)));
            dns.records.put("smtp.example.org", List.of(new FakeDns.Rr(InetAddress.getByName("10.0.0.6"), 2)));
            Daemon.Config config = Daemon.Config.of(policy).withLoad(true).in(n).watching(f.root)
                    .withDns(dns.address(), Duration.ofSeconds(1), Duration.ofSeconds(120));
            try (Daemon d = Daemon.open(config, log::add)) {
                d.start();
                assertThat(element(nft, Family.IP, "dns4", "10.0.0.5").orElseThrow().timeout()).as("ceiling").isEqualTo(Duration.ofMinutes(2));
                assertThat(element(nft, Family.IP, "dns4", "10.0.0.6").orElseThrow().timeout()).as("ttl").isEqualTo(Duration.ofSeconds(2));
                assertThat(has(nft, Family.IP6, "dns6", "2001:db8::5")).isTrue();
                assertThat(log).contains("dns @mail_hosts: added 10.0.0.5 (mail.example.org, timeout 120 s) to ip dns4 mail_hosts",
                        "dns @mail_hosts: added 2001:db8:0:0:0:0:0:5 (mail.example.org, timeout 120 s) to ip6 dns6 mail_hosts");

                DaemonFixture.Run status = DaemonFixture.nftlinkd("status", "--netns", ns.name(), "--watch", f.root.toString(),
                        policy.toString());
                assertThat(status.out()).contains("@mail_hosts (" + policy + ":7): mail.example.org, smtp.example.org\n",
                        "  ip dns4 mail_hosts: 10.0.0.5 (mail.example.org, expires in ", "  ip6 dns6 mail_hosts: 2001:db8:0:0:0:0:0:5 (");

                dns.records.put("smtp.example.org", List.of(new FakeDns.Rr(InetAddress.getByName("10.0.0.7"), 2)));
                await("the new address of smtp.example.org", () -> has(nft, Family.IP, "dns4", "10.0.0.7"));
                await("the old address expiring with its timeout", () -> !has(nft, Family.IP, "dns4", "10.0.0.6"));

                dns.failing.put("smtp.example.org", true);
                await("lookups failing for longer than the last timeout", () -> log.stream()
                        .filter(l -> l.startsWith("dns @mail_hosts: smtp.example.org A lookup failed")).count() >= 8);
                assertThat(has(nft, Family.IP, "dns4", "10.0.0.7")).as("a failed lookup never empties the set").isTrue();
                assertThat(has(nft, Family.IP, "dns4", "10.0.0.5")).isTrue();
            }
            DaemonFixture.Run flush = DaemonFixture.nftlinkd("--netns", ns.name(), "--remove-and-exit", policy.toString());
            assertThat(flush.status()).as(flush.err()).isZero();
            assertThat(nft.listElements(Family.IP, "dns4", "mail_hosts")).isEmpty();
            assertThat(nft.listElements(Family.IP6, "dns6", "mail_hosts")).isEmpty();
        }
    }

    @Test
    void aHostSetWithoutASetOrWithoutTimeoutsIsAPolicyError(TestNamespace ns) throws Exception {
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, "table ip t {\n\tset plain { type ipv4_addr; }\n}\n# @plain :: a.example.org\n# @nosuch :: b.example.org\n");
        DaemonFixture.Run r = DaemonFixture.nftlinkd("--netns", ns.name(), "--load", "--dns-server", "127.0.0.1:9", policy.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList().getFirst()).isEqualTo("nftlinkd: " + policy
                + ":4:3-8: Error: set ip t plain needs 'flags timeout' for addresses that follow DNS");
        assertThat(DaemonFixture.ruleset(ns)).isEmpty();
        Files.writeString(policy, "# @nosuch :: b.example.org\n");
        assertThat(DaemonFixture.nftlinkd("--netns", ns.name(), "--dns-server", "127.0.0.1:9", policy.toString()).err())
                .startsWith("nftlinkd: " + policy + ":1:3-9: Error: no set named nosuch of type ipv4_addr or ipv6_addr");
        Files.writeString(policy, "# @x :: ok.example.org, bad_host!\n");
        assertThat(DaemonFixture.nftlinkd("--netns", ns.name(), policy.toString()).err())
                .startsWith("nftlinkd: " + policy + ":1:25-33: Error: not a host name: \"bad_host!\"");
    }
}
