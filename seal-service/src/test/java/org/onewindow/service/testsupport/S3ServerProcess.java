package org.onewindow.service.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.onewindow.storage.s3.S3ObjectStore;
import org.onewindow.storage.s3.S3StoreConfig;

/**
 * An S3 server (the storage module's S3TestServer, i.e. S3Proxy with S3's conditional-write semantics) in a child
 * JVM. Its class path comes from {@code mvn -o -pl storage dependency:build-classpath} (cached in
 * {@code seal-service/target/storage-test-classpath.txt}), so Maven must be on the PATH and the storage module built
 * (it is, in a reactor build with {@code -am}).
 */
public final class S3ServerProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String endpoint;
    private final String accessKey;
    private final String secretKey;

    public S3ServerProcess() {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        Path classpathFile = root.resolve("seal-service/target/storage-test-classpath.txt");
        try {
            if (!Files.exists(classpathFile)
                    || Files.getLastModifiedTime(classpathFile).compareTo(Files.getLastModifiedTime(
                    root.resolve("storage/pom.xml"))) < 0
                    || Files.getLastModifiedTime(classpathFile).compareTo(Files.getLastModifiedTime(
                    root.resolve("pom.xml"))) < 0) {
                Process mvn = new ProcessBuilder("mvn", "-q", "-o", "-pl", "storage", "dependency:build-classpath",
                        "-Dmdep.includeScope=test", "-Dmdep.outputFile=" + classpathFile)
                        .directory(root.toFile()).redirectErrorStream(true).start();
                String mvnOutput = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!mvn.waitFor(120, TimeUnit.SECONDS) || mvn.exitValue() != 0) {
                    Files.deleteIfExists(classpathFile);
                    throw new IllegalStateException("could not compute the storage test class path (needs 'mvn' on"
                            + " the PATH, Debian package maven): " + mvnOutput);
                }
            }
            String classpath = String.join(java.io.File.pathSeparator, List.of(
                    root.resolve("seal-service/target/test-classes").toString(),
                    root.resolve("storage/target/test-classes").toString(),
                    root.resolve("storage/target/classes").toString(),
                    Files.readString(classpathFile).strip()));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Its data goes under target/ (the child may exit before S3Proxy has removed its directory).
            Path tmp = Files.createDirectories(root.resolve("seal-service/target/s3-test-tmp"));
            process = new ProcessBuilder(java, "-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-cp", classpath,
                    S3ServerMain.class.getName())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String ready = readLine(Duration.ofSeconds(60));
            String[] parts = ready.split(" ");
            if (parts.length != 4 || !parts[0].equals("READY")) {
                throw new IllegalStateException("S3 server did not start: " + ready);
            }
            endpoint = parts[1];
            accessKey = parts[2];
            secretKey = parts[3];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A store on a new, empty bucket. */
    public S3ObjectStore newStore() {
        try {
            in.write("bucket\n");
            in.flush();
            String bucket = readLine(Duration.ofSeconds(30));
            return new S3ObjectStore(new S3StoreConfig(endpoint, "us-east-1", bucket, accessKey, secretKey,
                    S3StoreConfig.MIN_PART_SIZE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readLine(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // readLine blocks; the child prints promptly or dies (then readLine returns null)
        String line = out.readLine();
        if (line == null || System.nanoTime() > deadline) {
            throw new IllegalStateException("S3 server process ended or was too slow (exit "
                    + (process.isAlive() ? "running" : process.exitValue()) + ")");
        }
        return line;
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
