/**
 * Synthetic weights: a seeded generator of weight matrices whose rows (output channels) have the
 * shapes and scales trained convolution layers have, so that quantizers and the MSQ row
 * assignment can be exercised on any layer shape without weight files.
 *
 * <p>May depend on {@code org.msqsim.models.tensor}, Commons Math (distributions and the seeded
 * {@code Well19937c} generator) and the JDK. Same seed, same bits: no global or time-seeded
 * randomness may enter this package.
 */
package org.msqsim.models.weights;
