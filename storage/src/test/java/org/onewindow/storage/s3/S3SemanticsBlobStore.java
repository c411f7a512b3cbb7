package org.onewindow.storage.s3;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Gives S3Proxy's filesystem backend three properties every S3 implementation the store targets (AWS S3, MinIO)
 * has and that backend lacks, so the tests check the S3 client and not the test server's shortcuts. HTTP, AWS
 * signatures, XML, multipart uploads and ranges stay S3Proxy's own.
 *
 * <ol>
 *   <li><b>Atomic conditional writes.</b> S3Proxy checks {@code If-Match} in its HTTP handler with a HEAD before
 *   calling the blob store, so two writers holding the same ETag can both pass (measured: 4 threads doing 100
 *   If-Match increments lost 11). Every write to a key (PUT, multipart completion, copy, delete) here takes a
 *   per-key lock, and {@code If-Match} / {@code If-None-Match} are evaluated again under it, answering 412 (or 404
 *   for {@code If-Match} on a missing object) as S3 does.</li>
 *   <li><b>Keys are not paths.</b> The filesystem backend stores key {@code a/b} as file {@code b} in directory
 *   {@code a}, so objects {@code a} and {@code a/b} cannot both exist (S3 allows it). Each key is stored with a
 *   U+0001 suffix (below every character a valid key may hold, so prefixes and order are unchanged), which keeps
 *   file and directory names apart; responses carry the real key.</li>
 *   <li><b>UTF-8 listing order.</b> S3 lists keys in UTF-8 byte order; S3Proxy sorts Java strings (UTF-16), which
 *   differs beyond the Basic Multilingual Plane. Listings without a delimiter are re-sorted and paged here.</li>
 * </ol>
 */
final class S3SemanticsBlobStore extends ForwardingBlobStore {
    private static final String SUFFIX = "\u0001";
    private static final String TOKEN_PREFIX = "utf8:";
    private static final Comparator<String> UTF8_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    S3SemanticsBlobStore(BlobStore delegate) {
        super(delegate);
    }

