package org.onewindow.service.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.PayloadTooLargeException;
import org.onewindow.service.errors.UnsupportedMediaTypeException;

/**
 * Reads request bodies within the configured limits. Handlers use it instead of {@code ctx.bodyAsClass} so that
 * wrong content types (415), oversized bodies (413) and malformed JSON (400) are answered the same everywhere,
 * and uploads are streamed without ever being held in memory whole.
 */
public final class RequestBodies {
    private final ObjectMapper mapper;
    private final long maxJsonBytes;
    private final long maxUploadBytes;

    public RequestBodies(ObjectMapper mapper, long maxJsonBytes, long maxUploadBytes) {
        this.mapper = mapper;
        this.maxJsonBytes = maxJsonBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * Parses the JSON request body as {@code type}.
     *
     * @throws UnsupportedMediaTypeException when the Content-Type is not JSON
     * @throws PayloadTooLargeException      when the body is longer than {@code ONEWINDOW_MAX_JSON_BYTES}
     * @throws BadRequestException           when the body is empty, malformed or not of the expected form
     */
    public <T> T json(Context ctx, Class<T> type) {
        requireJsonContentType(ctx);
        byte[] body = readLimited(ctx, maxJsonBytes, "JSON request body");
        if (body.length == 0) {
            throw new BadRequestException("the request body is empty; expected a JSON document");
        }
        try {
            return mapper.readValue(body, type);
        } catch (StreamReadException e) {
            throw new BadRequestException("malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException("cannot bind JSON to " + type.getName(), e); // our bug: a 500
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BadRequestException("invalid " + type.getSimpleName() + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the JSON document does not have the expected form" + at(e.getLocation())
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The request body as a stream that fails with {@link PayloadTooLargeException} once more than
     * {@code ONEWINDOW_MAX_UPLOAD_BYTES} have been read (also when the client sends no Content-Length).
     */
    public InputStream upload(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxUploadBytes) {
            throw tooLarge("upload", maxUploadBytes);
        }
        try {
            return new LimitedInputStream(ctx.req().getInputStream(), maxUploadBytes, "upload");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long maxJsonBytes() {
        return maxJsonBytes;
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    private static void requireJsonContentType(Context ctx) {
        String contentType = ctx.contentType();
        if (!isJson(contentType)) {
            throw new UnsupportedMediaTypeException("expected Content-Type application/json, got "
                    + (contentType == null ? "none" : "'" + contentType + "'"));
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static byte[] readLimited(Context ctx, long limit, String what) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(what, limit);
        }
        try (InputStream in = new LimitedInputStream(ctx.req().getInputStream(), limit, what)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PayloadTooLargeException tooLarge(String what, long limit) {
        return new PayloadTooLargeException("the " + what + " is larger than the limit of " + limit + " bytes");
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Counts bytes and fails past the limit, so a chunked body without Content-Length is bounded too. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private final String what;
        private long count;

        LimitedInputStream(InputStream in, long limit, String what) {
            super(in);
            this.limit = limit;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            advance(skipped);
            return skipped;
        }

        private void advance(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge(what, limit);
            }
        }
    }
}
