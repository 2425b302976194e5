/**
 * Board files: the YAML description of each supported FPGA board (device resources, fabric
 * clocks, DDR and AXI ports, and the default MSQ accelerator instantiated on it), their strict
 * loader {@link org.msqsim.boards.BoardLoader}, its counterpart {@link org.msqsim.boards.BoardWriter}
 * (a board's text with another accelerator design) and the explicit registry of built-in boards
 * {@link org.msqsim.boards.BoardCatalog}.
 *
 * <p>The schema lives in one table ({@code BoardSchema}), which the loader and the writer both read,
 * and is documented key by key in {@code boards/reference.yaml}; a test keeps the two equal. Section readers ({@code *Reader})
 * each check one mapping and report every problem through {@link org.msqsim.core.spec.Problems},
 * so a whole file's mistakes are reported together.
 *
 * <p>Depends on {@code org.msqsim.core.spec} and Jackson (YAML tree parsing) only.
 */
package org.msqsim.boards;
