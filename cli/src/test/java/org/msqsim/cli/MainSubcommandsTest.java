package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line that starts with a subcommand builds only that one (start-up cost); every other
 * command line, and {@link Main#commandLine()}, builds all of them in the usage help's order. The
 * usage help and a subcommand's error message do not depend on which were built.
 */
class MainSubcommandsTest {
    private static final List<String> ALL = List.of("run", "boards", "models", "quantize", "accuracy", "explore",
            "validate", "help");

    private static List<String> names(CommandLine cl) {
        return List.copyOf(cl.getSubcommands().keySet());
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        for (String name : ALL) {
            List<String> expected = name.equals("help") ? ALL : List.of(name);
            assertEquals(expected, names(Main.commandLine(new String[] {name, "--x"})), name);
        }
    }

    @Test
    void everyOtherCommandLineBuildsAll() {
        assertEquals(ALL, names(Main.commandLine()));
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"rum"},
                new String[] {"--version"}, new String[] {""})) {
            assertEquals(ALL, names(Main.commandLine(args)), String.join(" ", args));
        }
    }

    @Test
    void usageAndErrorsAreTheSame() {
        assertEquals(usage(Main.commandLine()), usage(Main.commandLine(new String[] {"run"})));
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", "--bogus"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.EXIT_USER_ERROR, code);
        assertEquals("msqsim: Unknown option: '--bogus' (see 'msqsim run --help')", err.toString().strip());
    }

    /** The usage help of the run subcommand. */
    private static String usage(CommandLine cl) {
        return cl.getSubcommands().get("run").getUsageMessage();
    }
}
