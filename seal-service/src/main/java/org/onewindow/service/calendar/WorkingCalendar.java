package org.onewindow.service.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.service.config.ConfigException;

/**
 * Working days of the center: Monday to Friday, minus public holidays, plus the make-up working days (调休) on
 * weekends. Deadlines (承诺时限) are counted in these days in the center's time zone.
 *
 * <p>The default schedule is the classpath resource {@value #DEFAULT_RESOURCE}; {@value #FILE_ENV} names a file of
 * the same form ({@code {"zone": "...", "holidays": ["2026-01-01", ...], "makeUpWorkdays": [...]}}) that replaces
 * it. Years the file does not cover have weekends only.
 */
public final class WorkingCalendar {
    public static final String DEFAULT_RESOURCE = "/calendar/cn-holidays.json";
    public static final String FILE_ENV = "ONEWINDOW_CALENDAR_FILE";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final ZoneId zone;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkdays;

    public WorkingCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        for (LocalDate day : this.holidays) {
            if (this.makeUpWorkdays.contains(day)) {
                throw new IllegalArgumentException(day + " is listed both as a holiday and as a make-up working day");
            }
        }
    }

    /** The file named by {@value #FILE_ENV} when set, otherwise the built-in schedule. */
    public static WorkingCalendar fromEnvironment(Map<String, String> env) {
        String file = env.get(FILE_ENV);
        if (file == null || file.isBlank()) {
            return builtIn();
        }
        Path path = Path.of(file.strip());
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new ConfigException(FILE_ENV, "cannot read " + path + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FILE_ENV, path + ": " + e.getMessage());
        }
    }

    /** The built-in schedule (official holidays of the years it lists). */
    public static WorkingCalendar builtIn() {
        try (InputStream in = WorkingCalendar.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the build");
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a schedule document.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static WorkingCalendar parse(InputStream in, String name) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + " is not a JSON object");
        }
        ZoneId zone = DEFAULT_ZONE;
        if (root.hasNonNull("zone")) {
            try {
                zone = ZoneId.of(root.get("zone").asText());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + root.get("zone").asText() + "'");
            }
        }
        return new WorkingCalendar(zone, dates(root, "holidays"), dates(root, "makeUpWorkdays"));
    }

    private static Set<LocalDate> dates(JsonNode root, String member) {
        Set<LocalDate> out = new TreeSet<>();
        JsonNode list = root.get(member);
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(member + " must be an array of dates (YYYY-MM-DD)");
        }
        for (JsonNode item : list) {
            try {
                out.add(LocalDate.parse(item.asText()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(member + ": '" + item.asText() + "' is not a date (YYYY-MM-DD)");
            }
        }
        return out;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Today in the center's time zone. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }

    public boolean isWorkingDay(LocalDate day) {
        if (makeUpWorkdays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The day by which something started on {@code start} must be done within {@code workingDays}: the
     * {@code workingDays}-th working day after {@code start} (the start day itself does not count); {@code start}
     * itself for 0 (即办件).
     */
    public LocalDate addWorkingDays(LocalDate start, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("working days must not be negative");
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * Working days after {@code from} up to and including {@code to}; negative when {@code to} is before
     * {@code from} (then it counts the working days after {@code to} up to and including {@code from}).
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
