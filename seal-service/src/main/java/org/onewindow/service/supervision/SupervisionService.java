package org.onewindow.service.supervision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.cases.CaseRecord;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.supervision.SupervisionFigures.Dimension;
import org.onewindow.service.supervision.SupervisionFigures.Filter;
import org.onewindow.service.supervision.SupervisionFigures.Row;

/**
 * Computes the supervision figures (电子监察, 绩效) from the stored cases. Read-only.
 *
 * <p>Definitions (see docs/supervision.md):
 * <ul>
 *   <li>A case counts when the window accepted or refused it within the filter's dates (center's time zone);
 *       cases still at 申报 are not counted.</li>
 *   <li>Processing time = working days after the day of 受理 up to and including the day of 办结
 *       ({@link WorkingCalendar#workingDaysBetween}), minus the working days the clock stood still waiting for the
 *       applicant's supplement (退回补正 until the next 转办). Same-day completion is 0.</li>
 *   <li>Overdue: completed with a processing time above the promised working days, or, not yet completed, the clock
 *       running and today after the (paused-days-extended) deadline. A returned case waiting for the applicant is
 *       not overdue; a missed 容缺 supplement deadline is the applicant's, not counted here.</li>
 *   <li>Percentile: nearest rank — the value at position ⌈0.9·n⌉ (1-based) of the n processing times sorted
 *       ascending.</li>
 *   <li>Person: a case counts for the clerk who accepted or refused it and for the approver who decided it
 *       (one row each; the total counts every case once).</li>
 * </ul>
 */
public final class SupervisionService {
    /** The key of the total row. */
    public static final String TOTAL_KEY = "合计";
    private final CaseService cases;
    private final WorkingCalendar calendar;
    private final Clock clock;

    public SupervisionService(CaseService cases, Clock clock) {
        this.cases = cases;
        this.calendar = cases.calendar();
        this.clock = clock;
    }

    /** What the figures need to know about one case. */
    record Facts(CaseRecord record, LocalDate windowDay, String windowActor, boolean accepted, String decidedBy,
                 Integer processingDays, boolean overdue) {
    }

    /** The figures as of today. */
    public SupervisionFigures figures(Dimension by, Filter filter) {
        return figures(by, filter, cases.all());
    }

    /** The figures over {@code records} as of today (for callers holding the cases already). */
    public SupervisionFigures figures(Dimension by, Filter filter, List<CaseRecord> records) {
        LocalDate today = calendar.today(clock);
        List<Facts> counted = new ArrayList<>();
        for (CaseRecord c : records) {
            Facts facts = facts(c, today);
            if (facts != null && matches(facts, filter)) {
                counted.add(facts);
            }
        }
        Map<String, List<Facts>> groups = new TreeMap<>();
        for (Facts f : counted) {
            for (String key : keys(by, f)) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            }
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((key, list) -> rows.add(row(key, list)));
        return new SupervisionFigures(by, filter, today, rows, row(TOTAL_KEY, counted));
    }

    private static boolean matches(Facts f, Filter filter) {
        return (filter.from() == null || !f.windowDay().isBefore(filter.from()))
                && (filter.to() == null || !f.windowDay().isAfter(filter.to()))
                && (filter.window() == null || filter.window().equals(f.record().window()))
                && (filter.department() == null || filter.department().equals(f.record().department()));
    }

    private static Set<String> keys(Dimension by, Facts f) {
        return switch (by) {
            case WINDOW -> Set.of(String.valueOf(f.record().window()));
            case DEPARTMENT -> Set.of(String.valueOf(f.record().department()));
            case PERSON -> {
                Set<String> people = new LinkedHashSet<>();
                people.add(f.windowActor());
                if (f.decidedBy() != null) {
                    people.add(f.decidedBy());
                }
                yield people;
            }
        };
    }

