package org.msqsim.core.trace;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a timeline in memory and writes it as Chrome trace-event JSON (the "JSON Array Format"
 * with a {@code traceEvents} list, as chrome://tracing and ui.perfetto.dev open it): spans are
 * complete events ({@code "ph":"X"}), counters are {@code "ph":"C"}, each track is a thread of one
 * process named by metadata events. Timestamps are microseconds with picosecond precision kept in
 * the fraction.
 *
 * <p>{@link #write} writes to a temporary file beside the target and moves it into place, so a
 * failed run never leaves a half-written trace.
 */
public final class ChromeTrace implements TraceSink {
    private final String processName;
    private final Map<String, Integer> tracks = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();

    public ChromeTrace(String processName) {
        this.processName = processName;
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
        events.add("{\"name\":" + quote(name) + ",\"ph\":\"X\",\"pid\":1,\"tid\":" + tid(track) + ",\"ts\":"
                + micros(startPs) + ",\"dur\":" + micros(endPs - startPs) + "}");
    }

    @Override
    public void counter(String track, long timePs, long value) {
        tid(track);
        events.add("{\"name\":" + quote(track) + ",\"ph\":\"C\",\"pid\":1,\"ts\":" + micros(timePs)
                + ",\"args\":{\"value\":" + value + "}}");
    }

    public int eventCount() {
        return events.size();
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

    /** Writes the whole trace to {@code file} atomically (temporary file, then move). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".msqsim-trace", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
                w.write("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":" + quote(processName)
                        + "}}");
                for (Map.Entry<String, Integer> t : tracks.entrySet()) {
                    w.write(",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + t.getValue()
                            + ",\"args\":{\"name\":" + quote(t.getKey()) + "}}");
                    w.write(",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":" + t.getValue()
                            + ",\"args\":{\"sort_index\":" + t.getValue() + "}}");
                }
                for (String e : events) {
                    w.write(",\n");
                    w.write(e);
                }
                w.write("\n]}\n");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
