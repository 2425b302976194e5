package org.msqsim.core.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 14: a trace streams its events to a spool file as they arrive, and writes the same bytes. */
class ChromeTraceSpoolTest {

    private static void record(TraceSink t, int n) {
        for (int i = 0; i < n; i++) {
            t.span("core " + (i % 3), "tile \"" + i + "\"", i * 1_000_000L + 7, i * 1_000_000L + 900_123);
            t.counter("buffer", i * 1_000_000L, i);
        }
    }

    private static byte[] bytes(ChromeTrace t) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        t.writeTo(b);
        return b.toByteArray();
    }

    @Test
    void eventsGoToTheSpoolFileAsTheyArriveAndTheDocumentIsUnchanged(@TempDir Path dir) throws IOException {
        Path spool = dir.resolve("events.tmp");
        ChromeTrace inMemory = new ChromeTrace("p");
        record(inMemory, 20_000);
        byte[] expected = bytes(inMemory);
        try (ChromeTrace spooled = ChromeTrace.spooled("p", spool)) {
            record(spooled, 20_000);
            // Before the whole document is written, the events are on disk, not held in memory
            // (beyond one write buffer).
            assertTrue(Files.size(spool) > expected.length / 2, "spool holds " + Files.size(spool) + " bytes");
            assertEquals(40_000, spooled.eventCount());
            assertArrayEquals(expected, bytes(spooled));
        }
        assertFalse(Files.exists(spool), "close removes the spool file");
    }

    @Test
    void theDocumentFormatIsTheOneAlwaysWritten() throws IOException {
        ChromeTrace t = new ChromeTrace("run \"x\"");
        t.span("dsp core", "step 0", 0, 1_500_000);
        t.counter("dma", 2_000_001, 5);
        assertEquals("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n"
                + "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":\"run \\\"x\\\"\"}},\n"
                + "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"dsp core\"}},\n"
                + "{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"sort_index\":1}},\n"
                + "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":2,\"args\":{\"name\":\"dma\"}},\n"
                + "{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":2,\"args\":{\"sort_index\":2}},\n"
                + "{\"name\":\"step 0\",\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":0,\"dur\":1.5},\n"
                + "{\"name\":\"dma\",\"ph\":\"C\",\"pid\":1,\"ts\":2.000001,\"args\":{\"value\":5}}\n"
                + "]}\n", new String(bytes(t), StandardCharsets.UTF_8));
    }

    @Test
    void aFailedWriteIsReported(@TempDir Path dir) throws IOException {
        try (ChromeTrace t = ChromeTrace.spooled("p", dir.resolve("events.tmp"))) {
            record(t, 10);
            OutputStream broken = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("No space left on device");
                }
            };
            assertThrows(IOException.class, () -> t.writeTo(broken));
        }
    }
}