    /** The facts of a case the window has accepted or refused; null for one still at 申报. */
    Facts facts(CaseRecord c, LocalDate today) {
        CaseRecord.Transition windowDecision = last(c, "accept", "refuse");
        if (windowDecision == null) {
            return null;
        }
        LocalDate windowDay = windowDecision.at().atZone(calendar.zone()).toLocalDate();
        boolean accepted = windowDecision.action().equals("accept");
        String decidedBy = c.decision() == null ? null : c.decision().by();
        Integer processing = null;
        boolean overdue = false;
        if (accepted && c.acceptedOn() != null) {
            CaseRecord.Transition completion = last(c, "complete");
            if (completion != null) {
                LocalDate completedOn = completion.at().atZone(calendar.zone()).toLocalDate();
                processing = Math.max(0, calendar.workingDaysBetween(c.acceptedOn(), completedOn)
                        - c.pausedWorkingDays());
                overdue = processing > c.promisedWorkingDays();
            } else if (c.state().clockRunning()) {
                LocalDate deadline = cases.deadline(c, today).deadline();
                overdue = deadline != null && today.isAfter(deadline);
            }
        }
        return new Facts(c, windowDay, windowDecision.actor(), accepted, decidedBy, processing, overdue);
    }

    private static CaseRecord.Transition last(CaseRecord c, String... actions) {
        CaseRecord.Transition found = null;
        for (CaseRecord.Transition t : c.history()) {
            for (String action : actions) {
                if (action.equals(t.action())) {
                    found = t;
                }
            }
        }
        return found;
    }

    private static Row row(String key, List<Facts> list) {
        int accepted = 0;
        int refused = 0;
        int once = 0;
        int more = 0;
        int overdue = 0;
        List<Integer> times = new ArrayList<>();
        for (Facts f : list) {
            if (f.accepted()) {
                accepted++;
            } else {
                refused++;
            }
            int returns = f.record().returns().size();
            if (returns == 1) {
                once++;
            } else if (returns > 1) {
                more++;
            }
            if (f.overdue()) {
                overdue++;
            }
            if (f.processingDays() != null) {
                times.add(f.processingDays());
            }
        }
        Collections.sort(times);
        BigDecimal average = times.isEmpty() ? null : BigDecimal.valueOf(times.stream().mapToLong(Integer::longValue)
                .sum()).divide(BigDecimal.valueOf(times.size()), 2, RoundingMode.HALF_UP);
        return new Row(key, list.size(), accepted, refused, once, more, overdue, times.size(), average,
                percentile(times, 90));
    }

    /**
     * The {@code p}-th percentile by nearest rank: the value at 1-based position ⌈p/100·n⌉ of {@code sorted}
     * (ascending); null for an empty list.
     */
    static Integer percentile(List<Integer> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    // ------------------------------------------------------------------ CSV

    /** CSV column headings (Chinese, for the people who open it in Excel). */
    public static final List<String> CSV_COLUMNS = List.of("维度", "名称", "办件数", "受理", "不予受理", "退回一次",
            "退回多次", "超期", "办结", "平均用时(工作日)", "90%用时(工作日)");

    /**
     * Writes the figures as CSV: UTF-8 byte order mark (Excel then reads Chinese correctly), RFC 4180 quoting,
     * CRLF, a heading line, one line per row, the total last; cells starting with {@code = + - @} get a leading
     * apostrophe so that no spreadsheet runs them as formulas.
     */
    public static void writeCsv(SupervisionFigures figures, Writer out) {
        try {
            out.write('\uFEFF');
            writeCsvRow(out, CSV_COLUMNS);
            for (Row row : figures.rows()) {
                writeCsvRow(out, cells(figures.by().chineseName(), row));
            }
            writeCsvRow(out, cells(figures.by().chineseName(), figures.total()));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> cells(String dimension, Row r) {
        return List.of(dimension, r.key(), Integer.toString(r.cases()), Integer.toString(r.accepted()),
                Integer.toString(r.refused()), Integer.toString(r.returnedOnce()),
                Integer.toString(r.returnedMoreThanOnce()), Integer.toString(r.overdue()),
                Integer.toString(r.completed()),
                r.averageWorkingDays() == null ? "" : r.averageWorkingDays().toPlainString(),
                r.p90WorkingDays() == null ? "" : r.p90WorkingDays().toString());
    }

    private static void writeCsvRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csvCell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String csvCell(String value) {
        String cell = value == null ? "" : value;
        if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
