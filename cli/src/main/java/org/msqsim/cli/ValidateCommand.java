package org.msqsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.msqsim.cli.claims.Claim;
import org.msqsim.cli.claims.ClaimRunner;
import org.msqsim.cli.claims.ClaimsFile;
import org.msqsim.cli.claims.Program;
import org.msqsim.cli.claims.ValidateReport;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.core.spec.InvalidSpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code msqsim validate FILE.yaml...}: holds the simulator against the claims in a claims file
 * (schema and metric paths: claims/README.md). A malformed file is rejected whole — every problem on
 * its own line, exit code 2, nothing run. Otherwise every claim runs and the exit code is 0 when each
 * passes or is a known miss (a claim the file marks {@code known_miss}, with the reason msqsim misses it;
 * one that now passes is reported so its mark can go, still exit 0) and 1 when any other claim fails
 * or any claim cannot be evaluated.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check claims (published figures with their sources) against msqsim: each claim runs an "
                + "msqsim command, reads one value of its JSON output and compares it with the expected value "
                + "within a tolerance. Exit code 0 when all pass (claims marked known_miss may miss), 1 when any "
                + "other claim fails or cannot be evaluated, 2 for a malformed file.",
            "Schema and metric paths: claims/README.md."})
final class ValidateCommand implements Callable<Integer> {
    /** Exit code when a claim fails or cannot be evaluated. */
    static final int EXIT_CLAIM_FAILED = 1;

    /** This program, whose commands the claims run. */
    static final Program PROGRAM = new Program() {
        @Override
        public CommandLine commands() {
            return Main.commandLine();
        }

        @Override
        public int run(String[] args, PrintWriter out, PrintWriter err) {
            return Main.run(args, out, err);
        }
    };

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "One or more claims files (YAML), e.g. claims/*.yaml; their claims make one table.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Every file is read before any claim runs, and the problems of all malformed files are reported.
        List<Claim> claims = new ArrayList<>();
        // A set: a file named twice (validate a.yaml a.yaml) reports each of its problems once.
        Set<String> problems = new LinkedHashSet<>();
        for (Path file : files) {
            try {
                claims.addAll(ClaimsFile.load(file, PROGRAM));
            } catch (InvalidSpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError(String.join("\nmsqsim: ", problems));
        }
        ValidateReport report = new ValidateReport(files.stream().map(Path::toString).toList(),
                new ClaimRunner(PROGRAM).runAll(claims));
        spec.commandLine().getOut().print(report.render(format));
        return report.holds() ? 0 : EXIT_CLAIM_FAILED;
    }
}
