package org.onewindow.service.supervision;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.supervision.SupervisionFigures.Dimension;
import org.onewindow.service.supervision.SupervisionFigures.Filter;
import org.onewindow.service.supervision.SupervisionFigures.Row;

/** {@code supervision figures --by window|department|person [--from D] [--to D] [--window W] [--department D] [--csv]}. */
public final class SupervisionCommands {
    private SupervisionCommands() {
    }

    public static List<Command> all() {
        return List.of(Command.withStore("supervision figures",
                "--by window|department|person [--from 日期] [--to 日期] [--window 窗口] [--department 部门] [--csv]",
                "电子监察统计: 受理、不予受理、退回、超期、平均与90%办理用时 (工作日)", (args, context, store) -> {
                    List<String> rest = new ArrayList<>(args);
                    boolean csv = rest.remove("--csv");
                    Dimension by = Dimension.DEPARTMENT;
                    String byText = option(rest, "--by");
                    if (byText != null) {
                        try {
                            by = Dimension.parse(byText);
                        } catch (RuntimeException e) {
                            throw new UsageException("--by 应为 window、department 或 person");
                        }
                    }
                    Filter filter;
                    try {
                        filter = new Filter(date(option(rest, "--from")), date(option(rest, "--to")),
                                option(rest, "--window"), option(rest, "--department"));
                    } catch (org.onewindow.service.errors.BadRequestException e) {
                        throw new UsageException("--to 早于 --from");
                    }
                    if (!rest.isEmpty()) {
                        throw new UsageException("不认识的参数: " + rest);
                    }
                    CaseService cases = new CaseService(store, new ItemCatalog(store),
                            WorkingCalendar.fromEnvironment(context.env()), null, Clock.systemUTC());
                    SupervisionFigures figures = new SupervisionService(cases, Clock.systemUTC()).figures(by, filter);
                    if (csv) {
                        SupervisionService.writeCsv(figures, new OutputStreamWriter(context.out(), StandardCharsets.UTF_8));
                    } else {
                        print(figures, context.out());
                    }
                    return Command.OK;
                }));
    }

    private static void print(SupervisionFigures f, PrintStream out) {
        out.println("按" + f.by().chineseName() + "统计 (截至 " + f.asOf() + ")");
        out.println(String.join("\t", SupervisionService.CSV_COLUMNS.subList(1, SupervisionService.CSV_COLUMNS.size())));
        for (Row r : f.rows()) {
            out.println(line(r));
        }
        out.println(line(f.total()));
    }

    private static String line(Row r) {
        return String.join("\t", r.key(), Integer.toString(r.cases()), Integer.toString(r.accepted()),
                Integer.toString(r.refused()), Integer.toString(r.returnedOnce()),
                Integer.toString(r.returnedMoreThanOnce()), Integer.toString(r.overdue()),
                Integer.toString(r.completed()),
                r.averageWorkingDays() == null ? "-" : r.averageWorkingDays().toPlainString(),
                r.p90WorkingDays() == null ? "-" : r.p90WorkingDays().toString());
    }

    private static String option(List<String> rest, String name) {
        int at = rest.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= rest.size()) {
            throw new UsageException(name + " 需要一个值");
        }
        String value = rest.remove(at + 1);
        rest.remove(at);
        return value;
    }

    private static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("'" + value + "' 不是日期 (YYYY-MM-DD)");
        }
    }
}
