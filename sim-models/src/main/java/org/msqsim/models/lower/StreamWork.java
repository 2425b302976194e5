package org.msqsim.models.lower;

import org.msqsim.core.hw.memory.DdrStream;
import org.msqsim.models.layer.StreamLayer;

/**
 * A layer streamed through the DMA: every input read from DDR, the layer's integer operation applied
 * on the way ({@link StreamLayer#apply}), the output written back. Timed by {@link DdrStream}.
 */
public record StreamWork(StreamLayer layer, DdrStream traffic) implements Work {
}
