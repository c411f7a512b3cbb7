package org.onewindow.service.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.config.ConfigException;

class WorkingCalendarTest {
    private final WorkingCalendar calendar = WorkingCalendar.builtIn();

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void holidaysAndMakeUpDaysOf2026() {
        assertFalse(calendar.isWorkingDay(d("2026-10-01")), "National Day (Thursday) is a holiday");
        assertFalse(calendar.isWorkingDay(d("2026-10-07")), "Wednesday 7 Oct is part of the Golden Week");
        assertTrue(calendar.isWorkingDay(d("2026-10-10")), "Saturday 10 Oct is a make-up working day");
        assertTrue(calendar.isWorkingDay(d("2026-02-14")), "Saturday before the Spring Festival is worked");
        assertFalse(calendar.isWorkingDay(d("2026-02-16")), "Spring Festival Monday");
        assertFalse(calendar.isWorkingDay(d("2026-11-28")), "an ordinary Saturday");
        assertTrue(calendar.isWorkingDay(d("2026-11-27")), "an ordinary Friday");
    }

    @Test
    void deadlinesSkipHolidaysAndCountMakeUpDays() {
        // Tuesday 29 Sep + 2: Wed 30 Sep, then the holiday week, then Thu 8 Oct
        assertEquals(d("2026-10-08"), calendar.addWorkingDays(d("2026-09-29"), 2));
        // Friday 9 Oct + 1: Saturday 10 Oct is worked
        assertEquals(d("2026-10-10"), calendar.addWorkingDays(d("2026-10-09"), 1));
        // Friday 18 Sep + 1: Sunday 20 Sep is worked
        assertEquals(d("2026-09-20"), calendar.addWorkingDays(d("2026-09-18"), 1));
        // 即办件: the same day
        assertEquals(d("2026-11-25"), calendar.addWorkingDays(d("2026-11-25"), 0));
        // an ordinary week: Wed + 7 = the Friday after next
        assertEquals(d("2026-12-04"), calendar.addWorkingDays(d("2026-11-25"), 7));
        assertThrows(IllegalArgumentException.class, () -> calendar.addWorkingDays(d("2026-11-25"), -1));
    }

    @Test
    void workingDaysBetweenIsTheInverseOfAdding() {
        for (int n = 0; n < 40; n++) {
            LocalDate start = d("2026-09-15");
            assertEquals(n, calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n)), "n=" + n);
        }
        assertEquals(-2, calendar.workingDaysBetween(d("2026-11-27"), d("2026-11-25")));
    }

    @Test
    void aCenterCanReplaceTheSchedule(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cal.json");
        Files.writeString(file, "{\"holidays\": [\"2027-01-01\"], \"makeUpWorkdays\": [\"2027-01-02\"]}");
        WorkingCalendar custom = WorkingCalendar.fromEnvironment(Map.of(WorkingCalendar.FILE_ENV, file.toString()));
        assertFalse(custom.isWorkingDay(d("2027-01-01")));
        assertTrue(custom.isWorkingDay(d("2027-01-02")));
        assertTrue(custom.isWorkingDay(d("2026-10-01")), "the built-in 2026 schedule is replaced, not merged");

        Files.writeString(file, "{\"holidays\": [\"2027-01-01\"], \"makeUpWorkdays\": [\"2027-01-01\"]}");
        assertThrows(ConfigException.class, () -> WorkingCalendar.fromEnvironment(Map.of(WorkingCalendar.FILE_ENV,
                file.toString())));
        Files.writeString(file, "{\"holidays\": [\"1 Jan\"]}");
        ConfigException bad = assertThrows(ConfigException.class, () -> WorkingCalendar.fromEnvironment(
                Map.of(WorkingCalendar.FILE_ENV, file.toString())));
        assertTrue(bad.getMessage().contains("1 Jan"), bad.getMessage());
    }
}
