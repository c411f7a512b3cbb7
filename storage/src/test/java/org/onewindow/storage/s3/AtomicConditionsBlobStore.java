package org.onewindow.storage.s3;

import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Makes S3Proxy's conditional writes atomic, as they are on S3 and MinIO.
 *
 * <p>S3Proxy 4.1.0 checks {@code If-Match} in its HTTP handler with a HEAD and only then calls the blob store, so
 * two writers holding the same ETag can both pass the check. This wrapper takes a per-key lock around every write
 * (PUT, multipart completion, copy target, delete) and evaluates {@code If-Match} / {@code If-None-Match} again
 * under that lock, answering 412 (or 404 for {@code If-Match} on a missing object) exactly as S3 does.
 */
final class AtomicConditionsBlobStore extends ForwardingBlobStore {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    AtomicConditionsBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        return underLock(request.bucket(), request.key(), () -> {
            check(request.bucket(), request.key(), request.ifMatch(), request.ifNoneMatch());
            return super.putBlob(request, input);
        });
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        return underLock(upload.containerName(), upload.blobName(), () -> {
            check(upload.containerName(), upload.blobName(), request.ifMatch(), request.ifNoneMatch());
            return super.completeMultipartUpload(upload, request);
        });
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return underLock(request.destinationBucket(), request.destinationKey(), () -> super.copyBlob(request));
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return underLock(request.bucket(), request.key(), () -> super.removeBlob(request));
    }

    private void check(String bucket, String key, String ifMatch, String ifNoneMatch) {
        if (ifMatch == null && ifNoneMatch == null) {
            return;
        }
        HeadObjectResponse current = delegate().blobMetadataIfPresent(bucket, key);
        if (ifNoneMatch != null) {
            if (current != null && (ifNoneMatch.equals("*") || sameEtag(ifNoneMatch, current.eTag()))) {
                throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED);
            }
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

    private static boolean sameEtag(String a, String b) {
        return b != null && strip(a).equals(strip(b));
    }

    private static String strip(String etag) {
        String s = etag.trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
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
}
