package org.onewindow.storage.fs;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.onewindow.storage.ByteRange;
import org.onewindow.storage.InvalidMetadataException;
import org.onewindow.storage.InvalidRangeException;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectKey;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StorageUnavailableException;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded default backend: objects as files under a root directory.
 *
 * <p>Layout: {@code objects/} holds one file per object (see {@link KeyPaths} for the name mapping), made of a
 * header with all metadata followed by the content ({@link ObjectFileHeader}); {@code tmp/} holds uploads in
 * progress; {@code locks/keys.lock} is locked byte by byte, one byte per stripe of keys.
 *
 * <p>A write streams into a new file in {@code tmp/} (hashing on the way), syncs it, then, holding the key's
 * lock, checks the write condition, renames the file over the object's path and syncs the directory. Readers
 * never see a partial object; a crash leaves at most a file in {@code tmp/} (removed at the next open once older
 * than the stale-temp age) and empty directories (never listed). The key lock is a {@link ReentrantLock} for the
 * threads of this store plus a {@link FileLock} on the stripe's byte for other processes, so conditional writes
 * are exact across threads and processes.
 *
 * <p>Open one store per root directory in a JVM: file locks belong to the whole JVM, and closing a second store on
 * the same root can release the first one's locks on some systems (see {@link FileLock}). Two stores on one root
 * in one JVM stay correct while both are open (they wait for each other); it is closing that is unsafe.
 */
