package org.msqsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import org.msqsim.cli.io.UserError;
import org.msqsim.models.quant.ScaleCache;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code msqsim} program. User errors (bad flags, unreadable files, impossible values) end as one
 * line on stderr and exit code 2; an internal error prints one line and exit code 70, with the stack
 * trace only when {@code MSQSIM_DEBUG} is set.
 */
@Command(name = "msqsim", mixinStandardHelpOptions = true, version = "msqsim 0.1.0",
        description = "Cycle-level, bit-accurate simulator of FPGA accelerators for mixed-scheme quantized DNNs.")
public final class Main implements Runnable {
    /** Exit code of a user error (EX_USAGE-like; picocli's own usage errors use the same). */
    public static final int EXIT_USER_ERROR = 2;
    /** Exit code of an internal error (sysexits EX_SOFTWARE). */
    public static final int EXIT_INTERNAL = 70;

    /**
     * The subcommands in the order of the usage help, each with its name. They are registered in code
     * rather than in {@code @Command(subcommands = ...)} so that a command line naming one of them builds
     * only that one: picocli reads every registered command's annotations by reflection when the
     * {@link CommandLine} is made, which was about a third of the CPU of {@code run --timing-only}
     * (docs/performance.md, "Start-up").
     */
    private static final List<Sub> SUBCOMMANDS = List.of(
            new Sub("run", RunCommand::new),
            new Sub("boards", BoardsCommand::new),
            new Sub("models", ModelsCommand::new),
            new Sub("quantize", QuantizeCommand::new),
            new Sub("accuracy", AccuracyCommand::new),
            new Sub("explore", ExploreCommand::new),
            new Sub("validate", ValidateCommand::new),
            new Sub("help", CommandLine.HelpCommand::new));

    private record Sub(String name, Supplier<Object> make) {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The program's command line with every subcommand (usage help, {@code validate}'s claims). */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line that parses {@code args}: when the first argument names a subcommand other than
     * {@code help} (which lists them all), only that one is registered — everything after it is that
     * command's, so parsing, messages and output are the same as with all of them; otherwise all are.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        boolean one = !first.equals("help") && SUBCOMMANDS.stream().anyMatch(s -> s.name().equals(first));
        for (Sub s : SUBCOMMANDS) {
            if (!one || s.name().equals(first)) {
                cl.addSubcommand(s.name(), s.make().get());
            }
        }
        return cl;
    }

    public static void main(String[] args) {
        // The program (not the tests, which call run) keeps found weight scales on disk for later runs.
        ScaleCache.setProcessDefault(ScaleCache.fromEnvironment(System.getenv(), System.getProperties()));
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the program with the given streams and returns the exit code (used by the tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // Subcommands first: the settings below reach only the subcommands registered when they are made.
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("msqsim: " + ex.getMessage() + " (see 'msqsim " + commandPath(ex.getCommandLine())
                    + " --help')");
            return EXIT_USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserError) {
                err.println("msqsim: " + ex.getMessage());
                return EXIT_USER_ERROR;
            }

            err.println("msqsim: internal error: " + ex + " (set MSQSIM_DEBUG=1 for the stack trace)");
            if (System.getenv("MSQSIM_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return EXIT_INTERNAL;
        });
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf('\n') >= 0 || args[i].indexOf('\r') >= 0) {
                // Every message is one line per problem and names the value at fault; a value that holds a
                // line break would split that line, so it is refused before anything reads it.
                err.println("msqsim: argument " + (i + 1) + " ('" + args[i].replace("\n", "\\n").replace("\r", "\\r")
                        + "') contains a line break; names and values with line breaks are not accepted");
                err.flush();
                return EXIT_USER_ERROR;
            }
        }
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("msqsim: out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB heap); "
                    + "use --timing-only or a larger heap, e.g. MSQSIM_JAVA_OPTS=-Xmx4g");
            code = EXIT_USER_ERROR;
        }
        // PrintWriter (and the PrintStream under it) swallow write errors: ask, so that a failed write of
        // standard output (a full disk, a closed pipe) is an error rather than exit 0 with nothing written.
        if (out.checkError()) {
            err.println("msqsim: cannot write to standard output: the output is lost or incomplete");
            code = EXIT_USER_ERROR;
        }
        err.flush();
        return code;
    }

    private static String commandPath(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("msqsim ") ? name.substring("msqsim ".length()) : "";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
