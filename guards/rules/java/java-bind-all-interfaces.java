package com.example.net;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import javax.net.ssl.SSLServerSocketFactory;

public class Listeners {
    public HttpServer admin() throws IOException {
        // ruleid: java-bind-all-interfaces
        return HttpServer.create(new InetSocketAddress(8080), 0);
    }

    public void channel(ServerSocketChannel channel, int port) throws IOException {
        // ruleid: java-bind-all-interfaces
        InetSocketAddress address = new InetSocketAddress(port);
        channel.socket().bind(address);
    }

    public ServerSocket plain(int port) throws IOException {
        // ruleid: java-bind-all-interfaces
        return new ServerSocket(port, 50);
    }

    public ServerSocket tls(SSLServerSocketFactory factory) throws IOException {
        // ruleid: java-bind-all-interfaces
        return factory.createServerSocket(8443);
    }

    public InetSocketAddress wildcard(int port) {
        // ruleid: java-bind-all-interfaces
        return new InetSocketAddress("0.0.0.0", port);
    }

    public HttpServer local() throws IOException {
        // ok: java-bind-all-interfaces
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080), 0);
    }

    public ServerSocket bound(int port) throws IOException {
        // ok: java-bind-all-interfaces
        return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    public InetSocketAddress configured(String host, int port) {
        // ok: java-bind-all-interfaces
        return new InetSocketAddress("127.0.0.1", port);
    }

    public int freePort() throws IOException {
        // ok: java-bind-all-interfaces
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    public void client(Socket socket) throws IOException {
        // ok: java-bind-all-interfaces
        socket.bind(new InetSocketAddress(0));
    }
}
