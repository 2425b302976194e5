/**
 * The program's edges with the user's terminal and file system: {@link org.msqsim.cli.io.UserError}
 * (a mistake the user can fix, printed as one line with exit code 2), output files written whole or
 * not at all ({@link org.msqsim.cli.io.AtomicFiles}) and the progress bar on stderr
 * ({@link org.msqsim.cli.io.Progress}).
 *
 * <p>Depends on the JDK and the progress-bar library only; every other CLI package may use it.
 */
package org.msqsim.cli.io;
