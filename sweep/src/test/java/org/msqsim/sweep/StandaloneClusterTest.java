package org.msqsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on this machine: Spark's own {@code Master} and {@code Worker} classes
 * in child JVMs on the loopback interface, a sweep submitted to it from this JVM (client mode, as
 * {@code ./msqsim sweep --master spark://…} runs), its rows compared with local mode's, and both stopped.
 *
 * <p>Without a Spark distribution the worker's {@code SPARK_HOME} is an empty folder with a
 * {@code jars/} directory; the executors get this test's classpath through
 * {@code spark.executor.extraClassPath} (a real cluster gets the sweep jar through {@code spark.jars}).
 */
class StandaloneClusterTest {
    private static final String SPEC = """
            boards: [zc706]
            models: [cifar_net]
            grid:
              fraction_steps: 2
              rows: [8, 16]
              col_levels: [1.0]
              buffer_scales: [0.5, 1]
              refine_top: 1
              refine_clocks: true
            """;

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopCluster() throws InterruptedException {
        // Worker first (it stops its executors), then the master.
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void sweepOnAStandaloneClusterGivesTheRowsOfLocalMode() throws Exception {
        Path spec = tmp.resolve("cluster.yaml");
        Files.writeString(spec, SPEC);
        Path local = tmp.resolve("local");
        SweepFixtures.Capture e1 = SweepFixtures.Capture.of();
        assertEquals(0, SweepMain.run(new String[] {spec.toString(), "--master", "local[2]", "--out", local.toString()},
                SweepFixtures.Capture.of().writer(), e1.writer()), e1.text());

        int masterPort = freePort();
        Path home = tmp.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Path log4j = tmp.resolve("log4j2.properties");
        Files.writeString(log4j, """
                rootLogger.level = info
                rootLogger.appenderRef.out.ref = out
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
                """);
        Path masterLog = tmp.resolve("master.log");
        start(home, log4j, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
        awaitPort(masterPort, 120);
        String url = "spark://127.0.0.1:" + masterPort;
        Path workerLog = tmp.resolve("worker.log");
        start(home, log4j, workerLog, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
                "--memory", "1g", "--webui-port", String.valueOf(freePort()), "--work-dir",
                tmp.resolve("work").toString(), url);
        awaitLine(workerLog, "Successfully registered with master", 120);

        Path cluster = tmp.resolve("cluster");
        SweepFixtures.Capture out = SweepFixtures.Capture.of();
        SweepFixtures.Capture err = SweepFixtures.Capture.of();
        int code = SweepMain.run(new String[] {spec.toString(), "--master", url, "--out", cluster.toString(),
            "--conf", "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
            "--conf", "spark.executor.memory=512m", "--conf", "spark.driver.host=127.0.0.1",
            "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.ui.enabled=false"},
                out.writer(), err.writer());
        assertEquals(0, code, err.text() + "\nworker log:\n" + Files.readString(workerLog));
        assertTrue(out.text().contains("on " + url), out.text());
        assertEquals(Files.readAllLines(local.resolve("designs.csv")), Files.readAllLines(cluster.resolve("designs.csv")));
        assertEquals(Files.readString(local.resolve("summary.txt")), Files.readString(cluster.resolve("summary.txt")));
        assertTrue(Files.readString(workerLog).contains("Asked to launch executor"), "the worker ran the executors");
    }

    private void start(Path home, Path log4j, Path log, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        cmd.addAll(List.of(System.getProperty("sweep.test.opens", "").trim().split("\\s+")));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        cmd.removeIf(String::isEmpty);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_CONF_DIR");
        started.add(pb.start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int port, int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                assertTrue(started.stream().allMatch(Process::isAlive), "a Spark daemon exited");
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the Spark master did not open port " + port + " within " + seconds + " s");
    }

    private void awaitLine(Path log, String text, int seconds) throws IOException, InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            assertTrue(started.stream().allMatch(Process::isAlive), "a Spark daemon exited: "
                    + (Files.exists(log) ? Files.readString(log) : ""));
            Thread.sleep(250);
        }
        throw new AssertionError("'" + text + "' not in " + log + " within " + seconds + " s:" + File.separator
                + Files.readString(log));
    }
}
