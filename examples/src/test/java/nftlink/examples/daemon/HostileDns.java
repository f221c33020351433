package nftlink.examples.daemon;

import nftlink.netlink.NetworkNamespace;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A name server on a loopback address of a test namespace that misbehaves on
 * purpose: it answers every A question for any name with {@link #ADDRESS}, but
 * first, depending on its {@link Mode}, says nothing, truncates (and answers in
 * full over TCP, on the same port), or lies: a reply with the wrong ID, one for
 * another name, one of another type and one of another class before the true one.
 */
final class HostileDns implements AutoCloseable {

    /** What every true answer holds. */
    static final byte[] ADDRESS = {10, 9, 8, 7};
    /** A lie's address. */
    static final byte[] LIE = {6, 6, 6, 6};

    /** How it misbehaves. */
    enum Mode { SILENT, TRUNCATE, LIE, HONEST }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile Mode mode;
    /** UDP questions seen. */
    final AtomicInteger udpQuestions = new AtomicInteger();
    /** TCP questions seen. */
    final AtomicInteger tcpQuestions = new AtomicInteger();

    /** Listens on {@code address} (UDP and TCP, one port) in {@code ns}. */
    HostileDns(NetworkNamespace ns, String address, Mode mode) {
        this.mode = mode;
        udp = ns.call(() -> {
            try {
                return new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        tcp = ns.call(() -> {
            try {
                return new ServerSocket(udp.getLocalPort(), 5, InetAddress.getByName(address));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.ofPlatform().daemon(true).start(this::serveUdp);
        Thread.ofPlatform().daemon(true).start(this::serveTcp);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) udp.getLocalSocketAddress();
    }

    void mode(Mode m) {
        mode = m;
    }

    private void serveUdp() {
        byte[] buf = new byte[512];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                udpQuestions.incrementAndGet();
                ByteBuffer q = ByteBuffer.wrap(buf, 0, p.getLength()).asReadOnlyBuffer();
                switch (mode) {
                    case SILENT -> { }
                    case TRUNCATE -> send(p, reply(q, 0, 0, 0, true, LIE));
                    case LIE -> {
                        send(p, reply(q, 1, 0, 0, false, LIE));
                        send(p, reply(q, 0, 1, 0, false, LIE));
                        send(p, reply(q, 0, 0, 1, false, LIE));
                        send(p, reply(q, 0, 0, 2, false, LIE));
                        send(p, reply(q, 0, 0, 0, false, ADDRESS));
                    }
                    case HONEST -> send(p, reply(q, 0, 0, 0, false, ADDRESS));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void send(DatagramPacket to, byte[] reply) throws IOException {
        udp.send(new DatagramPacket(reply, reply.length, to.getSocketAddress()));
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] q = new byte[in.readUnsignedShort()];
                in.readFully(q);
                tcpQuestions.incrementAndGet();
                if (mode == Mode.SILENT) {
                    continue;
                }
                byte[] reply = reply(ByteBuffer.wrap(q), 0, 0, 0, false, ADDRESS);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    /**
     * A reply to {@code q}: {@code idDelta} added to its ID, the first letter of the name
     * changed when {@code otherName} is 1, the type changed ({@code skew} 1) or the class
     * changed ({@code skew} 2), the TC bit set when {@code truncated} (then no answer).
     */
    private static byte[] reply(ByteBuffer q, int idDelta, int otherName, int skew, boolean truncated, byte[] address) {
        int id = (q.getShort(0) + idDelta) & 0xffff;
        int end = 12;
        while (q.get(end) != 0) {
            end += 1 + (q.get(end) & 0xff);
        }
        end += 5;
        byte[] question = new byte[end - 12];
        q.get(12, question);
        if (otherName == 1) {
            question[1] = (byte) (question[1] == 'x' ? 'y' : 'x');
        }
        int type = (question[question.length - 4] & 0xff) << 8 | question[question.length - 3] & 0xff;
        if (skew == 1) {
            question[question.length - 3] = (byte) (type == DnsClient.A ? DnsClient.AAAA : DnsClient.A);
        } else if (skew == 2) {
            question[question.length - 1] = 3;
        }
        boolean answer = !truncated && type == DnsClient.A;
        ByteBuffer out = ByteBuffer.allocate(512);
        out.putShort((short) id).putShort((short) (0x8180 | (truncated ? 0x0200 : 0))).putShort((short) 1)
                .putShort((short) (answer ? 1 : 0)).putShort((short) 0).putShort((short) 0).put(question);
        if (answer) {
            out.putShort((short) 0xc00c).putShort((short) DnsClient.A).putShort((short) 1).putInt(300).putShort((short) 4).put(address);
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
