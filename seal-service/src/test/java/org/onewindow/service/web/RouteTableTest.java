package org.onewindow.service.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final Handler NOTHING = ctx -> { };

    private static Route route(HandlerType method, String path) {
        return new Route(method, path, "test", Access.publicAccess(), NOTHING);
    }

    @Test
    void methodsAtMatchesPathParameters() {
        RouteTable table = new RouteTable(List.of(
                route(HandlerType.GET, "/api/cases/{caseId}"),
                route(HandlerType.DELETE, "/api/cases/{caseId}"),
                route(HandlerType.POST, "/api/cases"),
                route(HandlerType.GET, "/files/<path>")));

        assertEquals(EnumSet.of(HandlerType.GET, HandlerType.HEAD, HandlerType.DELETE), table.methodsAt("/api/cases/42"));
        assertEquals(EnumSet.of(HandlerType.POST), table.methodsAt("/api/cases"));
        assertEquals(EnumSet.of(HandlerType.POST), table.methodsAt("/api/cases/"), "trailing slash ignored");
        assertTrue(table.methodsAt("/api/cases/42/documents").isEmpty(), "{param} is one segment");
        assertEquals(EnumSet.of(HandlerType.GET, HandlerType.HEAD), table.methodsAt("/files/a/b/c.pdf"));
        assertTrue(table.methodsAt("/api/case").isEmpty());
        assertTrue(table.methodsAt("/api/cases.json").isEmpty(), "literal parts are quoted");
    }

    @Test
    void duplicateRoutesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RouteTable(List.of(
                route(HandlerType.GET, "/healthz"), route(HandlerType.GET, "/healthz"))));
        assertTrue(e.getMessage().contains("GET /healthz"));
    }

    @Test
    void openApiPathsUseBraces() {
        assertEquals("/files/{path}", OpenApiGenerator.openApiPath("/files/<path>"));
        assertEquals("/api/cases/{caseId}/documents/{n}", OpenApiGenerator.openApiPath("/api/cases/{caseId}/documents/{n}"));
        assertEquals("getApiCasesCaseId",
                OpenApiGenerator.operationId(route(HandlerType.GET, "/api/cases/{caseId}")));
    }

    @Test
    void requestIdsMustBeWellFormed() {
        assertTrue(RequestIds.isWellFormed("3f1c2a9e-5b7d-4c1e-9a2b-0d6e8f7a1b2c"));
        assertTrue(RequestIds.isWellFormed("req_12345678"));
        assertEquals(false, RequestIds.isWellFormed("short"));
        assertEquals(false, RequestIds.isWellFormed("has space 12345"));
        assertEquals(false, RequestIds.isWellFormed("inject\r\nX-Evil: 1"));
        assertEquals(false, RequestIds.isWellFormed("x".repeat(129)));
        assertEquals(false, RequestIds.isWellFormed(null));
    }
}
