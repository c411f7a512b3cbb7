package org.onewindow.service.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.identity.Role;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** The item catalog over HTTP: seed data, admin CRUD with conditional writes, import/export. */
class ItemCatalogHttpTest {
    @TempDir
    Path dir;
    CaseHarness h;
    String[] admin;
    String[] clerk;

    @BeforeEach
    void start() {
        h = new CaseHarness(dir);
        admin = h.user("admin1", null, Role.SYSTEM_ADMIN);
        clerk = h.user("clerk1", null, Role.WINDOW_CLERK);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static Map<String, Object> item(String code, String name) {
        return Map.of("code", code, "name", name, "window", "社会服务", "department", "民政局",
                "legalBasis", "《社会团体登记管理条例》第九条", "promisedWorkingDays", 15,
                "materials", List.of(Map.of("code", "M01", "name", "登记申请书", "kind", "MAIN", "form", "ORIGINAL",
                        "copies", 1)),
                "requiredSeals", List.of("DEPARTMENT", "APPROVAL"));
    }

    @Test
    void aFreshInstallIsSeededOnceOverTheFourWindows() {
        JsonNode items = h.expect(200, "GET", "/api/catalog/items", null, clerk).path("items");
        assertTrue(items.size() >= 20, "seeded items: " + items.size());
        Set<String> windows = new HashSet<>();
        items.forEach(i -> windows.add(i.path("window").asText()));
        assertEquals(Set.of("市场监管服务", "投资项目审批服务", "社会服务", "其他综合服务"), windows);
        h.expect(204, "DELETE", "/api/catalog/items/620982-XK-0022", null, admin);
        h.close();

        // a second start does not bring the deleted item back, and seeding again adds nothing
        try (FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("data"))) {
            assertEquals(0, new ItemCatalog(store).seedIfFirstStart(Instant.now()));
            assertTrue(new ItemCatalog(store).find("620982-XK-0022").isEmpty());
        }
        h = new CaseHarness(dir);
        h.expect(404, "GET", "/api/catalog/items/620982-XK-0022", null, h.user("reader", null, Role.AUDITOR));
    }

    @Test
    void adminCrudWithCodesAndConditionalWrites() {
        Map<String, Object> noCode = new java.util.HashMap<>(item("x", "社会团体成立登记"));
        noCode.remove("code");
        JsonNode problem = h.expect(422, "POST", "/api/catalog/items", noCode, admin);
        assertTrue(problem.path("detail").asText().contains("code"), problem.toString());
        h.expect(403, "POST", "/api/catalog/items", item("620982-XK-0041", "社会团体成立登记"), clerk);

        h.expect(201, "POST", "/api/catalog/items", item("620982-XK-0041", "社会团体成立登记"), admin);
        h.expect(409, "POST", "/api/catalog/items", item("620982-XK-0041", "社会团体成立登记"), admin);
        HttpResponse<String> got = h.send("GET", "/api/catalog/items/620982-XK-0041", null, clerk);
        String etag = got.headers().firstValue("ETag").orElseThrow();

        String[] withEtag = {admin[0], admin[1], "If-Match", etag};
        h.expect(200, "PUT", "/api/catalog/items/620982-XK-0041", item("620982-XK-0041", "社会团体成立登记(变更)"),
                withEtag);
        h.expect(409, "PUT", "/api/catalog/items/620982-XK-0041", item("620982-XK-0041", "过期的修改"), withEtag);
        assertEquals("社会团体成立登记(变更)", h.expect(200, "GET", "/api/catalog/items/620982-XK-0041", null, clerk)
                .path("name").asText());
        assertEquals(2, h.events("catalog.create").size() + h.events("catalog.update").size());

        // a case can be opened for the new item
        String id = h.open(clerk, "620982-XK-0041", "M01");
        assertEquals("民政局", h.expect(200, "GET", "/api/cases/" + id, null, clerk).path("department").asText());
    }

    @Test
    void exportAndImportRoundTrip() {
        HttpResponse<String> csv = h.send("GET", "/api/catalog/export.csv", null, admin);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("\uFEFFcode,name,window"), csv.body().substring(0, 40));
        assertTrue(csv.body().contains("620982-XK-0013,建设工程规划许可证核发,投资项目审批服务,规划局"));

        JsonNode exported = h.expect(200, "GET", "/api/catalog/export.json", null, admin);
        int count = exported.path("items").size();
        JsonNode again = h.expect(200, "POST", "/api/catalog/import", exported, admin);
        assertEquals(0, again.path("created").size());
        assertEquals(count, again.path("unchanged").size());

        // one bad entry: nothing of the import is stored
        Map<String, Object> bad = Map.of("items", List.of(item("620982-XK-0051", "甲"), item("bad", "乙")));
        h.expect(422, "POST", "/api/catalog/import", bad, admin);
        h.expect(404, "GET", "/api/catalog/items/620982-XK-0051", null, admin);
        JsonNode ok = h.expect(200, "POST", "/api/catalog/import",
                Map.of("items", List.of(item("620982-XK-0051", "甲"))), admin);
        assertEquals("[\"620982-XK-0051\"]", ok.path("created").toString());
    }
}
