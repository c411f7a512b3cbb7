package org.onewindow.storage.s3;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsV2Response;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.RemoveObjectArgs;
import io.minio.S3Escaper;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadPartCopyResponse;
import io.minio.UploadPartResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import io.minio.messages.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.onewindow.storage.ByteRange;
import org.onewindow.storage.InvalidKeyException;
import org.onewindow.storage.InvalidMetadataException;
import org.onewindow.storage.InvalidRangeException;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectKey;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StorageException;
import org.onewindow.storage.StorageUnavailableException;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 / MinIO backend on the MinIO Java SDK (plain S3 API, works with any S3 implementation).
 *
 * <h2>How objects are written</h2>
 * <ul>
 *   <li>Content is read into one part buffer of at most {@link S3StoreConfig#partSize()} bytes (it starts at
 *   64 KiB and grows, so small records stay cheap) while its SHA-256 is computed; that buffer is the only memory an
 *   upload holds.</li>
 *   <li>An object that fits in one part is written with a single {@code PUT} carrying the SHA-256
 *   ({@code x-amz-meta-sha256}), the user metadata and the condition ({@code If-None-Match: *} or
 *   {@code If-Match: "etag"}).</li>
 *   <li>A larger object is spooled to a temp file in {@link S3StoreConfig#spoolDirectory()} (the part buffer is
 *   reused to copy, so memory stays at one part; the file is readable by its owner only and deleted when the put
 *   ends, whatever the outcome). S3 takes metadata only when a multipart upload starts, and the SHA-256 is known
 *   only once the content has been read, which is why the content is spooled first. Then one multipart upload to
 *   the real key is started with the full metadata, its parts are uploaded from the file (two
 *   at a time, each retried on its own by reading it again from the file) and it is completed with the condition
 *   header: S3 evaluates {@code If-None-Match}/{@code If-Match} on {@code CompleteMultipartUpload}, so the
 *   condition is atomic. Every failure aborts the upload (after the parts in flight have ended), so nothing is left
 *   behind; only a crash of this process can leave an incomplete upload (a bucket lifecycle rule for incomplete
 *   uploads cleans those up) and a spool file named {@code onewindow-s3-*.spool}.</li>
 *   <li>{@link #copy} assembles the target server-side from the source ({@code UploadPartCopy} into a multipart
 *   upload started with the metadata and completed with the condition), so the condition on the target is
 *   evaluated atomically by S3 and no content crosses the network; a plain {@code CopyObject} would not do, as
 *   some servers (S3Proxy) ignore conditions on it.</li>
 *   <li>Before a large transfer (multipart put, copy) the condition is checked once with a HEAD so that a write
 *   bound to fail does not spool and upload gigabytes first; the check that counts is still S3's, on
 *   completion.</li>
 *   <li>Cost: a large object is written once to local disk (the spool; usually still in the page cache when its
 *   parts are sent) and once to S3.</li>
 * </ul>
 *
 * <h2>Other notes</h2>
 * <ul>
 *   <li>Version = the object's ETag (without quotes).</li>
 *   <li>User metadata is stored as {@code x-amz-meta-u-<name>}; values that are not plain ASCII are RFC 2047
 *   encoded (see {@link S3Metadata}). On AWS S3 the 2 KiB metadata limit counts the encoded form plus this
 *   backend's own {@code sha256} entry (about 80 bytes with the prefixes), so metadata near the 2 KiB limit of
 *   {@link PutOptions} may be refused there ({@link InvalidMetadataException}).</li>
 *   <li>{@link #list} returns complete {@link ObjectInfo}s: ListObjectsV2 carries neither content type nor user
 *   metadata, so each listed object is HEADed (concurrently). An object deleted between the listing and its HEAD
 *   is left out of the page.</li>
 *   <li>{@link #delete} reports whether an object was there from a HEAD just before the DELETE (S3's DELETE does
 *   not say).</li>
 *   <li>{@link #deleteIfVersionMatches}: see its Javadoc for the atomicity limits.</li>
 *   <li>Retries: requests are retried with exponential backoff on 5xx answers, timeouts and I/O errors; never on
 *   4xx (so never on 412). A retried conditional write whose first attempt did succeed but whose answer was lost
 *   reports {@link PreconditionFailedException}; a retried {@code CompleteMultipartUpload} in the same situation
 *   reports {@link StorageUnavailableException} (outcome unknown).</li>
 *   <li>Keys under {@value #STAGING_PREFIX} are reserved for this backend and refused with
 *   {@link InvalidKeyException}.</li>
 * </ul>
 */
public final class S3ObjectStore implements ObjectStore {
    /**
     * Reserved key prefix for health probes (and the staging objects that earlier versions wrote for large puts);
     * hidden from listings.
     */
    public static final String STAGING_PREFIX = ".onewindow-staging/";

    static final String SHA256_HEADER = "x-amz-meta-sha256";
    static final String USER_METADATA_PREFIX = "x-amz-meta-u-";

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    private static final int MAX_PARTS = 10_000;
    /** Parts of one upload in flight at once; two keep the connection busy while the next part is signed. */
    private static final int PARALLEL_PARTS = 2;
    private static final int INITIAL_BUFFER_SIZE = 64 * 1024;
    private static final long MIN_COPY_PART_SIZE = 256L * 1024 * 1024;
    private static final int MAX_COPY_ATTEMPTS = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Set<String> RETRYABLE_CODES =
            Set.of("InternalError", "SlowDown", "ServiceUnavailable", "RequestTimeout", "ServiceFailure");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d{3})");

    private final S3StoreConfig config;
    private final OkHttpClient http;
    private final Client client;
    /** Runs part uploads; its threads exist only while uploads run. */
    private final ExecutorService partUploads;
    private volatile boolean bucketConfirmed;

    public S3ObjectStore(S3StoreConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.requestTimeout())
                .writeTimeout(config.requestTimeout())
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
        MinioAsyncClient.Builder builder = MinioAsyncClient.builder()
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http);
        try {
            builder.endpoint(config.endpoint());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid S3 endpoint '" + config.endpoint() + "': " + e.getMessage(), e);
        }
        if (config.region() != null && !config.region().isBlank()) {
            builder.region(config.region());
        }
        this.client = new Client(builder.build());
        AtomicInteger threadNumber = new AtomicInteger();
        // Unbounded pool, bounded use: each upload keeps at most PARALLEL_PARTS parts in flight, so concurrent
        // uploads do not queue behind each other; idle threads end after a minute.
        this.partUploads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "onewindow-s3-part-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Override
    public ObjectInfo put(String key, InputStream content, PutOptions options) {
        checkKey(key);
        Objects.requireNonNull(content, "content");
        PutOptions opts = options == null ? PutOptions.defaults() : options;
        checkContentType(opts.contentType());
        MessageDigest sha256 = newSha256();
        int partSize = (int) config.partSize();
        // Start small and grow up to one part, so that small records do not cost a whole part buffer each.
        byte[] buffer = new byte[Math.min(INITIAL_BUFFER_SIZE, partSize)];
        int filled = 0;
        while (true) {
            filled += readFully(key, content, buffer, filled, sha256);
            if (filled < buffer.length || buffer.length == partSize) {
                break;
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, partSize));
        }
        int next = filled < buffer.length ? -1 : readByte(key, content, sha256);
        if (next < 0) {
            String hash = HexFormat.of().formatHex(sha256.digest());
            return putSingle(key, buffer, filled, hash, opts.contentType(), opts.userMetadata(), opts.condition());
        }
        return putLarge(key, content, buffer, next, sha256, opts);
    }

    private ObjectInfo putSingle(String key, byte[] data, int length, String sha256, String contentType,
                                 Map<String, String> userMetadata, WriteCondition condition) {
        Multimap<String, String> headers = objectHeaders(contentType, sha256, userMetadata);
        headers.putAll(conditionHeaders(condition));
        try {
            ObjectWriteResponse response = execute(() -> client.putBytes(bucket(), region(), key, data, length, headers));
            return new ObjectInfo(key, length, sha256, unquote(response.etag()), contentType,
                    writeTime(response.headers()), userMetadata);
        } catch (CallFailure failure) {
            throw writeFailure(failure, "put", key, condition);
        }
    }

    /**
     * Content larger than one part: spool it to a local temp file (hashing on the way, so the SHA-256 is known
     * before the upload starts), then upload it to the final key in one multipart upload that carries the metadata
     * from its start and the condition on its completion.
     */
    private ObjectInfo putLarge(String key, InputStream content, byte[] firstPart, int pendingByte,
                                MessageDigest sha256, PutOptions opts) {
        precheck(key, opts.condition());
        Path spool = createSpoolFile(key);
        try {
            long size = spool(key, content, firstPart, pendingByte, sha256, spool);
            String hash = HexFormat.of().formatHex(sha256.digest());
            ObjectWriteResponse written = uploadFile(key, spool, size,
                    objectHeaders(opts.contentType(), hash, opts.userMetadata()), opts.condition());
            return withServerTime(new ObjectInfo(key, size, hash, unquote(written.etag()), opts.contentType(),
                    writeTime(written.headers()), opts.userMetadata()));
        } finally {
            deleteSpoolFile(spool);
        }
    }

    private Path createSpoolFile(String key) {
        try {
            // createTempFile makes the file readable by its owner only.
            return Files.createTempFile(config.spoolDirectory(), "onewindow-s3-", ".spool");
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot spool the upload of '" + key + "': creating a temp file in "
                    + config.spoolDirectory() + " failed: " + e + "; nothing was stored", e);
        }
    }

    private static void deleteSpoolFile(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            LOG.warn("could not delete spool file {}: {}", spool, e.toString());
        }
    }

    /**
     * Writes the first part, the byte read after it and the rest of {@code content} to {@code spool}, reusing the
     * part buffer; returns the content's size.
     */
    private long spool(String key, InputStream content, byte[] buffer, int pendingByte, MessageDigest sha256,
                       Path spool) {
        long maxSize = MAX_PARTS * config.partSize();
        long size = 0;
        try (FileChannel out = FileChannel.open(spool, StandardOpenOption.WRITE)) {
            int length = buffer.length;
            int pending = pendingByte;
            while (true) {
                size += length;
                if (size > maxSize) {
                    throw new StorageUnavailableException("object '" + key + "' needs more than " + MAX_PARTS
                            + " parts of " + config.partSize() + " bytes: raise the S3 part size; nothing was stored");
                }
                ByteBuffer data = ByteBuffer.wrap(buffer, 0, length);
                while (data.hasRemaining()) {
                    out.write(data);
                }
                if (pending < 0) {
                    break;
                }
                buffer[0] = (byte) pending;
                length = 1 + readFully(key, content, buffer, 1, sha256);
                pending = length < buffer.length ? -1 : readByte(key, content, sha256);
            }
        } catch (ClosedByInterruptException e) {
            throw new StorageUnavailableException("interrupted while spooling the upload of '" + key
                    + "'; nothing was stored", e);
        } catch (IOException e) {
            throw new StorageUnavailableException("spooling the upload of '" + key + "' to " + spool + " failed: " + e
                    + "; nothing was stored", e);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new StorageUnavailableException("interrupted while spooling the upload of '" + key
                    + "'; nothing was stored");
        }
        return size;
    }

    /**
     * Uploads {@code size} bytes of {@code file} to {@code key} as one multipart upload started with
     * {@code objectHeaders} and completed with {@code condition}; every failure aborts the upload.
     */
    private ObjectWriteResponse uploadFile(String key, Path file, long size, Multimap<String, String> objectHeaders,
                                           WriteCondition condition) {
        String uploadId = call("start upload of", key,
                () -> client.createMultipartUploadAsync(bucket(), region(), key, objectHeaders, null))
                .result().uploadId();
        try {
            Part[] parts = uploadParts(key, uploadId, file, size);
            return complete(key, uploadId, parts, condition);
        } catch (RuntimeException | Error e) {
            abortQuietly(key, uploadId);
            throw e;
        }
    }

    /**
     * Uploads the parts of {@code file}, {@value #PARALLEL_PARTS} at a time, each retried on its own (it is read
     * again from the file). On failure, waits for the parts still on their way before throwing, so that none can
     * land after the caller aborts the upload.
     */
    private Part[] uploadParts(String key, String uploadId, Path file, long size) {
        long partSize = config.partSize();
        int count = (int) ((size + partSize - 1) / partSize);
        Part[] parts = new Part[count];
        ArrayDeque<Future<Part>> inFlight = new ArrayDeque<>();
        try {
            for (int i = 0; i < count; i++) {
                if (inFlight.size() >= PARALLEL_PARTS) {
                    Part done = awaitPart(key, inFlight.removeFirst());
                    parts[done.partNumber() - 1] = done;
                }
                int partNumber = i + 1;
                long offset = i * partSize;
                long length = Math.min(partSize, size - offset);
                inFlight.addLast(partUploads.submit(() -> uploadPart(key, uploadId, file, partNumber, offset, length)));
            }
            while (!inFlight.isEmpty()) {
                Part done = awaitPart(key, inFlight.removeFirst());
                parts[done.partNumber() - 1] = done;
            }
            return parts;
        } catch (RuntimeException | Error e) {
            inFlight.forEach(S3ObjectStore::settle);
            throw e;
        }
    }

    private Part uploadPart(String key, String uploadId, Path file, int partNumber, long offset, long length) {
        try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "r")) {
            // The SDK reads the part from the file's current position (once to sign it, once to send it).
            UploadPartResponse uploaded = call("upload part " + partNumber + " of", key, () -> {
                data.seek(offset);
                return client.uploadPartAsync(bucket(), region(), key, data, length, uploadId, partNumber, null,
                        null);
            });
            return new Part(partNumber, unquote(uploaded.etag()));
        } catch (IOException e) {
            throw new StorageUnavailableException("reading part " + partNumber + " of '" + key + "' from its spool file "
                    + file + " failed: " + e, e);
        }
    }

    private static Part awaitPart(String key, Future<Part> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while uploading '" + key + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StorageUnavailableException("uploading '" + key + "' failed: " + cause, cause);
        }
    }

    /** Waits, ignoring interrupts (and keeping them for the caller), until a part upload has ended either way. */
    private static void settle(Future<Part> part) {
        if (part.cancel(false)) {
            return; // had not started
        }
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    part.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Completes a multipart upload with {@code condition}, which S3 evaluates atomically on completion. The caller
     * aborts the upload if this throws.
     */
    private ObjectWriteResponse complete(String key, String uploadId, Part[] parts, WriteCondition condition) {
        Multimap<String, String> conditions = conditionHeaders(condition);
        try {
            return execute(() -> client.completeMultipartUploadAsync(bucket(), region(), key, uploadId, parts,
                    conditions, null));
        } catch (CallFailure failure) {
            if ("NoSuchUpload".equals(failure.code()) && failure.attempts() > 1) {
                throw new StorageUnavailableException("completing the upload of '" + key + "' was retried after an "
                        + "error and the upload is gone: it may or may not have been written; check its version",
                        failure.getCause());
            }
            throw writeFailure(failure, "complete upload of", key, condition);
        }
    }

    /**
     * Refuses early, before a large transfer, a write whose condition already fails. Only a shortcut: the
     * condition that counts is the one S3 evaluates atomically when the write completes.
     */
    private void precheck(String key, WriteCondition condition) {
        if (condition instanceof WriteCondition.IfAbsent) {
            if (head(key).isPresent()) {
                throw new PreconditionFailedException(key, describe(condition));
            }
        } else if (condition instanceof WriteCondition.IfVersionMatches match) {
            Optional<ObjectInfo> current = head(key);
            if (current.isEmpty() || !current.get().version().equals(unquote(match.version()))) {
                throw new PreconditionFailedException(key, describe(condition));
            }
        }
    }

    /**
     * Writes {@code targetKey} from {@code size} bytes of {@code sourceKey} (at version {@code sourceEtag}) by a
     * server-side multipart copy whose completion carries {@code condition}.
     */
    private ObjectWriteResponse assemble(String sourceKey, String sourceEtag, long size, String targetKey,
                                         Multimap<String, String> objectHeaders, WriteCondition condition) {
        String uploadId = call("start upload of", targetKey,
                () -> client.createMultipartUploadAsync(bucket(), region(), targetKey, objectHeaders, null))
                .result().uploadId();
        try {
            long copyPartSize = Math.max(config.partSize(), MIN_COPY_PART_SIZE);
            List<Part> parts = new ArrayList<>();
            String copySource = S3Escaper.encodePath("/" + bucket() + "/" + sourceKey);
            for (long offset = 0; offset < size; offset += copyPartSize) {
                long last = Math.min(size, offset + copyPartSize) - 1;
                int partNumber = parts.size() + 1;
                Multimap<String, String> headers = HashMultimap.create();
                headers.put("x-amz-copy-source", copySource);
                headers.put("x-amz-copy-source-range", "bytes=" + offset + "-" + last);
                headers.put("x-amz-copy-source-if-match", quote(sourceEtag));
                UploadPartCopyResponse copied;
                try {
                    copied = execute(() -> client.uploadPartCopyAsync(bucket(), region(), targetKey, uploadId,
                            partNumber, headers, null));
                } catch (CallFailure failure) {
                    if (failure.isPreconditionFailed()) {
                        throw new SourceChanged();
                    }
                    if (failure.isNotFound()) {
                        throw new ObjectNotFoundException(sourceKey);
                    }
                    throw translate(failure, "copy part " + partNumber + " to", targetKey);
                }
                parts.add(new Part(partNumber, unquote(copied.result().etag())));
            }
            return complete(targetKey, uploadId, parts.toArray(new Part[0]), condition);
        } catch (RuntimeException | Error e) {
            abortQuietly(targetKey, uploadId);
            throw e;
        }
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey, WriteCondition condition) {
        checkKey(sourceKey);
        checkKey(targetKey);
        WriteCondition cond = condition == null ? WriteCondition.none() : condition;
        for (int attempt = 1; attempt <= MAX_COPY_ATTEMPTS; attempt++) {
            ObjectInfo source = head(sourceKey).orElseThrow(() -> new ObjectNotFoundException(sourceKey));
            precheck(targetKey, cond);
            if (source.size() == 0) {
                return putSingle(targetKey, new byte[0], 0, source.sha256(), source.contentType(),
                        source.userMetadata(), cond);
            }
            try {
                ObjectWriteResponse written = assemble(sourceKey, source.version(), source.size(), targetKey,
                        objectHeaders(source.contentType(), source.sha256(), source.userMetadata()), cond);
                return withServerTime(new ObjectInfo(targetKey, source.size(), source.sha256(),
                        unquote(written.etag()), source.contentType(), writeTime(written.headers()),
                        source.userMetadata()));
            } catch (SourceChanged changed) {
                LOG.debug("source '{}' changed while copying to '{}', starting over", sourceKey, targetKey);
            }
        }
        throw new StorageUnavailableException("copying '" + sourceKey + "' to '" + targetKey + "' failed: the source "
                + "changed " + MAX_COPY_ATTEMPTS + " times during the copy");
    }

    // ------------------------------------------------------------------------------------------------- reads

    @Override
    public StoredObject get(String key) {
        return open(key, null);
    }

    @Override
    public StoredObject get(String key, ByteRange range) {
        Objects.requireNonNull(range, "range");
        return open(key, range);
    }

    private StoredObject open(String key, ByteRange range) {
        checkKey(key);
        GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket()).region(region()).object(key);
        if (range != null) {
            args.offset(range.offset());
            if (!range.toEnd()) {
                args.length(range.length());
            }
        }
        GetObjectArgs built = args.build();
        GetObjectResponse response;
        try {
            response = execute(() -> client.getObject(built));
        } catch (CallFailure failure) {
            if (range != null && failure.isInvalidRange()) {
                ObjectInfo info = head(key).orElseThrow(() -> new ObjectNotFoundException(key));
                if (info.size() == 0) {
                    return new StoredObject(info, InputStream.nullInputStream(), null);
                }
                throw new InvalidRangeException("range starting at byte " + range.offset() + " is past the end of '"
                        + key + "' (" + info.size() + " bytes)");
            }
            throw translate(failure, "get", key);
        }
        Headers headers = response.headers();
        long size;
        ByteRange served = null;
        String contentRange = headers.get("Content-Range");
        Matcher matcher = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange);
        if (matcher != null && matcher.matches() && !"*".equals(matcher.group(3))) {
            long first = Long.parseLong(matcher.group(1));
            long last = Long.parseLong(matcher.group(2));
            size = Long.parseLong(matcher.group(3));
            served = ByteRange.of(first, last - first + 1);
        } else {
            size = parseLong(headers.get("Content-Length"), 0);
            if (range != null && range.offset() > 0 && size > 0) {
                closeQuietly(response);
                throw new StorageUnavailableException("S3 at " + config.endpoint() + " ignored the byte range "
                        + "requested for '" + key + "'");
            }
        }
        return new StoredObject(info(key, headers, size), response, served);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        checkKey(key);
        StatObjectArgs args = StatObjectArgs.builder().bucket(bucket()).region(region()).object(key).build();
        try {
            StatObjectResponse response = execute(() -> client.statObject(args));
            return Optional.of(info(key, response.headers(), response.size()));
        } catch (CallFailure failure) {
            if (failure.isNotFound()) {
                confirmBucket();
                return Optional.empty();
            }
            throw translate(failure, "head", key);
        }
    }

    /**
     * A HEAD answers a bare 404 both for a missing object and for a missing bucket; the first time an object seems
     * absent, make sure the bucket exists so that a misconfigured bucket is reported, not taken for "no object".
     */
    private void confirmBucket() {
        if (bucketConfirmed) {
            return;
        }
        BucketExistsArgs args = BucketExistsArgs.builder().bucket(bucket()).region(region()).build();
        boolean exists = call("check bucket", "", () -> client.bucketExists(args));
        if (!exists) {
            throw new StorageUnavailableException("bucket '" + bucket() + "' does not exist at " + config.endpoint()
                    + " (NoSuchBucket)");
        }
        bucketConfirmed = true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each listed object is HEADed so that the page carries content type, SHA-256 and user metadata; objects
     * deleted between the listing and the HEAD are left out, as are this backend's staging objects, so a page may
     * hold fewer than {@code maxKeys} objects. {@link ListPage#nextStartAfter()} is the last key on the page.
     */
    @Override
    public ListPage list(String prefix, String startAfter, int maxKeys) {
        if (maxKeys < 1 || maxKeys > 1000) {
            throw new IllegalArgumentException("maxKeys must be between 1 and 1000, was " + maxKeys);
        }
        String validPrefix = ObjectKey.validatePrefix(prefix);
        String after = startAfter == null || startAfter.isEmpty() ? null : startAfter;
        ListObjectsV2Response response = call("list", validPrefix,
                () -> client.listV2(bucket(), region(), validPrefix.isEmpty() ? null : validPrefix, after, maxKeys));
        List<? extends Item> items = response.result().contents();
        List<String> keys = new ArrayList<>();
        String lastKey = null;
        for (Item item : items) {
            lastKey = item.objectName();
            if (!lastKey.startsWith(STAGING_PREFIX)) {
                keys.add(lastKey);
            }
        }
        List<ObjectInfo> objects = headAll(keys);
        boolean truncated = response.result().isTruncated() && lastKey != null;
        if (!objects.isEmpty()) {
            return new ListPage(objects, truncated ? objects.get(objects.size() - 1).key() : null);
        }
        if (!truncated) {
            return new ListPage(List.of(), null);
        }
        // Everything on this page was hidden or deleted meanwhile: go on from its last key rather than hand out
        // an empty page that is not the last.
        return list(validPrefix, lastKey, maxKeys);
    }

    /** HEADs the keys concurrently (the HTTP client bounds requests per host); absent objects are left out. */
    private List<ObjectInfo> headAll(List<String> keys) {
        List<CompletableFuture<Optional<ObjectInfo>>> heads = new ArrayList<>();
        for (String key : keys) {
            StatObjectArgs args = StatObjectArgs.builder().bucket(bucket()).region(region()).object(key).build();
            CompletableFuture<Optional<ObjectInfo>> future;
            try {
                future = client.statObject(args)
                        .thenApply(r -> Optional.of(info(key, r.headers(), r.size())))
                        .exceptionally(t -> null);
            } catch (Exception e) {
                future = CompletableFuture.completedFuture(null);
            }
            heads.add(future);
        }
        List<ObjectInfo> objects = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Optional<ObjectInfo> info = heads.get(i).join();
            if (info == null) {
                info = head(keys.get(i)); // retried, with precise errors
            }
            info.ifPresent(objects::add);
        }
        return objects;
    }

    // ----------------------------------------------------------------------------------------------- deletes

    /**
     * {@inheritDoc}
     *
     * <p>Whether an object was there comes from a HEAD just before the DELETE; S3's DELETE itself does not tell.
     */
    @Override
    public boolean delete(String key) {
        checkKey(key);
        boolean existed = head(key).isPresent();
        RemoveObjectArgs args = RemoveObjectArgs.builder().bucket(bucket()).region(region()).object(key).build();
        call("delete", key, () -> client.removeObject(args));
        return existed;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sends {@code DELETE} with {@code If-Match: "<version>"} after a HEAD that checks the version. Where the
     * server evaluates {@code If-Match} on DELETE atomically (AWS S3 general purpose buckets), the delete is
     * atomic. S3Proxy honours the header but checks it with its own HEAD before deleting, so a write racing the
     * delete can be lost there. A server that ignores the header deletes unconditionally, so there the check is
     * only this method's HEAD: a write that lands between the HEAD and the DELETE is lost. A server that refuses
     * the header (501/405) gets a plain DELETE after the HEAD, with the same window, and a warning is logged.
     */
    @Override
    public void deleteIfVersionMatches(String key, String expectedVersion) {
        checkKey(key);
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        String expected = unquote(expectedVersion);
        ObjectInfo current = head(key).orElseThrow(() -> new PreconditionFailedException(key,
                "there is no object (expected version " + expected + ")"));
        if (!current.version().equals(expected)) {
            throw new PreconditionFailedException(key, "current version is " + current.version() + ", expected "
                    + expected);
        }
        RemoveObjectArgs conditional = RemoveObjectArgs.builder().bucket(bucket()).region(region()).object(key)
                .extraHeaders(Map.of("If-Match", quote(expected))).build();
        try {
            execute(() -> client.removeObject(conditional));
        } catch (CallFailure failure) {
            if (failure.isPreconditionFailed() || failure.isNotFound()) {
                throw new PreconditionFailedException(key, "the object changed or was deleted (expected version "
                        + expected + ")");
            }
            if (failure.status() == 501 || failure.status() == 405 || "NotImplemented".equals(failure.code())) {
                LOG.warn("S3 at {} refuses conditional DELETE; deleting '{}' after a version check (not atomic)",
                        config.endpoint(), key);
                RemoveObjectArgs plain = RemoveObjectArgs.builder().bucket(bucket()).region(region()).object(key)
                        .build();
                call("delete", key, () -> client.removeObject(plain));
                return;
            }
            throw translate(failure, "delete", key);
        }
    }

    // -------------------------------------------------------------------------------------------- operations

    /**
     * Checks, in order: that the endpoint answers an authenticated request for the bucket (naming bad
     * credentials, a missing bucket or an unreachable endpoint), then that a small object can be written and
     * deleted under the staging prefix.
     */
    @Override
    public void checkHealth() {
        call("check bucket", "", () -> client.listV2(bucket(), region(), STAGING_PREFIX, null, 1));
        String probe = STAGING_PREFIX + "health-" + UUID.randomUUID();
        Multimap<String, String> headers = HashMultimap.create();
        headers.put("Content-Type", "text/plain");
        byte[] body = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        call("write health probe", probe, () -> client.putBytes(bucket(), region(), probe, body, body.length, headers));
        RemoveObjectArgs remove = RemoveObjectArgs.builder().bucket(bucket()).region(region()).object(probe).build();
        call("delete health probe", probe, () -> client.removeObject(remove));
    }

    @Override
    public String describe() {
        return "S3 bucket '" + config.bucket() + "' at " + config.endpoint()
                + (region() == null ? "" : " (region " + region() + ")");
    }

    @Override
    public void close() {
        partUploads.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // --------------------------------------------------------------------------------------- request running

    /** One S3 request, started anew on each attempt. */
    @FunctionalInterface
    private interface Request<T> {
        CompletableFuture<T> start() throws Exception;
    }

    /** Runs {@code request} with retries and turns a final failure into a {@link StorageException}. */
    private <T> T call(String operation, String key, Request<T> request) {
        try {
            return execute(request);
        } catch (CallFailure failure) {
            throw translate(failure, operation, key);
        }
    }

    /** Runs {@code request}, retrying 5xx answers, timeouts and I/O errors with exponential backoff. */
    private <T> T execute(Request<T> request) {
        Duration backoff = config.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            Throwable failure;
            try {
                return request.start().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException("interrupted while waiting for S3 at " + config.endpoint(), e);
            } catch (ExecutionException e) {
                failure = unwrap(e);
            } catch (Exception e) {
                failure = unwrap(e);
            }
            if (failure instanceof StorageException storageException) {
                throw storageException;
            }
            if (attempt >= config.maxAttempts() || !isRetryable(failure)) {
                throw new CallFailure(failure, attempt);
            }
            LOG.debug("S3 request failed (attempt {} of {}), retrying in {}: {}", attempt, config.maxAttempts(),
                    backoff, failure.toString());
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException("interrupted while retrying a request to S3 at "
                        + config.endpoint(), e);
            }
            backoff = backoff.multipliedBy(2);
            if (backoff.compareTo(MAX_BACKOFF) > 0) {
                backoff = MAX_BACKOFF;
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isRetryable(Throwable t) {
        if (t instanceof ErrorResponseException e) {
            return e.response().code() >= 500 || RETRYABLE_CODES.contains(e.errorResponse().code());
        }
        if (t instanceof ServerException e) {
            return e.statusCode() >= 500;
        }
        if (t instanceof InvalidResponseException e) {
            return statusOf(e) >= 500;
        }
        return t instanceof IOException && !(t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException));
    }

    private static int statusOf(InvalidResponseException e) {
        Matcher m = RESPONSE_CODE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** A failed request after all attempts, with the SDK's exception as cause. */
    private static final class CallFailure extends RuntimeException {
        private final int attempts;

        CallFailure(Throwable cause, int attempts) {
            super(cause);
            this.attempts = attempts;
        }

        int attempts() {
            return attempts;
        }

        String code() {
            return getCause() instanceof ErrorResponseException e ? e.errorResponse().code() : null;
        }

        int status() {
            if (getCause() instanceof ErrorResponseException e) {
                return e.response().code();
            }
            if (getCause() instanceof ServerException e) {
                return e.statusCode();
            }
            if (getCause() instanceof InvalidResponseException e) {
                return statusOf(e);
            }
            return -1;
        }

        boolean isPreconditionFailed() {
            return status() == 412 || "PreconditionFailed".equals(code());
        }

        boolean isNotFound() {
            String code = code();
            return "NoSuchKey".equals(code) || (status() == 404 && code != null && !code.startsWith("NoSuchBucket")
                    && !"NoSuchUpload".equals(code));
        }

        boolean isInvalidRange() {
            return status() == 416 || "InvalidRange".equals(code());
        }
    }

    /** The source of a server-side copy changed while it was being copied. */
    private static final class SourceChanged extends RuntimeException {
        SourceChanged() {
            super(null, null, false, false);
        }
    }

    /** A conditional write's failure: a missing object for {@code If-Match} is a failed condition too. */
    private StorageException writeFailure(CallFailure failure, String operation, String key, WriteCondition condition) {
        if (failure.isPreconditionFailed()
                || (condition instanceof WriteCondition.IfVersionMatches && failure.isNotFound())) {
            return new PreconditionFailedException(key, describe(condition));
        }
        return translate(failure, operation, key);
    }

    private StorageException translate(CallFailure failure, String operation, String key) {
        Throwable cause = failure.getCause();
        String after = failure.attempts() > 1 ? " (after " + failure.attempts() + " attempts)" : "";
        String where = "S3 at " + config.endpoint();
        if (cause instanceof ErrorResponseException e) {
            String code = e.errorResponse().code();
            int status = e.response().code();
            switch (code) {
                case "PreconditionFailed":
                    return new PreconditionFailedException(key, "the server's condition check failed");
                case "NoSuchKey":
                    return new ObjectNotFoundException(key);
                case "NoSuchBucket":
                    return new StorageUnavailableException("bucket '" + bucket() + "' does not exist at "
                            + config.endpoint() + " (NoSuchBucket)", e);
                case "InvalidAccessKeyId":
                    return new StorageUnavailableException(where + " does not know the configured access key "
                            + "(InvalidAccessKeyId): check the S3 access key", e);
                case "SignatureDoesNotMatch":
                    return new StorageUnavailableException(where + " rejected the request signature "
                            + "(SignatureDoesNotMatch): the S3 secret key does not match the access key", e);
                case "AccessDenied":
                    return new StorageUnavailableException(where + " denied access to bucket '" + bucket()
                            + "' (AccessDenied): check the S3 credentials and the bucket policy", e);
                case "InvalidRange":
                    return new InvalidRangeException("invalid byte range for '" + key + "'");
                case "MetadataTooLarge":
                    return new InvalidMetadataException("user metadata of '" + key + "' is too large for "
                            + where + " once encoded for HTTP headers");
                default:
                    break;
            }
            if (status == 412) {
                return new PreconditionFailedException(key, "the server's condition check failed");
            }
            if (status == 403) {
                return new StorageUnavailableException(where + " refused " + operation + " '" + key + "' (" + code
                        + "): check the S3 credentials and the bucket policy", e);
            }
            return new StorageUnavailableException(operation + " '" + key + "' failed: " + where + " answered "
                    + code + " (HTTP " + status + "): " + e.errorResponse().message() + after, e);
        }
        if (cause instanceof ServerException || cause instanceof InvalidResponseException) {
            return new StorageUnavailableException(operation + " '" + key + "' failed: " + where
                    + " answered HTTP " + failure.status() + after, cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return new StorageUnavailableException("cannot reach " + where + ": " + cause.getMessage() + after, cause);
        }
        if (cause instanceof SocketTimeoutException) {
            return new StorageUnavailableException(operation + " '" + key + "' timed out: " + where
                    + " did not answer in time" + after, cause);
        }
        if (cause instanceof IOException) {
            return new StorageUnavailableException(operation + " '" + key + "' failed: I/O error talking to "
                    + where + ": " + cause.getMessage() + after, cause);
        }
        return new StorageUnavailableException(operation + " '" + key + "' failed: " + cause, cause);
    }

    // --------------------------------------------------------------------------------------------- helpers

    private String bucket() {
        return config.bucket();
    }

    private String region() {
        return config.region() == null || config.region().isBlank() ? null : config.region();
    }

    private static void checkKey(String key) {
        ObjectKey.validate(key);
        if (key.startsWith(STAGING_PREFIX)) {
            throw new InvalidKeyException("keys under '" + STAGING_PREFIX + "' are reserved by the S3 backend: '"
                    + key + "'");
        }
    }

    /** S3 carries the content type as an HTTP header: it must be a MIME type in printable ASCII. */
    private static void checkContentType(String contentType) {
        boolean printableAscii = contentType.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        if (!printableAscii || MediaType.parse(contentType) == null) {
            throw new InvalidMetadataException("content type '" + contentType + "' is not a valid MIME type");
        }
    }

    private static Multimap<String, String> objectHeaders(String contentType, String sha256,
                                                          Map<String, String> userMetadata) {
        Multimap<String, String> headers = HashMultimap.create();
        headers.put("Content-Type", contentType);
        if (sha256 != null && !sha256.isEmpty()) {
            headers.put(SHA256_HEADER, sha256);
        }
        for (Map.Entry<String, String> entry : userMetadata.entrySet()) {
            headers.put(USER_METADATA_PREFIX + entry.getKey(), S3Metadata.encode(entry.getValue()));
        }
        return headers;
    }

    private static Multimap<String, String> conditionHeaders(WriteCondition condition) {
        Multimap<String, String> headers = HashMultimap.create();
        if (condition instanceof WriteCondition.IfAbsent) {
            headers.put("If-None-Match", "*");
        } else if (condition instanceof WriteCondition.IfVersionMatches match) {
            headers.put("If-Match", quote(unquote(match.version())));
        }
        return headers;
    }

    private static String describe(WriteCondition condition) {
        if (condition instanceof WriteCondition.IfAbsent) {
            return "an object already exists";
        }
        if (condition instanceof WriteCondition.IfVersionMatches match) {
            return "the object is absent or its version is not " + unquote(match.version());
        }
        return "the server's condition check failed";
    }

    private static ObjectInfo info(String key, Headers headers, long size) {
        String contentType = headers.get("Content-Type");
        Map<String, String> userMetadata = new HashMap<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(USER_METADATA_PREFIX) && lower.length() > USER_METADATA_PREFIX.length()) {
                userMetadata.put(lower.substring(USER_METADATA_PREFIX.length()), S3Metadata.decode(headers.get(name)));
            }
        }
        String sha256 = headers.get(SHA256_HEADER);
        return new ObjectInfo(key, size, sha256 == null ? "" : sha256, unquote(headers.get("ETag")),
                contentType == null || contentType.isBlank() ? PutOptions.DEFAULT_CONTENT_TYPE : contentType,
                parseHttpDate(headers.get("Last-Modified"), Instant.EPOCH), userMetadata);
    }

    /**
     * A multipart completion answers without Last-Modified (its Date can be a second later than the object's time),
     * so the written object's time is read back; if another writer has replaced it meanwhile, what we wrote stands.
     */
    private ObjectInfo withServerTime(ObjectInfo written) {
        try {
            return head(written.key())
                    .filter(current -> current.version().equals(written.version()))
                    .map(current -> new ObjectInfo(written.key(), written.size(), written.sha256(), written.version(),
                            written.contentType(), current.lastModified(), written.userMetadata()))
                    .orElse(written);
        } catch (StorageException e) {
            return written;
        }
    }

    private static Instant writeTime(Headers headers) {
        if (headers == null) {
            return Instant.now();
        }
        String lastModified = headers.get("Last-Modified");
        return parseHttpDate(lastModified != null ? lastModified : headers.get("Date"), Instant.now());
    }

    private static Instant parseHttpDate(String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static long parseLong(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        String trimmed = etag.trim();
        if (trimmed.startsWith("W/")) {
            trimmed = trimmed.substring(2);
        }
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String quote(String etag) {
        return "\"" + etag + "\"";
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Reads until {@code buffer} is full or the stream ends; returns the number of bytes read from {@code offset}. */
    private static int readFully(String key, InputStream in, byte[] buffer, int offset, MessageDigest digest) {
        int position = offset;
        try {
            while (position < buffer.length) {
                int n = in.read(buffer, position, buffer.length - position);
                if (n < 0) {
                    break;
                }
                digest.update(buffer, position, n);
                position += n;
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the content for '" + key + "' failed: " + e.getMessage()
                    + "; nothing was stored", e);
        }
        return position - offset;
    }

    private static int readByte(String key, InputStream in, MessageDigest digest) {
        try {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
            }
            return b;
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the content for '" + key + "' failed: " + e.getMessage()
                    + "; nothing was stored", e);
        }
    }

    private void abortQuietly(String key, String uploadId) {
        // Clean up even when the failure was an interrupt: clear the flag for the cleanup, then restore it.
        boolean interrupted = Thread.interrupted();
        try {
            execute(() -> client.abortMultipartUploadAsync(bucket(), region(), key, uploadId, null, null));
        } catch (RuntimeException e) {
            LOG.warn("could not abort multipart upload {} of '{}' in bucket '{}': {}", uploadId, key, bucket(),
                    e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    /** The SDK's async client with the protected single-request calls this backend needs made reachable. */
    private static final class Client extends MinioAsyncClient {
        Client(MinioAsyncClient base) {
            super(base);
        }

        CompletableFuture<ObjectWriteResponse> putBytes(String bucket, String region, String key, byte[] data,
                                                        int length, Multimap<String, String> headers)
                throws Exception {
            return putObjectAsync(bucket, region, key, data, length, headers, null);
        }

        CompletableFuture<ListObjectsV2Response> listV2(String bucket, String region, String prefix,
                                                        String startAfter, int maxKeys) throws Exception {
            return listObjectsV2Async(bucket, region, null, null, startAfter, maxKeys, prefix, null, false, false,
                    null, null);
        }
    }
}
