package org.msqsim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.msqsim.core.spec.InvalidSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code msqsim validate FILE.yaml}: holds the simulator against the claims in a claims file
 * (schema and metric paths: claims/README.md). A malformed file is rejected whole — every problem on
 * its own line, exit code 2, nothing run. Otherwise every claim runs and the exit code is 0 when all
 * pass and 1 when any fails or cannot be evaluated.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check claims (published figures with their sources) against msqsim: each claim runs an "
                + "msqsim command, reads one value of its JSON output and compares it with the expected value "
                + "within a tolerance. Exit code 0 when all pass, 1 when any fails, 2 for a malformed file.",
            "Schema and metric paths: claims/README.md."})
final class ValidateCommand implements Callable<Integer> {
    /** Exit code when a claim fails or cannot be evaluated. */
    static final int EXIT_CLAIM_FAILED = 1;

    @Parameters(paramLabel = "FILE", description = "A claims file (YAML), e.g. claims/models.yaml.")
    Path file;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Claim> claims;
        try {
            claims = ClaimsFile.load(file);
        } catch (InvalidSpecException e) {
            throw new UserError(String.join("\nmsqsim: ", e.problems()));
        }
        ValidateReport report = new ValidateReport(file.toString(), new ClaimRunner().runAll(claims));
        spec.commandLine().getOut().print(report.render(format));
        return report.allPass() ? 0 : EXIT_CLAIM_FAILED;
    }
}
