package nftlink.examples.daemon;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A minimal DNS stub resolver over UDP that keeps the records' TTLs (which
 * {@link InetAddress} does not give): one question, A or AAAA, answered by one
 * recursive name server.
 */
final class DnsClient {

    /** Record type A. */
    static final int A = 1;
    /** Record type AAAA. */
    static final int AAAA = 28;

    /** An address with the TTL its record had. */
    record Answer(InetAddress address, long ttlSeconds) {
    }

    private final InetSocketAddress server;
    private final Supplier<DatagramSocket> sockets;
    private final int timeoutMillis;

    /**
     * @param server  the name server
     * @param sockets opens the socket for a query (e.g. in a network namespace)
     * @param timeoutMillis how long to wait for an answer
     */
    DnsClient(InetSocketAddress server, Supplier<DatagramSocket> sockets, int timeoutMillis) {
        this.server = Objects.requireNonNull(server, "server");
        this.sockets = Objects.requireNonNull(sockets, "sockets");
        this.timeoutMillis = timeoutMillis;
    }

    /** The first {@code nameserver} of {@code /etc/resolv.conf}, port 53. */
    static InetSocketAddress systemServer() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 2 && w[0].equals("nameserver")) {
                return new InetSocketAddress(InetAddress.getByName(w[1]), 53);
            }
        }
        throw new IOException("no nameserver in /etc/resolv.conf");
    }

    /**
     * The addresses of {@code type} for {@code name}.
     *
     * @throws IOException when there is no answer, or the server reports an error (NXDOMAIN included)
     */
    List<Answer> query(String name, int type) throws IOException {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] question = question(id, name, type);
        try (DatagramSocket socket = sockets.get()) {
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(question, question.length, server));
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    throw new IOException("no answer from " + server + " for " + name + " within " + timeoutMillis + " ms");
                }
                if (reply.getSocketAddress().equals(server) && reply.getLength() >= 12
                        && ((buffer[0] & 0xff) << 8 | buffer[1] & 0xff) == id) {
                    return parse(ByteBuffer.wrap(buffer, 0, reply.getLength()), name, type);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no answer from " + server + " for " + name);
                }
            }
        }
    }

    static byte[] question(int id, String name, int type) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (String label : name.replaceAll("\\.$", "").split("\\.")) {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            if (l.length == 0 || l.length > 63) {
                throw new IllegalArgumentException("not a host name: \"" + name + "\"");
            }
            b.put((byte) l.length).put(l);
        }
        b.put((byte) 0).putShort((short) type).putShort((short) 1);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static List<Answer> parse(ByteBuffer b, String name, int type) throws IOException {
        try {
            b.position(2);
            int flags = b.getShort() & 0xffff;
            int rcode = flags & 0xf;
            if (rcode != 0) {
                throw new IOException(name + ": the name server answered " + switch (rcode) {
                    case 2 -> "SERVFAIL";
                    case 3 -> "NXDOMAIN";
                    case 5 -> "REFUSED";
                    default -> "rcode " + rcode;
                });
            }
            int questions = b.getShort() & 0xffff;
            int answers = b.getShort() & 0xffff;
            b.position(12);
            for (int i = 0; i < questions; i++) {
                skipName(b);
                b.position(b.position() + 4);
            }
            List<Answer> out = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                skipName(b);
                int rtype = b.getShort() & 0xffff;
                b.getShort();
                long ttl = b.getInt() & 0xffffffffL;
                int length = b.getShort() & 0xffff;
                byte[] data = new byte[length];
                b.get(data);
                if (rtype == type && (type == A && length == 4 || type == AAAA && length == 16)) {
                    out.add(new Answer(InetAddress.getByAddress(data), ttl));
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw new IOException(name + ": malformed answer from the name server", e);
        }
    }

    private static void skipName(ByteBuffer b) {
        while (true) {
            int len = b.get() & 0xff;
            if (len == 0) {
                return;
            }
            if ((len & 0xc0) == 0xc0) {
                b.get();
                return;
            }
            b.position(b.position() + len);
        }
    }
}
