/**
 * Readers of external files into msqsim's own types: NumPy {@code .npy} weight files
 * ({@link org.msqsim.models.io.NpyReader}). The SCALE-Sim topology and configuration readers live
 * with the rest of the SCALE-Sim support, in {@code org.msqsim.models.scalesim}.
 *
 * <p>Every malformed input ends in one unchecked exception whose message starts with the file path
 * and names the problem, so the command line can print it as one line. May depend on
 * {@code org.msqsim.models.tensor} and the JDK; nothing in {@code sim-core}.
 */
package org.msqsim.models.io;
