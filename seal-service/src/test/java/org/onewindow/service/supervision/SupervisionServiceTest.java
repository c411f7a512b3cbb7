package org.onewindow.service.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.cases.CaseState;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.supervision.SupervisionFigures.Dimension;
import org.onewindow.service.supervision.SupervisionFigures.Filter;
import org.onewindow.service.supervision.SupervisionFigures.Row;

/**
 * The figures of the {@link CaseScenario#reference() reference scenario}; every expected number is worked out by
 * hand in the comments from the scenario's dates, not from the code under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionServiceTest {
    CaseScenario scenario;
    CaseScenario.Ids ids;
    SupervisionService supervision;

    @BeforeAll
    void drive(@TempDir Path dir) {
        scenario = new CaseScenario(dir);
        ids = scenario.reference();
        supervision = new SupervisionService(scenario.cases, scenario.clock);
    }

    @AfterAll
    void close() {
        scenario.close();
    }

    private static void assertRow(Row row, String key, int cases, int accepted, int refused, int once, int more,
                                  int overdue, int completed, String average, Integer p90) {
        assertEquals(key, row.key());
        assertEquals(List.of(cases, accepted, refused, once, more, overdue, completed),
                List.of(row.cases(), row.accepted(), row.refused(), row.returnedOnce(), row.returnedMoreThanOnce(),
                        row.overdue(), row.completed()), "counts of " + key);
        assertEquals(average == null ? null : new BigDecimal(average), row.averageWorkingDays(), "average of " + key);
        assertEquals(p90, row.p90WorkingDays(), "p90 of " + key);
    }

    @Test
    void scenarioStatesAreAsPlanned() {
        assertEquals(CaseState.SUBMITTED, scenario.cases.get(ids.h()).value().state());
        assertEquals(CaseState.IN_REVIEW, scenario.cases.get(ids.d()).value().state());
        assertEquals(2, scenario.cases.get(ids.c()).value().pausedWorkingDays());
        assertEquals(4, scenario.cases.get(ids.b()).value().pausedWorkingDays());
    }

    @Test
    void byDepartment() {
        SupervisionFigures f = supervision.figures(Dimension.DEPARTMENT, Filter.all());
        assertEquals(LocalDate.parse("2026-12-16"), f.asOf());
        assertEquals(2, f.rows().size());
        // 住建局: A, B, C, G (H never accepted). Times A 3, B 4, C 13 → mean 20/3 = 6.67; p90 rank ⌈2.7⌉ = 3 → 13.
        // Overdue: C (13 > 7). B returned once, C twice.
        assertRow(f.rows().get(0), CaseScenario.BUILDING_DEPT, 4, 4, 0, 1, 1, 1, 3, "6.67", 13);
        // 食药监局: D, E (refused), F. F took 1 day. D in review since 11-25, deadline 12-09 < 12-16: overdue.
        assertRow(f.rows().get(1), CaseScenario.FOOD_DEPT, 3, 2, 1, 0, 0, 1, 1, "1.00", 1);
        // All: times 1, 3, 4, 13 → mean 21/4 = 5.25; p90 rank ⌈3.6⌉ = 4 → 13.
        assertRow(f.total(), SupervisionService.TOTAL_KEY, 7, 6, 1, 1, 1, 2, 4, "5.25", 13);
    }

    @Test
    void byWindow() {
        SupervisionFigures f = supervision.figures(Dimension.WINDOW, Filter.all());
        assertEquals(List.of(CaseScenario.BUILDING_WINDOW, CaseScenario.FOOD_WINDOW).stream().sorted().toList(),
                f.rows().stream().map(Row::key).toList());
        Row building = f.rows().stream().filter(r -> r.key().equals(CaseScenario.BUILDING_WINDOW)).findFirst().orElseThrow();
        assertRow(building, CaseScenario.BUILDING_WINDOW, 4, 4, 0, 1, 1, 1, 3, "6.67", 13);
    }

    @Test
    void byPerson() {
        SupervisionFigures f = supervision.figures(Dimension.PERSON, Filter.all());
        assertEquals(List.of("b1", "c1", "c2", "f1"), f.rows().stream().map(Row::key).toList());
        // b1 decided A, B, C: times 3, 4, 13.
        assertRow(f.rows().get(0), "b1", 3, 3, 0, 1, 1, 1, 3, "6.67", 13);
        // c1 accepted A, B, D, G: times 3, 4 → mean 3.50, p90 rank ⌈1.8⌉ = 2 → 4; D overdue.
        assertRow(f.rows().get(1), "c1", 4, 4, 0, 1, 0, 1, 2, "3.50", 4);
        // c2 accepted C and F, refused E: times 13, 1 → mean 7.00, p90 → 13; C overdue.
        assertRow(f.rows().get(2), "c2", 3, 2, 1, 0, 1, 1, 2, "7.00", 13);
        // f1 decided F only (D is not decided yet).
        assertRow(f.rows().get(3), "f1", 1, 1, 0, 0, 0, 0, 1, "1.00", 1);
        // the total counts each case once, whoever handled it
        assertRow(f.total(), SupervisionService.TOTAL_KEY, 7, 6, 1, 1, 1, 2, 4, "5.25", 13);
    }

    @Test
    void filtersByDateWindowAndDepartment() {
        // Only G was accepted on or after 12-01: open, not overdue (deadline 12-25), nothing completed.
        SupervisionFigures late = supervision.figures(Dimension.DEPARTMENT,
                new Filter(LocalDate.parse("2026-12-01"), null, null, null));
        assertEquals(1, late.rows().size());
        assertRow(late.rows().get(0), CaseScenario.BUILDING_DEPT, 1, 1, 0, 0, 0, 0, 0, null, null);

        SupervisionFigures early = supervision.figures(Dimension.DEPARTMENT,
                new Filter(null, LocalDate.parse("2026-11-25"), null, null));
        assertRow(early.total(), SupervisionService.TOTAL_KEY, 6, 5, 1, 1, 1, 2, 4, "5.25", 13);

        SupervisionFigures food = supervision.figures(Dimension.PERSON,
                new Filter(null, null, null, CaseScenario.FOOD_DEPT));
        // c1: D; c2: E, F; f1: F.
        assertEquals(List.of("c1", "c2", "f1"), food.rows().stream().map(Row::key).toList());
        assertRow(food.rows().get(1), "c2", 2, 1, 1, 0, 0, 0, 1, "1.00", 1);

        SupervisionFigures window = supervision.figures(Dimension.DEPARTMENT,
                new Filter(null, null, CaseScenario.FOOD_WINDOW, null));
        assertEquals(List.of(CaseScenario.FOOD_DEPT), window.rows().stream().map(Row::key).toList());

        assertThrows(BadRequestException.class, () -> new Filter(LocalDate.parse("2026-12-02"),
                LocalDate.parse("2026-12-01"), null, null));
        assertThrows(BadRequestException.class, () -> Dimension.parse("month"));
    }

    @Test
    void percentileIsNearestRank() {
        assertNull(SupervisionService.percentile(List.of(), 90));
        assertEquals(5, SupervisionService.percentile(List.of(5), 90));
        assertEquals(9, SupervisionService.percentile(IntStream.rangeClosed(1, 10).boxed().toList(), 90));
        assertEquals(10, SupervisionService.percentile(IntStream.rangeClosed(1, 11).boxed().toList(), 90));
        assertEquals(18, SupervisionService.percentile(IntStream.rangeClosed(1, 20).boxed().toList(), 90));
        assertEquals(1, SupervisionService.percentile(List.of(1, 2), 50)); // rank ⌈1.0⌉ = 1
    }

    @Test
    void csvHasBomHeadingRowsAndTotal() {
        StringWriter out = new StringWriter();
        SupervisionService.writeCsv(supervision.figures(Dimension.DEPARTMENT, Filter.all()), out);
        String csv = out.toString();
        assertTrue(csv.startsWith("\uFEFF维度,名称,办件数,受理,不予受理,退回一次,退回多次,超期,办结,平均用时(工作日),90%用时(工作日)\r\n"),
                csv);
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        assertEquals("部门,住建局(人防办),4,4,0,1,1,1,3,6.67,13", lines.get(1));
        assertEquals("部门,食药监局,3,2,1,0,0,1,1,1.00,1", lines.get(2));
        assertEquals("部门,合计,7,6,1,1,1,2,4,5.25,13", lines.get(3));
        assertEquals("'=1+1", SupervisionService.csvCell("=1+1"));
        assertEquals("\"a,b\"", SupervisionService.csvCell("a,b"));
    }
}
