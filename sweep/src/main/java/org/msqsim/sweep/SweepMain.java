package org.msqsim.sweep;

import java.io.PrintWriter;
import org.msqsim.cli.io.UserError;
import picocli.CommandLine;

/**
 * The entry point of {@code msqsim-sweep.jar} ({@code ./msqsim sweep …}, or {@code spark-submit --class
 * org.msqsim.sweep.SweepMain}): the same exit codes as {@code msqsim} — 2 and one line per problem for a
 * user error, 70 and one line for an internal error (the stack trace with {@code MSQSIM_DEBUG} set).
 */
public final class SweepMain {
    private SweepMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with these streams and returns the exit code (the tests call it). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SweepCommand());
        cl.setCommandName("msqsim sweep");
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("msqsim sweep: " + ex.getMessage() + " (see 'msqsim sweep --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserError) {
                err.println("msqsim sweep: " + ex.getMessage());
                return 2;
            }
            String first = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
            err.println("msqsim sweep: internal error: " + ex.getClass().getSimpleName() + ": " + first
                    + " (set MSQSIM_DEBUG=1 for the stack trace)");
            if (System.getenv("MSQSIM_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return 70;
        });
        int code = cl.execute(args);
        if (out.checkError()) {
            err.println("msqsim sweep: cannot write to standard output: the output is lost or incomplete");
            code = 2;
        }
        err.flush();
        return code;
    }
}
