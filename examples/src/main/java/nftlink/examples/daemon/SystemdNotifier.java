package nftlink.examples.daemon;

import nftlink.netlink.SystemCallException;
import nftlink.netlink.internal.UnixDatagrams;

import java.nio.charset.StandardCharsets;

/**
 * systemd's readiness protocol ({@code sd_notify(3)}) without libsystemd: each
 * message is one datagram to the {@code AF_UNIX} socket named by
 * {@code $NOTIFY_SOCKET} (a path, or {@code @name} in the abstract namespace),
 * sent through the library's system calls ({@link UnixDatagrams}). Without the
 * variable (not started by systemd, or {@code Type=} other than {@code notify}) it
 * does nothing.
 * A failed send is reported once to the caller and never ends the daemon.
 */
final class SystemdNotifier {

    private final String socket;

    /** @param socket the value of {@code $NOTIFY_SOCKET}, or {@code null} when there is none */
    SystemdNotifier(String socket) {
        this.socket = socket == null || socket.isEmpty() ? null : socket;
        if (this.socket != null && (this.socket.charAt(0) != '/' && this.socket.charAt(0) != '@'
                || this.socket.getBytes(StandardCharsets.UTF_8).length >= UnixDatagrams.MAX_PATH_BYTES)) {
            throw new IllegalArgumentException("NOTIFY_SOCKET is neither an absolute path nor @name: " + socket);
        }
    }

    /** The notifier of this process's environment. */
    static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(System.getenv("NOTIFY_SOCKET"));
    }

    /** Whether systemd listens. */
    boolean enabled() {
        return socket != null;
    }

    /** {@code READY=1} with a status line. */
    void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status) + "\n");
    }

    /** {@code RELOADING=1} with the monotonic clock's time, as {@code Type=notify-reload} wants. */
    void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000 + "\nSTATUS=reloading the policy\n");
    }

    /** {@code STOPPING=1}. */
    void stopping() {
        send("STOPPING=1\nSTATUS=stopping; the rule set stays as it is\n");
    }

    /** {@code STATUS=} alone. */
    void status(String status) {
        send("STATUS=" + oneLine(status) + "\n");
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    /**
     * Sends one datagram; does nothing without a socket.
     *
     * @throws IllegalStateException when the socket cannot be reached
     */
    void send(String message) {
        if (socket == null) {
            return;
        }
        try {
            UnixDatagrams.send(socket, message.getBytes(StandardCharsets.UTF_8));
        } catch (SystemCallException e) {
            throw new IllegalStateException("cannot notify systemd at " + socket + ": " + e.getMessage(), e);
        }
    }
}