    // ---- writes: per-key lock, conditions re-checked under it ----------------------------------------------

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        return underLock(request.bucket(), request.key(), () -> {
            check(request.bucket(), request.key(), request.ifMatch(), request.ifNoneMatch());
            return super.putBlob(request.toBuilder().key(encode(request.key())).build(), input);
        });
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        return underLock(upload.containerName(), upload.blobName(), () -> {
            check(upload.containerName(), upload.blobName(), request.ifMatch(), request.ifNoneMatch());
            CompleteMultipartUploadResponse response = super.completeMultipartUpload(encode(upload),
                    request.toBuilder().key(encode(request.key())).build());
            return response.key() == null ? response : response.toBuilder().key(decode(response.key())).build();
        });
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return underLock(request.destinationBucket(), request.destinationKey(), () -> super.copyBlob(
                request.toBuilder().sourceKey(encode(request.sourceKey()))
                        .destinationKey(encode(request.destinationKey())).build()));
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return underLock(request.bucket(), request.key(),
                () -> super.removeBlob(request.toBuilder().key(encode(request.key())).build()));
    }

    private void check(String bucket, String key, String ifMatch, String ifNoneMatch) {
        if (ifMatch == null && ifNoneMatch == null) {
            return;
        }
        HeadObjectResponse current = delegate().blobMetadataIfPresent(bucket, encode(key));
        if (ifNoneMatch != null && current != null
                && (ifNoneMatch.equals("*") || sameEtag(ifNoneMatch, current.eTag()))) {
            throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED);
        }
        if (ifMatch != null) {
            if (current == null) {
                throw new S3ProxyException(S3ErrorCode.NO_SUCH_KEY);
            }
            if (!ifMatch.equals("*") && !sameEtag(ifMatch, current.eTag())) {
                throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED);
            }
        }
    }

    private <T> T underLock(String bucket, String key, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(bucket + "/" + key, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    // ---- reads and the rest: keys encoded on the way in, decoded on the way out ----------------------------

    @Override
    public boolean blobExists(String bucket, String key) {
        return super.blobExists(bucket, encode(key));
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return super.blobMetadata(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        return super.getBlob(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key) {
        return super.getBlobAccess(bucket, encode(key));
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key, String versionId) {
        return super.getBlobAccess(bucket, encode(key), versionId);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        return super.getBlobAcl(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL access) {
        super.setBlobAccess(bucket, encode(key), access);
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL access, String versionId) {
        super.setBlobAccess(bucket, encode(key), access, versionId);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        MultipartUpload upload = super.initiateMultipartUpload(request.toBuilder().key(encode(request.key())).build());
        return new MultipartUpload(upload.id(), upload.request().toBuilder().key(decode(upload.blobName())).build(),
                upload.response());
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        super.abortMultipartUpload(encode(upload));
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
                                                  InputStream input) {
        return super.uploadMultipartPart(encode(upload), request.toBuilder().key(encode(request.key())).build(),
                input);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        return super.listMultipartUpload(encode(upload));
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String bucket) {
        List<software.amazon.awssdk.services.s3.model.MultipartUpload> uploads = new ArrayList<>();
        for (software.amazon.awssdk.services.s3.model.MultipartUpload upload : super.listMultipartUploads(bucket)) {
            uploads.add(upload.toBuilder().key(decode(upload.key())).build());
        }
        return uploads;
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        if (request.delimiter() != null && !request.delimiter().isEmpty()) {
            String token = request.continuationToken();
            ListObjectsV2Response response = super.list(request.toBuilder()
                    .startAfter(encode(request.startAfter()))
                    .continuationToken(token == null ? null : encode(fromToken(token))).build());
            List<S3Object> contents = new ArrayList<>();
            for (S3Object object : response.contents()) {
                contents.add(object.toBuilder().key(decode(object.key())).build());
            }
            List<CommonPrefix> prefixes = response.commonPrefixes();
            String next = response.nextContinuationToken();
            return response.toBuilder().contents(contents).commonPrefixes(prefixes)
                    .nextContinuationToken(next == null ? null : toToken(decode(next))).build();
        }
        List<S3Object> all = new ArrayList<>();
        String token = null;
        ListObjectsV2Response first = null;
        do {
            ListObjectsV2Response page = super.list(request.toBuilder().startAfter(null).continuationToken(token)
                    .maxKeys(1000).build());
            first = first == null ? page : first;
            for (S3Object object : page.contents()) {
                all.add(object.toBuilder().key(decode(object.key())).build());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        all.sort(Comparator.comparing(S3Object::key, UTF8_ORDER));
        String after = request.continuationToken() != null ? fromToken(request.continuationToken())
                : request.startAfter();
        int maxKeys = request.maxKeys() == null ? 1000 : request.maxKeys();
        List<S3Object> page = new ArrayList<>();
        boolean truncated = false;
        for (S3Object object : all) {
            if (after != null && UTF8_ORDER.compare(object.key(), after) <= 0) {
                continue;
            }
            if (page.size() == maxKeys) {
                truncated = true;
                break;
            }
            page.add(object);
        }
        String next = truncated && !page.isEmpty() ? toToken(page.get(page.size() - 1).key()) : null;
        return first.toBuilder().contents(page).isTruncated(truncated).nextContinuationToken(next)
                .keyCount(page.size()).maxKeys(maxKeys).prefix(request.prefix()).startAfter(request.startAfter())
                .continuationToken(request.continuationToken()).build();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static String encode(String key) {
        return key == null || key.endsWith(SUFFIX) ? key : key + SUFFIX;
    }

    private static String decode(String key) {
        return key != null && key.endsWith(SUFFIX) ? key.substring(0, key.length() - SUFFIX.length()) : key;
    }

    private static MultipartUpload encode(MultipartUpload upload) {
        return new MultipartUpload(upload.id(), upload.request().toBuilder().key(encode(upload.blobName())).build(),
                upload.response());
    }

    private static String toToken(String key) {
        return TOKEN_PREFIX + Base64.getUrlEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String fromToken(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return token;
        }
        return new String(Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())), StandardCharsets.UTF_8);
    }

    private static boolean sameEtag(String a, String b) {
        return b != null && strip(a).equals(strip(b));
    }

    private static String strip(String etag) {
        String s = etag.trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
