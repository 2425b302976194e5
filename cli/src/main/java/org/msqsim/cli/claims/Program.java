package org.msqsim.cli.claims;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The msqsim program as claims see it: its commands' definitions, against which a claim's flags are
 * checked, and a way to run a command line in this process. Passed in by {@code validate}, so that
 * this package does not depend on the commands it runs.
 */
public interface Program {
    /** A fresh command tree of the program; its subcommands are the commands a claim may name. */
    CommandLine commands();

    /** Runs {@code args} as the user would type them, printing into the writers; returns the exit code. */
    int run(String[] args, PrintWriter out, PrintWriter err);
}
