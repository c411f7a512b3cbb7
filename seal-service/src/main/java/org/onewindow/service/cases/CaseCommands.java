package org.onewindow.service.cases;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.onewindow.service.Application;
import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.storage.ObjectStore;

/** {@code cases list [--state STATE] [--overdue]}: the cases of the configured storage, newest first. */
public final class CaseCommands {
    private CaseCommands() {
    }

    public static List<Command> all() {
        return List.of(Command.of("cases list", "[--state 状态] [--overdue]", "列出办件 (最新在前), 含承诺期限",
                CaseCommands::list));
    }

    static int list(List<String> args, CommandContext context) {
        List<String> rest = new ArrayList<>(args);
        boolean overdueOnly = rest.remove("--overdue");
        CaseState state = null;
        int at = rest.indexOf("--state");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                throw new UsageException("--state 需要状态名, 例如 ACCEPTED");
            }
            String name = rest.remove(at + 1);
            rest.remove(at);
            try {
                state = CaseState.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("未知状态 " + name + "; 可用: " + List.of(CaseState.values()));
            }
        }
        if (!rest.isEmpty()) {
            throw new UsageException("cases list 不认识的参数: " + rest);
        }
        try (ObjectStore store = Application.openStore(context.config().storage())) {
            CaseService cases = new CaseService(store, new ItemCatalog(store),
                    WorkingCalendar.fromEnvironment(context.env()), null, Clock.systemUTC());
            List<CaseRecord> list = overdueOnly ? cases.overdue() : cases.all();
            int shown = 0;
            for (CaseRecord c : list) {
                if (state != null && c.state() != state) {
                    continue;
                }
                CaseService.DeadlineStatus d = cases.deadline(c);
                context.out().println(c.id() + "  " + c.state().chineseName() + "  " + c.itemName() + "  "
                        + (c.applicant() == null ? "" : c.applicant().name()) + "  " + c.department()
                        + (d.deadline() == null ? "" : "  期限 " + d.deadline())
                        + (d.overdue().isEmpty() ? "" : "  已超期 " + d.overdue())
                        + (d.clockPaused() ? "  (等待补正, 计时暂停)" : ""));
                shown++;
            }
            context.out().println("共 " + shown + " 件");
        }
        return Command.OK;
    }
}
