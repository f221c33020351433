package nftlink.examples.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal DNS stub resolver that keeps the records' TTLs (which
 * {@link InetAddress} does not give): one question, A or AAAA. It asks each name
 * server in turn, each with a timeout, for a number of rounds, as the C library
 * does with {@code resolv.conf}; a truncated UDP answer is asked again over TCP.
 * An answer counts only if it comes from the server asked and is the answer to
 * the question asked: same ID, a response, one question with the same name
 * (ignoring case), type and class. Anything else is ignored while the wait lasts.
 */
final class DnsClient {

    /** Record type A. */
    static final int A = 1;
    /** Record type AAAA. */
    static final int AAAA = 28;
    private static final int CLASS_IN = 1;
    private static final int FLAG_RESPONSE = 0x8000;
    private static final int FLAG_TRUNCATED = 0x0200;
    private static final int MAX_POINTERS = 64;

    /** An address with the TTL its record had. */
    record Answer(InetAddress address, long ttlSeconds) {
    }

    /**
     * Whom to ask, and how patiently.
     *
     * @param servers       the name servers, in order
     * @param timeoutMillis how long to wait for each server in each round
     * @param attempts      how many rounds over all servers
     */
    record Settings(List<InetSocketAddress> servers, int timeoutMillis, int attempts) {
        Settings {
            servers = List.copyOf(servers);
            if (servers.isEmpty() || timeoutMillis <= 0 || attempts <= 0) {
                throw new IllegalArgumentException("DNS needs a name server, a timeout and at least one attempt");
            }
        }
    }

    /** Opens sockets (e.g. in a network namespace). */
    interface Transport {
        /** An unbound UDP socket. */
        DatagramSocket udp() throws IOException;

        /** An unconnected TCP socket. */
        Socket tcp() throws IOException;
    }

    /** The server says the name does not exist (NXDOMAIN): final, no other server is asked. */
    static final class NoSuchName extends IOException {
        NoSuchName(String name) {
            super(name + ": the name server answered NXDOMAIN");
        }
    }

    private final Settings settings;
    private final Transport transport;

    DnsClient(Settings settings, Transport transport) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Every {@code nameserver} of {@code /etc/resolv.conf} on port 53, with its
     * {@code options timeout:N attempts:N} (default 5 s and 2, as resolv.conf(5)).
     */
    static Settings systemSettings() throws IOException {
        return settings(Files.readString(Path.of("/etc/resolv.conf")));
    }

