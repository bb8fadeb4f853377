package io.imstarter.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Plain HTTP/1.1 requests over a socket, to see exactly what the WebSocket gateway answers. */
public final class RawHttp {

    /** How much of an answer is read; the gateway's error pages and upgrade responses are far smaller. */
    private static final int MAX_ANSWER = 64 * 1024;

    /**
     * The server's answer to one request.
     *
     * @param statusLine the first line, e.g. {@code HTTP/1.1 404 Not Found}
     * @param closedByServer whether the server closed the connection after answering
     */
    public record Response(String statusLine, boolean closedByServer) {

        public int status() {
            String[] parts = statusLine.split(" ");
            return parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code GET path} without upgrade headers and reads until the server closes or goes quiet. */
    public static Response get(InetSocketAddress server, String path) {
        try (Socket socket = send(server, "GET " + path + " HTTP/1.1\r\nHost: " + host(server) + "\r\n\r\n")) {
            StringBuilder answer = new StringBuilder();
            boolean closed = readUntilClosed(socket.getInputStream(), answer);
            String text = answer.toString();
            int lineEnd = text.indexOf("\r\n");
            return new Response(lineEnd < 0 ? text : text.substring(0, lineEnd), closed);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("HTTP request to " + server + path + " failed", ex);
        }
    }

    /** Sends a WebSocket upgrade request offering {@code extensions} and returns the response's status and headers. */
    public static String upgradeHead(InetSocketAddress server, String path, String extensions) {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host(server)
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13"
                + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Extensions: " + extensions
                + "\r\n\r\n";
        try (Socket socket = send(server, request)) {
            StringBuilder head = new StringBuilder();
            InputStream in = socket.getInputStream();
            int next;
            while (head.indexOf("\r\n\r\n") < 0 && head.length() < MAX_ANSWER && (next = in.read()) >= 0) {
                head.append((char) next);
            }
            return head.toString();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("WebSocket upgrade request to " + server + path + " failed", ex);
        }
    }

    private static Socket send(InetSocketAddress server, String request) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, (int) RawClient.TIMEOUT.toMillis());
            socket.setSoTimeout((int) RawClient.TIMEOUT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket;
        }
        catch (IOException ex) {
            socket.close();
            throw ex;
        }
    }

    private static String host(InetSocketAddress server) {
        return "127.0.0.1:" + server.getPort();
    }

    private static boolean readUntilClosed(InputStream in, StringBuilder answer) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                if (answer.length() > MAX_ANSWER) {
                    return false;
                }
            }
            return true;
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
        catch (SocketException ex) {
            // A reset after the answer is a close too.
            return true;
        }
    }
}
