package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.msqsim.models.zoo.ModelZoo;

/** The heap a bit-exact run needs is set by the layer with the most weights. */
class BitExactHeapTest {
    @Test
    void vggsClassifierSetsItsNeed() {
        BitExactHeap h = BitExactHeap.of(ModelZoo.get("vgg16"));
        assertEquals("classifier.0", h.layer());
        assertEquals(4096L * 25088, h.weights());
        assertEquals(16L * 4096 * 25088, h.bytes());
        assertFalse(h.fits(1L << 30), "1.6 GB do not fit a 1 GiB heap");
        assertTrue(h.fits(4L << 30));
        assertEquals(4, h.suggestedGib());
    }
}
