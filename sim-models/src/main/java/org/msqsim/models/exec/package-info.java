/**
 * Running layers on an accelerator: {@link org.msqsim.models.exec.NetworkRunner} (a whole network,
 * layer after layer) and {@link org.msqsim.models.exec.LayerRunner} (one GEMM layer: its timing equals a
 * one-node network's; its seeded weights, ReLU-like input and accumulator check are its own), both taking each layer's work from {@code lower} and running it through the same steps:
 * <ul>
 *   <li>timing only: {@code LayerTimer} (GEMMs on the accelerator, equal ones once per run in
 *       {@code GemmTimingCache}; streams by sim-core's DDR stream rule);</li>
 *   <li>bit-exact: {@code ExactGemm} (weights quantized with MSQ, rows split between the DSP and LUT
 *       cores by {@code GemmExecutor}, the event simulation beside the golden reference), the stream
 *       layers' own integer operations, {@code Requant}; a network's tensors live in
 *       {@code TensorLifetimes}, its next weights are made in {@code WeightPrefetch}, both on
 *       {@code Background} threads where that changes no value.</li>
 * </ul>
 * {@code AccuracyRunner} and {@code AccuracyView} measure what quantization costs against float (the
 * golden integer path against {@code golden.FloatReference}); {@code WeightSource} reads real weights
 * (in memory from an import, or {@code .npy} files in a {@code WeightLayout}) with their biases.
 *
 * <p>Depends on sim-core (accelerator and memory models, GEMM mapping, fixed-point formats, specs,
 * tracing) and the other sim-models
 * packages ({@code lower}, {@code layer}, {@code graph}, {@code quant}, {@code golden}, {@code io},
 * {@code weights}, {@code tensor}).
 */
package org.msqsim.models.exec;
