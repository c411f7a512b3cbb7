package org.onewindow.service.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;

/** {@code users list|add|disable|enable|roles|passwd}: user administration from the command line (audited). */
public final class UserCommands {
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private UserCommands() {
    }

    /** Every {@code users} command, for the CLI registry. */
    public static List<Command> all() {
        return List.of(
                userCommand("users list", "", "列出所有用户", (args, ctx, feature) -> {
                    noMoreArgs(args, 0);
                    for (User u : feature.identity().listUsers()) {
                        ctx.out().printf("%-16s %-8s %-40s %-8s %s%n", u.userId(), u.displayName(),
                                String.join(",", u.roles().stream().map(Enum::name).sorted().toList()),
                                u.department() == null ? "-" : u.department(), u.disabled() ? "已停用" : "正常");
                    }
                    return Command.OK;
                }),
                userCommand("users add", "<用户名> <姓名> <角色[,角色]> [--department 部门] [--password 密码]",
                        "添加用户（不给密码时生成并显示一次）", (args, ctx, feature) -> {
                    Options o = Options.parse(args, 3);
                    String password = o.password != null ? o.password : generatePassword();
                    feature.identity().addUser(actor(ctx), o.positional.get(0), o.positional.get(1),
                            parseRoles(o.positional.get(2)), o.department, password);
                    ctx.out().println("已添加用户 " + o.positional.get(0));
                    if (o.password == null) {
                        ctx.out().println("初始密码（只显示这一次）: " + password);
                    }
                    return Command.OK;
                }),
                userCommand("users disable", "<用户名>", "停用用户（会话和令牌立即失效）", (args, ctx, feature) -> {
                    noMoreArgs(args, 1);
                    feature.identity().setDisabled(actor(ctx), args.get(0), true);
                    ctx.out().println("已停用 " + args.get(0));
                    return Command.OK;
                }),
                userCommand("users enable", "<用户名>", "重新启用用户", (args, ctx, feature) -> {
                    noMoreArgs(args, 1);
                    feature.identity().setDisabled(actor(ctx), args.get(0), false);
                    ctx.out().println("已启用 " + args.get(0));
                    return Command.OK;
                }),
                userCommand("users roles", "<用户名> <角色[,角色]> [--department 部门]", "设置用户角色和所属部门",
                        (args, ctx, feature) -> {
                    Options o = Options.parse(args, 2);
                    User user = feature.identity().setRoles(actor(ctx), o.positional.get(0),
                            parseRoles(o.positional.get(1)), o.department);
                    ctx.out().println("已设置 " + user.userId() + " 的角色: " + user.roles()
                            + (user.department() == null ? "" : " 部门: " + user.department()));
                    return Command.OK;
                }),
                userCommand("users passwd", "<用户名> [--password 密码]", "重设密码（不给密码时生成并显示一次）",
                        (args, ctx, feature) -> {
                    Options o = Options.parse(args, 1);
                    String password = o.password != null ? o.password : generatePassword();
                    feature.identity().resetPassword(actor(ctx), o.positional.get(0), password);
                    ctx.out().println("已重设 " + o.positional.get(0) + " 的密码");
                    if (o.password == null) {
                        ctx.out().println("新密码（只显示这一次）: " + password);
                    }
                    return Command.OK;
                }));
    }

    /** What one command does with the opened feature. */
    @FunctionalInterface
    interface Action {
        int run(List<String> args, CommandContext ctx, IdentityAudit feature) throws Exception;
    }

    /** A command that opens the store and the identity feature around its action. */
    static Command userCommand(String name, String usage, String summary, Action action) {
        return Command.withStore(name, usage, summary, (args, context, store) -> {
            IdentityAudit.Settings settings = IdentityAudit.Settings.fromEnvironment(context.env());
            IdentityAudit feature = IdentityAudit.create(store, settings, Clock.systemUTC(), new SecureRandom());
            return action.run(args, context, feature);
        });
    }

    static IdentityService.Actor actor(CommandContext ctx) {
        String osUser = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        return IdentityService.Actor.cli(osUser, "cli-" + UUID.randomUUID());
    }

    /** Roles by enum name (any case) or Chinese name, comma-separated. */
    static Set<Role> parseRoles(String text) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : text.split("[,，]")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            Role found = null;
            for (Role role : Role.values()) {
                if (role.name().equals(name.toUpperCase(Locale.ROOT)) || role.chineseName().equals(name)) {
                    found = role;
                }
            }
            if (found == null) {
                throw new UsageException("未知角色 '" + name + "'，可用: " + List.of(Role.values()));
            }
            roles.add(found);
        }
        return roles;
    }

    private static void noMoreArgs(List<String> args, int expected) {
        if (args.size() != expected) {
            throw new UsageException("需要 " + expected + " 个参数，得到 " + args.size() + " 个");
        }
    }

    /** Positional arguments plus {@code --department} and {@code --password}. */
    static final class Options {
        final List<String> positional = new ArrayList<>();
        String department;
        String password;

        static Options parse(List<String> args, int positionalCount) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--department") || arg.equals("--password")) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(arg + " 需要一个值");
                    }
                    if (arg.equals("--department")) {
                        o.department = args.get(++i);
                    } else {
                        o.password = args.get(++i);
                    }
                } else if (arg.startsWith("--")) {
                    throw new UsageException("未知选项 " + arg);
                } else {
                    o.positional.add(arg);
                }
            }
            if (o.positional.size() != positionalCount) {
                throw new UsageException("需要 " + positionalCount + " 个参数，得到 " + o.positional.size() + " 个");
            }
            return o;
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
