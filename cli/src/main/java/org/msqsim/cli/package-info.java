/**
 * The {@code msqsim} program: {@link org.msqsim.cli.Main} and one picocli command per verb
 * ({@code run}, {@code boards}, {@code models}, {@code quantize}, {@code explore}, {@code validate}).
 * A command parses and checks its flags, calls the simulator, and hands the result to a report; it
 * holds no rule of the domain (those live in sim-core, sim-models and boards) and computes no figure
 * it prints. {@code DesignArgs} is the handling of {@code --board} and {@code --bits} that {@code run}
 * and {@code explore} share.
 *
 * <p>May depend on every sub-package ({@code claims}, {@code report}, {@code plot}, {@code io}), on
 * sim-core, sim-models, boards and picocli; nothing depends on this package.
 */
package org.msqsim.cli;
