/**
 * Plain tensors and matrices of weights and activations. Depends on nothing but the JDK.
 */
package org.msqsim.models.tensor;
