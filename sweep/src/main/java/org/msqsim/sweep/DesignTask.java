package org.msqsim.sweep;

import java.io.Serializable;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignFamily;
import org.msqsim.models.explore.Organisations;

/**
 * One design point as it travels to an executor: its case and the parameters the search built it
 * from ({@link org.msqsim.models.explore.Search#rebuild}), a few dozen bytes instead of a spec.
 *
 * @param packing       the DSP packing it was built with (the base packing for a LUT-only design)
 * @param organisations how its cores are organised
 * @param engineShare   the share its depthwise engine was sized with (0: none)
 */
public record DesignTask(int caseId, int stage, int index, DesignFamily family, Organisations organisations,
                         double fraction, int rows, int packing, int dspCols, int lutCols, long clockHz,
                         double bufferScale, double engineShare) implements Serializable {
    private static final long serialVersionUID = 3L;

    static DesignTask of(int caseId, int stage, Design d, int packing) {
        return new DesignTask(caseId, stage, d.index(), d.family(), d.organisations(), d.fraction(), d.rows(),
                packing, d.dspCols(), d.lutCols(), d.clockHz(), d.bufferScale(), d.engineShare());
    }
}
