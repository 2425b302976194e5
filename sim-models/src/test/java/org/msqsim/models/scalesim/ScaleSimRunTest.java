package org.msqsim.models.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msqsim.core.spec.InvalidSpecException;

/** Reading both files and running them: what {@code run --scalesim-…} reports. */
class ScaleSimRunTest {

    @Test
    void readsBothFilesAndCountsEveryLayerBothWays() {
        Path cfg = Resources.path("scale_32x32_os.cfg");
        Path topo = Resources.path("alexnet_part.csv");
        ScaleSimRun run = ScaleSimRun.read(cfg, topo, ScaleSimTopology.Form.CONV);
        assertEquals(cfg.toString(), run.configSource());
        assertEquals(topo.toString(), run.topologySource());
        assertEquals(ScaleSimCompute.run(run.config(), run.layers()), run.cycles());
        assertEquals(ScaleSimCompute.totalCycles(run.cycles()), run.totalCycles());
        assertEquals(run.layers().stream().map(l -> NativeCycles.of(run.config(), l)).toList(), run.nativeCycles());
        assertEquals(NativeCycles.total(run.config(), run.layers()), run.nativeTotal());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path none = dir.resolve("none.cfg");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> ScaleSimRun.read(none, dir.resolve("t.csv"), ScaleSimTopology.Form.CONV));
        assertEquals(List.of(none + ": no such file"), e.problems());
    }
}
