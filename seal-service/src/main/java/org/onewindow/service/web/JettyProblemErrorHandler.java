package org.onewindow.service.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Problem JSON also for what Jetty rejects before Javalin sees the request (malformed URIs, oversized headers):
 * without it those answers would be Jetty's HTML pages. Such a request has no id yet, so one is generated.
 */
final class JettyProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    JettyProblemErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = UUID.randomUUID().toString();
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE));
        fields.put(RequestIds.HEADER, requestId);
        fields.put("X-Content-Type-Options", "nosniff");
        return ByteBuffer.wrap(body(status, "the request could not be read: "
                + (reason == null ? ProblemMapper.titleFor(status) : reason), null, requestId));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        Object known = request.getAttribute(RequestIds.ATTRIBUTE);
        String requestId = known instanceof String id ? id : UUID.randomUUID().toString();
        response.setContentType(Problem.MEDIA_TYPE);
        response.setHeader(RequestIds.HEADER, requestId);
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body = body(code, ProblemMapper.titleFor(code), request.getRequestURI(), requestId);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    private byte[] body(int status, String detail, String instance, String requestId) {
        String title = ProblemMapper.titleFor(status);
        String slug = ProblemMapper.slugFor(status);
        try {
            return mapper.writeValueAsString(new Problem(Problem.typeUri(slug), title, status, detail, instance, requestId))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a problem document", e);
        }
    }
}
