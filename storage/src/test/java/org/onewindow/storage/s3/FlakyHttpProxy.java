package org.onewindow.storage.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 forwarding proxy on loopback that can answer the next requests with a server error instead of
 * forwarding them — a real network failure mode for retry tests, without mocking the S3 client. Requests are
 * forwarded byte for byte (so AWS signatures stay valid), one upstream connection per client connection.
 */
final class FlakyHttpProxy implements AutoCloseable {
    private final ServerSocket serverSocket;
    private final URI upstream;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flaky-http-proxy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile String failureMatch = "";
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    FlakyHttpProxy(String upstreamEndpoint) throws IOException {
        this.upstream = URI.create(upstreamEndpoint);
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    String endpoint() {
        return "http://127.0.0.1:" + serverSocket.getLocalPort();
    }

    /** Answers the next {@code count} requests with {@code status} and an S3 XML error body. */
    void failNext(int count, int status) {
        failMatching("", count, status);
    }

    /** Answers the next {@code count} requests whose "METHOD path?query" contains {@code part} with {@code status}. */
    void failMatching(String part, int count, int status) {
        failureStatus = status;
        failureMatch = part;
        failuresLeft.set(count);
    }

    /** "METHOD path?query" of every request seen, failed or forwarded. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void clearRequests() {
        requests.clear();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                sockets.add(client);
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket server = null;
        InputStream fromServer = null;
        try (client) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            while (true) {
                Message request = Message.read(fromClient, false, null);
                if (request == null) {
                    return;
                }
                String requestLine = request.firstLine.substring(0, request.firstLine.lastIndexOf(' '));
                requests.add(requestLine);
                if (requestLine.contains(failureMatch) && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>ServiceUnavailable</Code>"
                            + "<Message>injected failure</Message></Error>").getBytes(StandardCharsets.UTF_8);
                    String head = "HTTP/1.1 " + failureStatus + " Injected\r\nContent-Type: application/xml\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n";
                    toClient.write(head.getBytes(StandardCharsets.US_ASCII));
                    toClient.write(body);
                    toClient.flush();
                    continue;
                }
                if (server == null) {
                    server = new Socket(upstream.getHost(), upstream.getPort());
                    sockets.add(server);
                    fromServer = new BufferedInputStream(server.getInputStream());
                }
                server.getOutputStream().write(request.raw);
                server.getOutputStream().flush();
                String method = request.firstLine.substring(0, request.firstLine.indexOf(' '));
                Message response = Message.read(fromServer, true, method);
                if (response == null) {
                    return;
                }
                toClient.write(response.raw);
                toClient.flush();
            }
        } catch (IOException e) {
            // connection closed by either side
        } finally {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        threads.shutdownNow();
    }

    /** One HTTP/1.1 message (request or response) read whole, with its raw bytes. */
    private record Message(String firstLine, byte[] raw) {
        static Message read(InputStream in, boolean response, String requestMethod) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            String firstLine = readLine(in, raw);
            if (firstLine == null) {
                return null;
            }
            long contentLength = -1;
            boolean chunked = false;
            String line;
            while ((line = readLine(in, raw)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            boolean noBody = response && ("HEAD".equals(requestMethod) || firstLine.contains(" 204 ")
                    || firstLine.contains(" 304 "));
            if (noBody) {
                return new Message(firstLine, raw.toByteArray());
            }
            if (chunked) {
                while (true) {
                    String sizeLine = readLine(in, raw);
                    int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                    copy(in, raw, size);
                    readLine(in, raw);
                    if (size == 0) {
                        break;
                    }
                }
            } else if (contentLength > 0) {
                copy(in, raw, contentLength);
            }
            return new Message(firstLine, raw.toByteArray());
        }

        private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                raw.write(c);
                if (c == '\n') {
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r') {
                        line.setLength(length - 1);
                    }
                    return line.toString();
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }

        private static void copy(InputStream in, ByteArrayOutputStream raw, long count) throws IOException {
            byte[] buffer = new byte[8192];
            long left = count;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("connection closed in the middle of a message");
                }
                raw.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
