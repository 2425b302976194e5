/**
 * Running layers on an accelerator: weights generated and quantized with MSQ, rows split between the
 * DSP and LUT cores, activations generated, the tile plan chosen, the event simulation run, and every
 * output compared with the golden reference.
 *
 * <p>Depends on sim-core (accelerator model, specs) and the other sim-models packages.
 */
package org.msqsim.models.exec;
