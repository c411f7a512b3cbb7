package org.onewindow.service.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.onewindow.service.Main;

class MainTest {

    /** Output of one in-process CLI run. */
    record Run(int code, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownCommandExitsTwoWithAClearMessage() {
        Run run = run(Map.of(), "frobnicate");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("frobnicate"), run.err());
        assertTrue(run.err().contains("onewindow help"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void helpListsEveryRegisteredCommand() {
        Run run = run(Map.of(), "help");
        assertEquals(0, run.code());
        for (String name : Main.commands().commands().keySet()) {
            assertTrue(run.out().contains(name), name + " missing from help:\n" + run.out());
        }
        assertTrue(run.out().contains("(默认)"), "marks the default command");
    }

    @Test
    void versionPrintsNameAndVersion() {
        Run run = run(Map.of(), "version");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("onewindow "), run.out());
        assertTrue(run.out().contains("Java " + System.getProperty("java.version")), run.out());
    }

    @Test
    void extraArgumentsAreAUsageError() {
        Run run = run(Map.of(), "version", "--now");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("用法: onewindow version"), run.err());
    }

    @Test
    void serveWithBadConfigurationExitsTwoWithoutStackTrace() {
        Run run = run(Map.of("ONEWINDOW_PORT", "seventy"));
        assertEquals(2, run.code(), "no args means serve");
        assertTrue(run.err().contains("ONEWINDOW_PORT"), run.err());
        assertTrue(run.err().contains("seventy"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());

        Run explicit = run(Map.of("ONEWINDOW_STORAGE", "ftp://nowhere"), "serve");
        assertEquals(2, explicit.code());
        assertTrue(explicit.err().contains("ONEWINDOW_STORAGE"), explicit.err());
    }

    @Test
    void multiWordCommandsDispatchByLongestName() {
        List<List<String>> calls = new ArrayList<>();
        CommandRegistry registry = new CommandRegistry("onewindow")
                .add(command("audit verify", calls))
                .add(command("audit", calls))
                .add(command("users add", calls));
        CommandContext context = new CommandContext(Map.of(), System.out, System.err);

        assertEquals(0, registry.dispatch(List.of("audit", "verify", "--from", "2026-01-01"), context));
        assertEquals(0, registry.dispatch(List.of("audit", "list"), context));
        assertEquals(List.of(List.of("audit verify", "--from", "2026-01-01"), List.of("audit", "list")), calls);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext capture = new CommandContext(Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, registry.dispatch(List.of("users"), capture), "group without a sub-command");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("onewindow users add"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void failingCommandExitsOneWithItsMessage() {
        CommandRegistry registry = new CommandRegistry("onewindow").add(new Command() {
            @Override
            public String name() {
                return "explode";
            }

            @Override
            public String summary() {
                return "test";
            }

            @Override
            public int run(List<String> args, CommandContext context) {
                throw new IllegalStateException("the archive is damaged");
            }
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = registry.dispatch(List.of("explode"),
                new CommandContext(Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the archive is damaged"));
    }

    private static Command command(String name, List<List<String>> calls) {
        return new Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String summary() {
                return "test command";
            }

            @Override
            public int run(List<String> args, CommandContext context) {
                List<String> call = new ArrayList<>();
                call.add(name);
                call.addAll(args);
                calls.add(call);
                return OK;
            }
        };
    }
}
