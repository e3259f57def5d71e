package dev.resilientpay.benchmarks.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider that is down, on loopback. {@link #refusing()}: nothing listens, connections are refused
 * at once (a crashed host). {@link #blackhole()}: a socket that listens with a full accept queue and
 * never accepts, so the kernel drops new SYNs and clients wait for their connect timeout (a network
 * partition, a dead load balancer).
 */
public final class DeadEndpoint implements AutoCloseable {

    private final int port;
    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    private DeadEndpoint(int port, ServerSocket server) {
        this.port = port;
        this.server = server;
    }

    /** A free port nobody listens on. */
    public static DeadEndpoint refusing() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new DeadEndpoint(probe.getLocalPort(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port whose accept queue is full: connects time out. */
    public static DeadEndpoint blackhole() {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            DeadEndpoint endpoint = new DeadEndpoint(server.getLocalPort(), server);
            // Linux queues backlog + 1 connections; these fill it, later SYNs are dropped.
            for (int i = 0; i < 4; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port), 200);
                    endpoint.fillers.add(filler);
                } catch (IOException full) {
                    filler.close();
                    break;
                }
            }
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loopback port. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            for (Socket filler : fillers) {
                filler.close();
            }
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
