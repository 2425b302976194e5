/**
 * JMH benchmarks of msqsim's public seams: datapath kernels against plain Java integer arithmetic,
 * and (as they arrive) the event queue, whole layers and whole networks. Run from the shaded
 * {@code benchmarks/target/benchmarks.jar}; see benchmarks/README.md. Nothing depends on this package.
 */
package org.msqsim.bench;
