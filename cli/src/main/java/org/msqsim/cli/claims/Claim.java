package org.msqsim.cli.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One checked claim of a claims file (schema: claims/README.md): what is claimed, by whom, which
 * {@code msqsim} command measures it and where in that command's JSON output the value lies.
 *
 * @param where  the claim's place in its file, {@code file:claims[2]}, for messages
 * @param args   the flags as the file gives them (for the JSON report)
 * @param argv   the full command line to run: command, flags with paths resolved, {@code --format json}
 * @param knownMiss why msqsim is known to miss this claim (a mechanism it does not model), when the file
 *                  says so: the claim is still run and reported, but missing it does not fail the run
 */
public record Claim(String where, String id, String description, String source, String command, Map<String, Object> args,
             List<String> argv, ClaimPath metric, ClaimExpected expected, ClaimTolerance tolerance,
             Optional<String> note, Optional<String> knownMiss) {
    public Claim {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        argv = List.copyOf(argv);
    }
}
