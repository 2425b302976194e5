package org.msqsim.core.trace;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A timeline as Chrome trace-event JSON (the "JSON Array Format" with a {@code traceEvents} list, as
 * chrome://tracing and ui.perfetto.dev open it): spans are complete events ({@code "ph":"X"}),
 * counters are {@code "ph":"C"}, each track is a thread of one process named by metadata events.
 * Timestamps are microseconds with picosecond precision kept in the fraction.
 *
 * <p>A {@linkplain #spooled spooled} trace appends each event to a spool file as it arrives, so the
 * memory it holds is its track names only, however long the run; {@link #writeTo} then writes the
 * whole document (header, tracks, the spooled events) to a stream — the caller writes it to a
 * temporary file and moves it into place, so a failed run never leaves a half-written trace. A trace
 * made with {@link #ChromeTrace(String)} keeps its events in memory (small traces and tests); both
 * write the same bytes. {@link #close} removes the spool file.
 */
public final class ChromeTrace implements TraceSink, Closeable {
    private final String processName;
    private final Map<String, Integer> tracks = new LinkedHashMap<>();
    private final Writer events;
    private final StringWriter memory;
    private final Path spool;
    private long count;
    private IOException failure;

    /** A trace that keeps its events in memory. */
    public ChromeTrace(String processName) {
        this.processName = processName;
        this.memory = new StringWriter();
        this.events = memory;
        this.spool = null;
    }

    private ChromeTrace(String processName, Path spool) throws IOException {
        this.processName = processName;
        this.memory = null;
        this.spool = spool;
        this.events = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
    }

    /**
     * A trace that streams its events to {@code spoolFile} (created or truncated) as they arrive;
     * {@link #close} deletes it.
     */
    public static ChromeTrace spooled(String processName, Path spoolFile) throws IOException {
        return new ChromeTrace(processName, spoolFile);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void span(String track, String name, long startPs, long endPs) {
        if (endPs < startPs) {
            throw new IllegalArgumentException("span '" + name + "' on " + track + " ends before it starts");
        }
        append("{\"name\":" + quote(name) + ",\"ph\":\"X\",\"pid\":1,\"tid\":" + tid(track) + ",\"ts\":"
                + micros(startPs) + ",\"dur\":" + micros(endPs - startPs) + "}");
    }

    @Override
    public void counter(String track, long timePs, long value) {
        tid(track);
        append("{\"name\":" + quote(track) + ",\"ph\":\"C\",\"pid\":1,\"ts\":" + micros(timePs)
                + ",\"args\":{\"value\":" + value + "}}");
    }

    /** Appends one event; after a failed write (a full disk) the rest is dropped and {@link #writeTo} reports it. */
    private void append(String event) {
        count++;
        if (failure != null) {
            return;
        }
        try {
            events.write(",\n");
            events.write(event);
        } catch (IOException e) {
            failure = e;
        }
    }

    public long eventCount() {
        return count;
    }

    private int tid(String track) {
        return tracks.computeIfAbsent(track, t -> tracks.size() + 1);
    }

    static String micros(long ps) {
        long whole = ps / 1_000_000L;
        long frac = ps % 1_000_000L;
        return frac == 0 ? Long.toString(whole) : whole + "." + String.format("%06d", frac).replaceAll("0+$", "");
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Writes the whole trace document to {@code out} (not closed).
     *
     * @throws IOException if writing fails, or if spooling an event failed earlier
     */
    public void writeTo(OutputStream out) throws IOException {
        if (failure != null) {
            throw failure;
        }
        events.flush();
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
        w.write("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":" + quote(processName)
                + "}}");
        for (Map.Entry<String, Integer> t : tracks.entrySet()) {
            w.write(",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + t.getValue()
                    + ",\"args\":{\"name\":" + quote(t.getKey()) + "}}");
            w.write(",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":" + t.getValue()
                    + ",\"args\":{\"sort_index\":" + t.getValue() + "}}");
        }
        if (memory != null) {
            w.write(memory.toString());
            w.flush();
        } else {
            w.flush();
            Files.copy(spool, out);
        }
        w.write("\n]}\n");
        w.flush();
    }

    /** Closes and deletes the spool file, if any. */
    @Override
    public void close() throws IOException {
        if (spool != null) {
            try {
                events.close();
            } finally {
                Files.deleteIfExists(spool);
            }
        }
    }
}