public final class FileSystemObjectStore implements ObjectStore {
    /** Temp files older than this are left over from a crash and are deleted when a store opens. */
    public static final Duration DEFAULT_STALE_TEMP_AGE = Duration.ofMinutes(30);
    /** The longest content type accepted (printable ASCII, as HTTP allows). */
    public static final int MAX_CONTENT_TYPE_LENGTH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemObjectStore.class);
    private static final String FORMAT_FILE = "onewindow-store";
    private static final String FORMAT_LINE = "onewindow filesystem object store, format 1\n";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int LOCK_STRIPES = 256;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final int MOVE_ATTEMPTS = 100;
    private static final int BUFFER_SIZE = 128 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final Path objectsDir;
    private final Path tmpDir;
    private final FileChannel lockChannel;
    private final ReentrantLock[] stripeLocks = new ReentrantLock[LOCK_STRIPES];
    private final SecureRandom random = new SecureRandom();
    private final boolean directorySync;
    private volatile boolean closed;

    /** Opens (creating if needed) a store rooted at {@code root}. */
    public FileSystemObjectStore(Path root) {
        this(root, DEFAULT_STALE_TEMP_AGE);
    }

    /**
     * Opens (creating if needed) a store rooted at {@code root}, deleting temp files older than
     * {@code staleTempAge} that crashed writers left behind.
     *
     * @throws StorageUnavailableException when the directory cannot be created, written or locked
     */
    public FileSystemObjectStore(Path root, Duration staleTempAge) {
        this.root = root.toAbsolutePath().normalize();
        this.objectsDir = this.root.resolve("objects");
        this.tmpDir = this.root.resolve("tmp");
        Path locksDir = this.root.resolve("locks");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            stripeLocks[i] = new ReentrantLock();
        }
        try {
            Files.createDirectories(objectsDir);
            Files.createDirectories(tmpDir);
            Files.createDirectories(locksDir);
            checkFormat();
            this.directorySync = probeDirectorySync(this.root);
            this.lockChannel = FileChannel.open(locksDir.resolve("keys.lock"), CREATE, READ, WRITE);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open filesystem store at " + this.root + ": " + describe(e), e);
        }
        deleteStaleTempFiles(staleTempAge);
    }

    @Override
    public ObjectInfo put(String key, InputStream content, PutOptions options) {
        ObjectKey.validate(key);
        Objects.requireNonNull(content, "content");
        PutOptions opts = options == null ? PutOptions.defaults() : options;
        checkContentType(opts.contentType());
        ensureOpen();
        Path target = KeyPaths.objectFile(objectsDir, key);
        // Refuse a doomed write before streaming it; the check that counts is repeated under the lock.
        checkCondition(key, target, opts.condition());
        Path temp = tmpDir.resolve(randomHex(16) + TEMP_SUFFIX);
        boolean moved = false;
        try {
            ObjectInfo info = writeObjectFile(temp, key, content, opts);
            withKeyLock(key, () -> {
                checkCondition(key, target, opts.condition());
                moveIntoPlace(temp, target);
                return null;
            });
            moved = true;
            return info;
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public StoredObject get(String key) {
        return open(key, null);
    }

    @Override
    public StoredObject get(String key, ByteRange range) {
        return open(key, Objects.requireNonNull(range, "range"));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        ObjectKey.validate(key);
        ensureOpen();
        return readInfo(key, KeyPaths.objectFile(objectsDir, key));
    }

    @Override
    public ListPage list(String prefix, String startAfter, int maxKeys) {
        String validPrefix = ObjectKey.validatePrefix(prefix);
        if (maxKeys < 1 || maxKeys > 1000) {
            throw new IllegalArgumentException("maxKeys must be between 1 and 1000, was " + maxKeys);
        }
        ensureOpen();
        int slash = validPrefix.lastIndexOf('/');
        String dirSegments = slash < 0 ? "" : validPrefix.substring(0, slash);
        String dirKeyPrefix = slash < 0 ? "" : validPrefix.substring(0, slash + 1);
        Listing listing = new Listing(utf8(validPrefix), startAfter == null ? null : utf8(startAfter), maxKeys + 1);
        try {
            walk(KeyPaths.directory(objectsDir, dirSegments), utf8(dirKeyPrefix), listing);
        } catch (IOException e) {
            throw new StorageUnavailableException("listing '" + validPrefix + "' under " + root + " failed: "
                    + describe(e), e);
        }
        List<ObjectInfo> found = listing.found;
        if (found.size() > maxKeys) {
            List<ObjectInfo> page = found.subList(0, maxKeys);
            return new ListPage(page, page.get(maxKeys - 1).key());
        }
        return new ListPage(found, null);
    }

    @Override
    public boolean delete(String key) {
        ObjectKey.validate(key);
        ensureOpen();
        Path target = KeyPaths.objectFile(objectsDir, key);
        boolean existed = withKeyLock(key, () -> {
            boolean deleted = Files.deleteIfExists(target);
            if (deleted) {
                syncDirectory(target.getParent());
            }
            return deleted;
        });
        if (existed) {
            removeEmptyDirectories(target.getParent());
        }
        return existed;
    }

    @Override
    public void deleteIfVersionMatches(String key, String expectedVersion) {
        ObjectKey.validate(key);
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        ensureOpen();
        Path target = KeyPaths.objectFile(objectsDir, key);
        withKeyLock(key, () -> {
            checkCondition(key, target, WriteCondition.ifVersionMatches(expectedVersion));
            Files.delete(target);
            syncDirectory(target.getParent());
            return null;
        });
        removeEmptyDirectories(target.getParent());
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey, WriteCondition condition) {
        ObjectKey.validate(sourceKey);
        ObjectKey.validate(targetKey);
        // The open source file keeps its content even if the source is replaced meanwhile: one consistent copy.
        try (StoredObject source = get(sourceKey)) {
            PutOptions options = new PutOptions(source.info().contentType(), source.info().userMetadata(), condition);
            return put(targetKey, source.content(), options);
        }
    }

    @Override
    public void checkHealth() {
        ensureOpen();
        for (Path dir : List.of(root, objectsDir, tmpDir)) {
            if (!Files.isDirectory(dir)) {
                throw new StorageUnavailableException("filesystem store directory " + dir + " is missing");
            }
        }
        if (!lockChannel.isOpen()) {
            throw new StorageUnavailableException("filesystem store at " + root + " lost its lock file");
        }
        Path probe = tmpDir.resolve("health-" + randomHex(8) + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(probe, CREATE_NEW, WRITE)) {
                channel.write(ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.delete(probe);
        } catch (IOException e) {
            deleteQuietly(probe);
            throw new StorageUnavailableException("filesystem store at " + root + " is not writable: " + describe(e), e);
        }
    }

    @Override
    public String describe() {
        return "filesystem object store at " + root;
    }

    @Override
    public void close() {
        closed = true;
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("closing the lock file of {} failed: {}", root, describe(e));
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    private ObjectInfo writeObjectFile(Path temp, String key, InputStream content, PutOptions options) {
        String version = randomHex(16);
        byte[] header = ObjectFileHeader.draft(key, version, options.contentType(), options.userMetadata());
        MessageDigest sha256 = newSha256();
        long size = 0;
        try (FileChannel out = FileChannel.open(temp, CREATE_NEW, WRITE)) {
            writeFully(out, ByteBuffer.wrap(header));
            byte[] buffer = new byte[BUFFER_SIZE];
            boolean ended = false;
            while (!ended) {
                // Fill the buffer before writing: streams such as HTTP request bodies hand out small chunks, and
                // each write is a system call.
                int filled = 0;
                while (filled < buffer.length) {
                    int n;
                    try {
                        n = content.read(buffer, filled, buffer.length - filled);
                    } catch (IOException e) {
                        throw new StorageUnavailableException("upload to '" + key + "' failed and stored nothing:"
                                + " reading the content failed after " + (size + filled) + " bytes: " + describe(e), e);
                    }
                    if (n < 0) {
                        ended = true;
                        break;
                    }
                    filled += n;
                }
                sha256.update(buffer, 0, filled);
                writeFully(out, ByteBuffer.wrap(buffer, 0, filled));
                size += filled;
            }
            Instant modified = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            byte[] digest = sha256.digest();
            ObjectFileHeader.complete(header, size, digest, modified);
            ByteBuffer rewritten = ByteBuffer.wrap(header);
            while (rewritten.hasRemaining()) {
                out.write(rewritten, rewritten.position());
            }
            out.force(true);
            return new ObjectInfo(key, size, HEX.formatHex(digest), version, options.contentType(), modified,
                    options.userMetadata());
        } catch (IOException e) {
            throw new StorageUnavailableException("writing '" + key + "' under " + root + " failed and stored nothing: "
                    + describe(e), e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Renames the synced temp file over the object path; a concurrent delete may remove empty parents meanwhile. */
    private void moveIntoPlace(Path temp, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                // Usually the directory is there: try the rename first rather than stat it on every put.
                if (attempt > 1) {
                    ensureDirectory(target.getParent());
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(target.getParent());
                return;
            } catch (NoSuchFileException e) {
                if (attempt >= MOVE_ATTEMPTS || !Files.exists(temp)) {
                    throw e;
                }
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the filesystem cannot rename atomically from " + tmpDir + " to " + objectsDir
                        + " (both must be on one filesystem)", e);
            }
        }
    }

    private void ensureDirectory(Path dir) throws IOException {
        if (dir.equals(objectsDir) || Files.isDirectory(dir)) {
            return;
        }
        ensureDirectory(dir.getParent());
        try {
            Files.createDirectory(dir);
            syncDirectory(dir.getParent());
        } catch (FileAlreadyExistsException e) {
            // another writer made it
        }
    }

    /** Removes directories that a delete left empty, bottom up; stops at the first one still in use. */
    private void removeEmptyDirectories(Path dir) {
        Path current = dir;
        while (current != null && current.startsWith(objectsDir) && !current.equals(objectsDir)) {
            try {
                Files.delete(current);
                syncDirectory(current.getParent());
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                LOG.debug("could not remove empty directory {}: {}", current, describe(e));
                return;
            }
            current = current.getParent();
        }
    }

    private void syncDirectory(Path dir) throws IOException {
        if (directorySync) {
            try (FileChannel channel = FileChannel.open(dir, READ)) {
                channel.force(true);
            }
        }
    }

    // ---- conditions and locks ------------------------------------------------------------------------------

    private void checkCondition(String key, Path target, WriteCondition condition) {
        if (condition instanceof WriteCondition.IfAbsent) {
            if (readInfo(key, target).isPresent()) {
                throw new PreconditionFailedException(key, "an object already exists");
            }
        } else if (condition instanceof WriteCondition.IfVersionMatches ifMatch) {
            Optional<ObjectInfo> current = readInfo(key, target);
            if (current.isEmpty()) {
                throw new PreconditionFailedException(key, "no object exists (expected version "
                        + ifMatch.version() + ")");
            }
            if (!current.get().version().equals(ifMatch.version())) {
                throw new PreconditionFailedException(key, "the object's version is not " + ifMatch.version());
            }
        }
    }

    private interface LockedAction<T> {
        T run() throws IOException;
    }

    private <T> T withKeyLock(String key, LockedAction<T> action) {
        int stripe = Math.floorMod(key.hashCode(), LOCK_STRIPES); // String.hashCode is the same in every JVM
        ReentrantLock local = stripeLocks[stripe];
        local.lock();
        try {
            FileLock fileLock = acquireFileLock(key, stripe);
            try {
                return action.run();
            } catch (IOException e) {
                throw new StorageUnavailableException("updating '" + key + "' under " + root + " failed: "
                        + describe(e), e);
            } finally {
                try {
                    fileLock.release();
                } catch (IOException e) {
                    LOG.warn("releasing the lock of '{}' failed: {}", key, describe(e));
                }
            }
        } finally {
            local.unlock();
        }
    }

    /**
     * Polls {@link FileChannel#tryLock} instead of blocking in {@link FileChannel#lock}: an interrupt during a
     * blocking lock closes the shared channel and with it every lock this store holds.
     */
    private FileLock acquireFileLock(String key, int stripe) {
        long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
        long pauseNanos = 20_000;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new StorageUnavailableException("interrupted while waiting for the lock of '" + key + "'");
            }
            ensureOpen();
            try {
                FileLock lock = lockChannel.tryLock(stripe, 1, false);
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // Another store on this root in this JVM holds the stripe: wait as for another process.
            } catch (IOException e) {
                throw new StorageUnavailableException("locking '" + key + "' under " + root + " failed: "
                        + describe(e), e);
            }
            if (System.nanoTime() > deadline) {
                throw new StorageUnavailableException("timed out after " + LOCK_TIMEOUT.toSeconds()
                        + " s waiting for the lock of '" + key + "' under " + root);
            }
            LockSupport.parkNanos(pauseNanos);
            pauseNanos = Math.min(pauseNanos * 2, 2_000_000);
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------

    private StoredObject open(String key, ByteRange range) {
        ObjectKey.validate(key);
        ensureOpen();
        Path file = KeyPaths.objectFile(objectsDir, key);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, READ);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            throw new StorageUnavailableException("opening '" + key + "' under " + root + " failed: " + describe(e), e);
        }
        try {
            ObjectFileHeader header = ObjectFileHeader.read(channel, file);
            ObjectInfo info = checkedInfo(key, header, file);
            long offset = 0;
            long length = info.size();
            ByteRange served = null;
            if (range != null && info.size() > 0) {
                if (range.offset() >= info.size()) {
                    throw new InvalidRangeException("range starts at byte " + range.offset() + " but '" + key
                            + "' has " + info.size() + " bytes");
                }
                offset = range.offset();
                length = range.toEnd() ? info.size() - offset : Math.min(range.length(), info.size() - offset);
                served = ByteRange.of(offset, length);
            }
            return new StoredObject(info, new ChannelRangeInputStream(channel, header.length() + offset, length),
                    served);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageUnavailableException("reading '" + key + "' under " + root + " failed: " + describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private Optional<ObjectInfo> readInfo(String key, Path file) {
        try (FileChannel channel = FileChannel.open(file, READ)) {
            return Optional.of(checkedInfo(key, ObjectFileHeader.read(channel, file), file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageUnavailableException("reading '" + key + "' under " + root + " failed: " + describe(e), e);
        }
    }

    private static ObjectInfo checkedInfo(String key, ObjectFileHeader header, Path file)
            throws ObjectFileHeader.CorruptObjectException {
        if (!header.info().key().equals(key)) {
            throw new ObjectFileHeader.CorruptObjectException(file, "it holds key '" + header.info().key()
                    + "', expected '" + key + "'");
        }
        return header.info();
    }

    // ---- listing -------------------------------------------------------------------------------------------

    /** Collects listed objects in key order until it has {@code limit}. */
    private static final class Listing {
        final byte[] prefix;
        final byte[] startAfter;
        final int limit;
        final List<ObjectInfo> found = new ArrayList<>();

        Listing(byte[] prefix, byte[] startAfter, int limit) {
            this.prefix = prefix;
            this.startAfter = startAfter;
            this.limit = limit;
        }

        boolean full() {
            return found.size() >= limit;
        }

        boolean accepts(byte[] key) {
            return startsWith(key, prefix) && (startAfter == null || Arrays.compareUnsigned(key, startAfter) > 0);
        }

        /** Whether a subtree whose keys all start with {@code keyPrefix} can hold a listed key. */
        boolean mayContain(byte[] keyPrefix) {
            if (!startsWith(keyPrefix, prefix) && !startsWith(prefix, keyPrefix)) {
                return false;
            }
            if (startAfter == null) {
                return true;
            }
            int common = Math.min(keyPrefix.length, startAfter.length);
            return Arrays.compareUnsigned(keyPrefix, 0, common, startAfter, 0, common) >= 0;
        }
    }

    /** A directory entry with the bytes it sorts by: the key for an object, the key prefix plus "/" for a directory. */
    private record Entry(Path path, byte[] sortKey, boolean directory) {
    }

    /**
     * Visits objects in ascending UTF-8 order: inside a directory, sorting objects by key and directories by
     * their key prefix ending in "/" gives exactly the global key order, so the walk can stop at the page's end.
     */
    private void walk(Path dir, byte[] dirKeyPrefix, Listing listing) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                Entry entry = entry(child, dirKeyPrefix);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return; // removed by a concurrent delete: nothing to list
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.sortKey(), b.sortKey()));
        for (Entry entry : entries) {
            if (listing.full()) {
                return;
            }
            if (entry.directory()) {
                if (listing.mayContain(entry.sortKey())) {
                    walk(entry.path(), entry.sortKey(), listing);
                }
            } else if (listing.accepts(entry.sortKey())) {
                String key = new String(entry.sortKey(), StandardCharsets.UTF_8);
                readInfo(key, entry.path()).ifPresent(listing.found::add); // absent: deleted since the walk began
            }
        }
    }

    private Entry entry(Path child, byte[] dirKeyPrefix) throws IOException {
        String name = child.getFileName().toString();
        if (name.endsWith(KeyPaths.OBJECT_SUFFIX)) {
            String base = name.substring(0, name.length() - KeyPaths.OBJECT_SUFFIX.length());
            if (KeyPaths.isHashed(base)) {
                String key = keyInHeader(child);
                return key == null ? null : new Entry(child, utf8(key), false);
            }
            String segment = KeyPaths.decode(base);
            return segment == null ? null : new Entry(child, concat(dirKeyPrefix, utf8(segment), false), false);
        }
        String segment = KeyPaths.isHashed(name) ? segmentBelow(child, countSlashes(dirKeyPrefix))
                : KeyPaths.decode(name);
        return segment == null ? null : new Entry(child, concat(dirKeyPrefix, utf8(segment), true), true);
    }

    /** The segment at {@code depth} of any key stored below a hashed directory, or null when it holds none. */
    private String segmentBelow(Path dir, int depth) throws IOException {
        List<Path> subdirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                if (child.getFileName().toString().endsWith(KeyPaths.OBJECT_SUFFIX)) {
                    String key = keyInHeader(child);
                    if (key != null) {
                        return key.split("/", -1)[depth];
                    }
                } else {
                    subdirs.add(child);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        }
        for (Path subdir : subdirs) {
            String segment = segmentBelow(subdir, depth);
            if (segment != null) {
                return segment;
            }
        }
        return null;
    }

    private static String keyInHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, READ)) {
            return ObjectFileHeader.read(channel, file).info().key();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // ---- opening and housekeeping --------------------------------------------------------------------------

    private void checkFormat() throws IOException {
        Path formatFile = root.resolve(FORMAT_FILE);
        if (Files.exists(formatFile)) {
            String found = Files.readString(formatFile, StandardCharsets.UTF_8);
            if (!found.equals(FORMAT_LINE)) {
                throw new IOException(formatFile + " names an unknown store format: " + found.strip());
            }
            return;
        }
        Path temp = tmpDir.resolve("format-" + randomHex(8) + TEMP_SUFFIX);
        try {
            Files.writeString(temp, FORMAT_LINE, StandardCharsets.UTF_8, CREATE_NEW, WRITE);
            Files.move(temp, formatFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Whether directories can be opened and synced here (POSIX yes, Windows no). */
    private static boolean probeDirectorySync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, READ)) {
            channel.force(true);
            return true;
        } catch (IOException e) {
            LOG.warn("directories cannot be synced under {} ({}); renames are durable only after the OS flushes",
                    dir, describe(e));
            return false;
        }
    }

    private void deleteStaleTempFiles(Duration staleTempAge) {
        Instant cutoff = Instant.now().minus(staleTempAge);
        int deleted = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(tmpDir)) {
            for (Path file : stream) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    LOG.warn("could not delete stale temp file {}: {}", file, describe(e));
                }
            }
        } catch (IOException e) {
            LOG.warn("could not clean {}: {}", tmpDir, describe(e));
        }
        if (deleted > 0) {
            LOG.info("deleted {} temp files left over from interrupted writes in {}", deleted, tmpDir);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageUnavailableException(describe() + " is closed");
        }
    }

    private static void checkContentType(String contentType) {
        if (contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
            throw new InvalidMetadataException("content type is longer than " + MAX_CONTENT_TYPE_LENGTH + " characters");
        }
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new InvalidMetadataException("content type must be printable ASCII: '" + contentType + "'");
            }
        }
    }

    private String randomHex(int bytes) {
        byte[] token = new byte[bytes];
        random.nextBytes(token);
        return HEX.formatHex(token);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, describe(e));
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a file failed: {}", describe(e));
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] prefix, byte[] segment, boolean slash) {
        byte[] result = Arrays.copyOf(prefix, prefix.length + segment.length + (slash ? 1 : 0));
        System.arraycopy(segment, 0, result, prefix.length, segment.length);
        if (slash) {
            result[result.length - 1] = '/';
        }
        return result;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int countSlashes(byte[] bytes) {
        int count = 0;
        for (byte b : bytes) {
            if (b == '/') {
                count++;
            }
        }
        return count;
    }
}