    /** The settings a {@code resolv.conf} text gives. */
    static Settings settings(String resolvConf) throws IOException {
        List<InetSocketAddress> servers = new ArrayList<>();
        int timeout = 5;
        int attempts = 2;
        for (String line : resolvConf.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 2 && w[0].equals("nameserver")) {
                try {
                    servers.add(new InetSocketAddress(InetAddress.ofLiteral(w[1].replaceAll("%.*$", "")), 53));
                } catch (IllegalArgumentException e) {
                    // resolv.conf(5) allows only addresses; the C library skips anything else too
                }
            } else if (w[0].equals("options")) {
                for (int i = 1; i < w.length; i++) {
                    timeout = option(w[i], "timeout:", timeout, 1, 30);
                    attempts = option(w[i], "attempts:", attempts, 1, 5);
                }
            }
        }
        if (servers.isEmpty()) {
            throw new IOException("no nameserver in /etc/resolv.conf");
        }
        return new Settings(servers, timeout * 1000, attempts);
    }

    private static int option(String word, String prefix, int value, int min, int max) {
        if (!word.startsWith(prefix)) {
            return value;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(word.substring(prefix.length()))));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /**
     * The addresses of {@code type} for {@code name}.
     *
     * @throws NoSuchName when a server says the name does not exist
     * @throws IOException when no server gave an answer
     */
    List<Answer> query(String name, int type) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < settings.attempts(); attempt++) {
            for (InetSocketAddress server : settings.servers()) {
                try {
                    return ask(server, name, type);
                } catch (NoSuchName e) {
                    throw e;
                } catch (IOException e) {
                    last = e;
                }
            }
        }
        throw new IOException(name + ": no answer from " + settings.servers().size() + " name server(s) in "
                + settings.attempts() + " round(s); last: " + (last == null ? "none" : last.getMessage()));
    }

    private List<Answer> ask(InetSocketAddress server, String name, int type) throws IOException {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] question = question(id, name, type);
        try (DatagramSocket socket = transport.udp()) {
            socket.send(new DatagramPacket(question, question.length, server));
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + settings.timeoutMillis() * 1_000_000L;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new IOException("no answer from " + server + " for " + name + " within " + settings.timeoutMillis() + " ms");
                }
                socket.setSoTimeout((int) left);
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, reply.getLength());
                if (!reply.getSocketAddress().equals(server) || !answers(b, id, name, type)) {
                    continue;
                }
                if ((b.getShort(2) & FLAG_TRUNCATED) != 0) {
                    return askOverTcp(server, name, type);
                }
                return parse(b, name, type);
            }
        }
    }

    private List<Answer> askOverTcp(InetSocketAddress server, String name, int type) throws IOException {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] question = question(id, name, type);
        try (Socket socket = transport.tcp()) {
            socket.connect(server, settings.timeoutMillis());
            socket.setSoTimeout(settings.timeoutMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(question.length);
            out.write(question);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] message = new byte[in.readUnsignedShort()];
            in.readFully(message);
            ByteBuffer b = ByteBuffer.wrap(message);
            if (!answers(b, id, name, type)) {
                throw new IOException(name + ": the TCP answer of " + server + " is not for the question asked");
            }
            return parse(b, name, type);
        } catch (SocketTimeoutException e) {
            throw new IOException("no TCP answer from " + server + " for " + name + " within " + settings.timeoutMillis() + " ms");
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
        b.put((byte) 0).putShort((short) type).putShort((short) CLASS_IN);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** Whether {@code b} is a response with this ID to exactly this question. */
    static boolean answers(ByteBuffer b, int id, String name, int type) {
        try {
            if (b.limit() < 12 || (b.getShort(0) & 0xffff) != id || (b.getShort(2) & FLAG_RESPONSE) == 0
                    || (b.getShort(4) & 0xffff) != 1) {
                return false;
            }
            int[] at = {12};
            String asked = readName(b, at);
            int qtype = b.getShort(at[0]) & 0xffff;
            int qclass = b.getShort(at[0] + 2) & 0xffff;
            return asked.equalsIgnoreCase(name.replaceAll("\\.$", "")) && qtype == type && qclass == CLASS_IN;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return false;
        }
    }

    static List<Answer> parse(ByteBuffer b, String name, int type) throws IOException {
        try {
            int rcode = b.getShort(2) & 0xf;
            if (rcode == 3) {
                throw new NoSuchName(name);
            }
            if (rcode != 0) {
                throw new IOException(name + ": the name server answered " + switch (rcode) {
                    case 2 -> "SERVFAIL";
                    case 5 -> "REFUSED";
                    default -> "rcode " + rcode;
                });
            }
            int questions = b.getShort(4) & 0xffff;
            int answers = b.getShort(6) & 0xffff;
            int[] at = {12};
            for (int i = 0; i < questions; i++) {
                readName(b, at);
                at[0] += 4;
            }
            List<Answer> out = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                readName(b, at);
                int rtype = b.getShort(at[0]) & 0xffff;
                int rclass = b.getShort(at[0] + 2) & 0xffff;
                long ttl = b.getInt(at[0] + 4) & 0xffffffffL;
                int length = b.getShort(at[0] + 8) & 0xffff;
                byte[] data = new byte[length];
                b.get(at[0] + 10, data);
                at[0] += 10 + length;
                if (rtype == type && rclass == CLASS_IN && (type == A && length == 4 || type == AAAA && length == 16)) {
                    out.add(new Answer(InetAddress.getByAddress(data), ttl));
                }
            }
            return out;
        } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException(name + ": malformed answer from the name server", e);
        }
    }

    /** The name at {@code at[0]} (following compression pointers); {@code at[0]} moves past it. */
    private static String readName(ByteBuffer b, int[] at) {
        StringBuilder name = new StringBuilder();
        int pos = at[0];
        int end = -1;
        for (int pointers = 0; ; ) {
            int len = b.get(pos) & 0xff;
            if (len == 0) {
                at[0] = end >= 0 ? end : pos + 1;
                return name.toString();
            }
            if ((len & 0xc0) == 0xc0) {
                if (++pointers > MAX_POINTERS) {
                    throw new IllegalArgumentException("a loop of name pointers");
                }
                if (end < 0) {
                    end = pos + 2;
                }
                pos = (len & 0x3f) << 8 | b.get(pos + 1) & 0xff;
                continue;
            }
            byte[] label = new byte[len];
            b.get(pos + 1, label);
            name.append(name.isEmpty() ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
            pos += 1 + len;
        }
    }
}
