package org.onewindow.service.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.javalin.http.HandlerType;

/**
 * Every route of the service, in one immutable table. The web server registers exactly these routes and the
 * OpenAPI document is generated from them, so the two cannot drift apart.
 */
public final class RouteTable {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{[^/{}]+}|<[^<>]+>|\\*");

    private final List<Route> routes;
    private final List<Pattern> patterns;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Set<String> seen = new HashSet<>();
        List<Pattern> compiled = new ArrayList<>();
        for (Route route : this.routes) {
            if (!route.path().startsWith("/")) {
                throw new IllegalArgumentException("route path must start with '/': " + route.path());
            }
            if (!route.method().isHttpMethod()) {
                throw new IllegalArgumentException("route method must be an HTTP method: " + route.method());
            }
            if (!seen.add(route.method() + " " + route.path())) {
                throw new IllegalArgumentException("route registered twice: " + route.method() + " " + route.path());
            }
            compiled.add(toPattern(route.path()));
        }
        this.patterns = List.copyOf(compiled);
    }

    /** Collects the routes of every provider, in order. */
    public static RouteTable of(Collection<? extends RouteProvider> providers) {
        List<Route> all = new ArrayList<>();
        for (RouteProvider provider : providers) {
            all.addAll(provider.routes());
        }
        return new RouteTable(all);
    }

    public List<Route> routes() {
        return routes;
    }

    /** Whether the table has a route with exactly this method and path template. */
    public boolean hasRoute(HandlerType method, String path) {
        return routes.stream().anyMatch(route -> route.method() == method && route.path().equals(path));
    }

    /**
     * The methods some route answers at {@code requestPath} (used for 405 and its {@code Allow} header); HEAD is
     * included wherever GET is, as Javalin answers HEAD for GET routes. Empty when no route has this path.
     */
    public Set<HandlerType> methodsAt(String requestPath) {
        String path = requestPath.length() > 1 && requestPath.endsWith("/")
                ? requestPath.substring(0, requestPath.length() - 1) // Javalin ignores trailing slashes
                : requestPath;
        Set<HandlerType> methods = EnumSet.noneOf(HandlerType.class);
        for (int i = 0; i < routes.size(); i++) {
            if (patterns.get(i).matcher(path).matches()) {
                methods.add(routes.get(i).method());
            }
        }
        if (methods.contains(HandlerType.GET)) {
            methods.add(HandlerType.HEAD);
        }
        return methods;
    }

    /** Javalin path syntax to a regex: {@code {p}} is one segment, {@code <p>} and {@code *} may span slashes. */
    private static Pattern toPattern(String path) {
        StringBuilder regex = new StringBuilder();
        Matcher matcher = PATH_PARAM.matcher(path);
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(path.substring(last, matcher.start())));
            regex.append(matcher.group().startsWith("{") ? "[^/]+" : ".*");
            last = matcher.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
