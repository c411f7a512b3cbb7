package org.onewindow.service.supervision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.onewindow.service.errors.BadRequestException;

/**
 * Supervision figures (电子监察 / 绩效) grouped by window, department or person.
 *
 * @param by         how the rows are grouped
 * @param filter     which cases were counted
 * @param asOf       the day "still open past its deadline" was judged on (center's time zone)
 * @param rows       one per window / department / person, ordered by key
 * @param total      the same figures over every counted case (a case attributed to two persons counts once)
 */
public record SupervisionFigures(Dimension by, Filter filter, LocalDate asOf, List<Row> rows, Row total) {
    public SupervisionFigures {
        rows = List.copyOf(rows);
    }

    /** How figures are grouped. */
    public enum Dimension {
        /** the accepting window (综合窗口) */
        WINDOW("窗口"),
        /** the deciding department */
        DEPARTMENT("部门"),
        /** the clerk who accepted or refused the case, and the approver who decided it */
        PERSON("人员");

        private final String chineseName;

        Dimension(String chineseName) {
            this.chineseName = chineseName;
        }

        public String chineseName() {
            return chineseName;
        }

        /** @throws BadRequestException for anything but window, department, person */
        public static Dimension parse(String value) {
            if (value == null || value.isBlank()) {
                return DEPARTMENT;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("by: '" + value + "' is not one of window, department, person");
            }
        }
    }

    /**
     * Which cases count: those accepted or refused at the window between {@code from} and {@code to} (inclusive,
     * center's time zone), of this window and department; {@code null} members do not filter.
     */
    public record Filter(LocalDate from, LocalDate to, String window, String department) {
        public Filter {
            if (from != null && to != null && to.isBefore(from)) {
                throw new BadRequestException("to (" + to + ") is before from (" + from + ")");
            }
        }

        public static Filter all() {
            return new Filter(null, null, null, null);
        }

        public Filter withDepartment(String only) {
            return new Filter(from, to, window, only);
        }
    }

    /**
     * The figures of one group.
     *
     * @param key                  window name, department name or user id ({@code 合计} for the total)
     * @param cases                cases counted in this group
     * @param accepted             受理 (including 容缺受理)
     * @param refused              不予受理
     * @param returnedOnce         returned (退回补正) exactly once
     * @param returnedMoreThanOnce returned twice or more
     * @param overdue              completed later than promised, or still open past the deadline on {@code asOf}
     * @param completed            办结 (the processing time is known)
     * @param averageWorkingDays   mean processing time of the completed cases, 2 decimals (half up); null if none
     * @param p90WorkingDays       90th percentile (nearest rank) of the processing times; null if none
     */
    public record Row(String key, int cases, int accepted, int refused, int returnedOnce, int returnedMoreThanOnce,
                      int overdue, int completed, BigDecimal averageWorkingDays, Integer p90WorkingDays) {
    }
}
