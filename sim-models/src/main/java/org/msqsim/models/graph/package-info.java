/**
 * Networks as directed acyclic graphs of named layers with explicit inputs (skip connections
 * included): construction, validation with errors that name the layers at fault, topological order,
 * shape inference and totals. Depends on {@code org.msqsim.models.layer} only.
 */
package org.msqsim.models.graph;
