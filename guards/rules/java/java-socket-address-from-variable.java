import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;

public class Fetcher {
    private static final String STATUS_URL = "https://status.example.com/health";

    public Socket open(String host, int port) throws IOException {
        Socket socket = new Socket();
        // ruleid: java-socket-address-from-variable
        socket.connect(new InetSocketAddress(host, port), 2000);
        return socket;
    }

    public InputStream download(String src) throws IOException {
        // ruleid: java-socket-address-from-variable
        return new URL(src).openStream();
    }

    public HttpURLConnection call(String base, String path) throws IOException {
        // ruleid: java-socket-address-from-variable
        return (HttpURLConnection) (new URL(base + path)).openConnection();
    }

    public InputStream status() throws IOException {
        // ok: java-socket-address-from-variable
        return new URL(STATUS_URL).openStream();
    }

    public InetSocketAddress local(int port) throws IOException {
        // ok: java-socket-address-from-variable
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public InetSocketAddress any(int port) {
        // ok: java-socket-address-from-variable
        return new InetSocketAddress(port);
    }

    public InetSocketAddress fixed() {
        // ok: java-socket-address-from-variable
        return new InetSocketAddress("localhost", 8080);
    }
}
