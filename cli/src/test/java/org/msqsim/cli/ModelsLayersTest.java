package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11 item 21: {@code models MODEL} gives its layers in JSON and CSV too, as the table does. */
class ModelsLayersTest {

    @Test
    void jsonOfOneModelCarriesEveryLayer() throws IOException {
        CliRunner r = CliRunner.run("models", "cifar_net", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals("cifar_net", m.get("name").asText());
        JsonNode layers = m.get("per_layer");
        assertEquals(m.get("layers").asInt(), layers.size());
        JsonNode conv1 = layers.get(0);
        assertEquals("conv1", conv1.get("name").asText());
        assertEquals("conv:32x32x3->6,5x5,s1,p0,bias,relu", conv1.get("form").asText());
        assertEquals(352_800, conv1.get("macs").asLong());
        assertEquals(456, conv1.get("params").asLong());
        assertEquals(28, conv1.get("output").get("h").asInt());
        long macs = 0;
        for (JsonNode l : layers) {
            macs += l.get("macs").asLong();
        }
        assertEquals(m.get("macs").asLong(), macs);
    }

    @Test
    void csvOfOneModelIsOneRowPerLayer() {
        CliRunner r = CliRunner.run("models", "cifar_net", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("layer,kind,form,inputs,output_c,output_h,output_w,macs,params,other_ops", lines.get(0));
        assertTrue(lines.get(1).startsWith("conv1,conv,\"conv:32x32x3->6,5x5,s1,p0,bias,relu\","), lines.get(1));
        assertTrue(lines.get(1).endsWith(",6,28,28,352800,456,0"), lines.get(1));
        CliRunner table = CliRunner.run("models", "cifar_net");
        // The table has a header, a rule, one line per layer and a total.
        assertEquals(table.out().lines().count() - 3, lines.size() - 1);
    }
}
