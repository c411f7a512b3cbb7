package org.onewindow.service.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, sent as {@code application/problem+json}.
 *
 * @param type      URI identifying the problem type, {@code urn:onewindow:problem:<slug>}
 * @param title     short, stable summary of the problem type
 * @param status    HTTP status code
 * @param detail    what went wrong in this request, for the caller; never internals or stack traces
 * @param instance  the request path the problem occurred at
 * @param requestId the request id, also in the {@code X-Request-Id} header and the server log
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:onewindow:problem:";

    public static String typeUri(String slug) {
        return TYPE_PREFIX + slug;
    }
}
