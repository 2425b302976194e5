/**
 * {@code msqsim validate}: claims files (schema: {@code claims/README.md}) read strictly, every problem
 * of a file at once ({@link org.msqsim.cli.claims.ClaimsFile}, {@code ClaimReader}, {@code ClaimArgs});
 * each claim's command run in this process and its metric read from the command's JSON output by a
 * path ({@link org.msqsim.cli.claims.ClaimRunner}, {@code ClaimPath}); the comparison within a
 * tolerance and its report ({@link org.msqsim.cli.claims.ValidateReport}), where a claim marked
 * {@code known_miss} is reported with its figures but does not fail the run.
 *
 * <p>The program whose commands the claims run comes in as a {@link org.msqsim.cli.claims.Program},
 * so this package does not depend on {@code org.msqsim.cli}. May depend on {@code org.msqsim.cli.report}
 * (report forms, tables, JSON), boards (spelling hints), {@code org.msqsim.core.spec} (problem
 * reporting), Jackson and picocli (the commands' option definitions).
 */
package org.msqsim.cli.claims;
