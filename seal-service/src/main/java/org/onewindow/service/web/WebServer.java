package org.onewindow.service.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.onewindow.service.errors.ForbiddenException;
import org.onewindow.service.errors.UnauthorizedException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP server: Javalin configured with the route table, authentication and authorization, request ids,
 * security headers, the request log and the problem mapper. Routes are registered here and nowhere else.
 */
public final class WebServer {
    private static final Logger requestLog = LoggerFactory.getLogger("org.onewindow.service.http");
    private static final String MDC_USER = "user";

    private final Javalin javalin;
    private final List<String> registeredEndpoints = new ArrayList<>();

    /**
     * @param routes          every route of the service
     * @param authenticator   finds the principal of non-public requests
     * @param mapper          the service's Jackson mapper
     * @param maxRequestBytes limit for bodies read through Javalin's own {@code ctx.body()}
     * @param shutdownGraceMs how long {@link #stop()} waits for in-flight requests
     */
    public WebServer(RouteTable routes, Authenticator authenticator, ObjectMapper mapper, long maxRequestBytes,
                     long shutdownGraceMs) {
        this(routes, authenticator, AccessListener.none(), mapper, maxRequestBytes, shutdownGraceMs);
    }

    /**
     * @param accessListener told about every refusal of the access check (the audit log)
     */
    public WebServer(RouteTable routes, Authenticator authenticator, AccessListener accessListener, ObjectMapper mapper,
                     long maxRequestBytes, long shutdownGraceMs) {
        ProblemMapper problems = new ProblemMapper(mapper, routes);
        this.javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = maxRequestBytes;
            config.http.prefer405over404 = true;
            JettyProblemErrorHandler jettyErrors = new JettyProblemErrorHandler(mapper);
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(shutdownGraceMs);
                server.setErrorHandler(jettyErrors);
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            config.events.handlerAdded(meta -> {
                if (meta.getHttpMethod().isHttpMethod()) {
                    registeredEndpoints.add(meta.getHttpMethod() + " " + meta.getPath());
                }
            });
            config.requestLogger.http(WebServer::logRequest);
            config.router.mount(router -> {
                router.before(WebServer::beginRequest);
                for (Route route : routes.routes()) {
                    Handler handler = guarded(route, authenticator, accessListener);
                    router.addHttpHandler(route.method(), route.path(), handler);
                    // Javalin would answer HEAD for a GET route with 200 without running it (nor the access
                    // check): mirror GET explicitly so HEAD gets the same status as GET (Jetty drops the body).
                    if (route.method() == HandlerType.GET && !routes.hasRoute(HandlerType.HEAD, route.path())) {
                        router.addHttpHandler(HandlerType.HEAD, route.path(), handler);
                    }
                }
                // Javalin pre-registers its own mappers for HttpResponseException (404, 405, 413 ...) and
                // ValidationException: replace them explicitly, or those would bypass the problem mapper.
                router.exception(HttpResponseException.class, problems::handle);
                router.exception(io.javalin.validation.ValidationException.class, problems::handle);
                router.exception(Exception.class, problems::handle);
            });
        });
    }

    /** Starts listening; returns the actual port (useful with port 0). */
    public int start(String host, int port) {
        javalin.start(host, port);
        return javalin.port();
    }

    /** Stops accepting connections, lets in-flight requests finish (up to the grace period), stops. */
    public void stop() {
        javalin.stop();
    }

    public int port() {
        return javalin.port();
    }

    /**
     * The HTTP endpoints Javalin actually registered, as {@code "GET /path"} (for the OpenAPI sync test): the route
     * table's, plus a HEAD twin of each GET route.
     */
    public List<String> registeredEndpoints() {
        return List.copyOf(registeredEndpoints);
    }

    private static void beginRequest(Context ctx) {
        MDC.clear(); // threads are pooled: never inherit a previous request's context
        String requestId = RequestIds.chooseFor(ctx.header(RequestIds.HEADER));
        ctx.attribute(RequestIds.ATTRIBUTE, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        ctx.header(RequestIds.HEADER, requestId);
        SecurityHeaders.apply(ctx);
    }

    /** Authentication and the access check run before the handler of every non-public route. */
    private static Handler guarded(Route route, Authenticator authenticator, AccessListener accessListener) {
        if (route.access() instanceof Access.Public) {
            return route.handler();
        }
        return ctx -> {
            Optional<Principal> principal;
            try {
                principal = authenticator.authenticate(ctx);
            } catch (UnauthorizedException | ForbiddenException refused) {
                accessListener.denied(ctx, route, null, refused);
                throw refused;
            }
            if (principal.isEmpty()) {
                UnauthorizedException refused = new UnauthorizedException("authentication required for "
                        + route.method() + " " + route.path());
                accessListener.denied(ctx, route, null, refused);
                throw refused;
            }
            Principal who = principal.get();
            ctx.attribute(Principals.ATTRIBUTE, who);
            MDC.put(MDC_USER, who.userId());
            if (!route.access().allows(who.roles())) {
                ForbiddenException refused = new ForbiddenException("this action requires one of the roles "
                        + requiredRoles(route.access()));
                accessListener.denied(ctx, route, who, refused);
                throw refused;
            }
            route.handler().handle(ctx);
        };
    }

    private static String requiredRoles(Access access) {
        if (access instanceof Access.AnyRole anyRole) {
            return anyRole.roles().stream().sorted().map(Role::name).toList().toString();
        }
        return "[]";
    }

    private static void logRequest(Context ctx, Float millis) {
        try {
            String user = Principals.current(ctx).map(Principal::userId).orElse("-");
            requestLog.info("{} {} {} {}ms user={}", ctx.method(), ctx.path(), ctx.statusCode(),
                    Math.round(millis), user);
        } finally {
            MDC.clear();
        }
    }
}
