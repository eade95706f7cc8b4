package org.lmcx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The NumPy/SciPy peer of {@code lmcx bench}: {@code bench/peer_baseline.py} (shipped in the jar) run by
 * {@code python3} as one long-lived process, so that the bench can alternate a Java run and a Python run
 * round by round and neither the interpreter's start-up nor its imports are timed. Each request is one line,
 * each reply one JSON line with the seconds Python measured around the call itself.
 *
 * <p>The interpreter is {@code $LMCX_PYTHON} or {@code python3} on the PATH; without it, or without numpy
 * and scipy, {@link #start} says why and the bench falls back to its in-process baselines.
 */
final class PythonPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader in;
    private final Writer out;
    private final Path script;
    /** Versions the peer reported, e.g. "numpy 2.4.6, scipy 1.17.1". */
    final String versions;

    private PythonPeer(Process process, Path script) throws IOException {
        this.process = process;
        this.script = script;
        this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        JsonNode hello = request("versions");
        this.versions = "numpy " + hello.path("numpy").asText() + ", scipy " + hello.path("scipy").asText();
    }

    /** The running peer, or an exception whose message says why there is none. */
    static PythonPeer start() throws IOException {
        String python = System.getenv().getOrDefault("LMCX_PYTHON", "python3");
        Path script = Files.createTempFile("lmcx-peer", ".py");
        try (InputStream s = PythonPeer.class.getResourceAsStream("/bench/peer_baseline.py")) {
            if (s == null) {
                throw new IOException("bench/peer_baseline.py is missing from the jar");
            }
            Files.copy(s, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process p;
        try {
            p = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            Files.deleteIfExists(script);
            throw new IOException(python + " not found");
        }
        try {
            return new PythonPeer(p, script);
        } catch (IOException e) {
            p.destroyForcibly();
            Files.deleteIfExists(script);
            throw new IOException(python + " has no numpy/scipy (" + e.getMessage() + ")");
        }
    }

    /** Sends one request line and returns the reply; an "error" reply becomes an exception. */
    JsonNode request(String line) throws IOException {
        out.write(line + "\n");
        out.flush();
        String reply = in.readLine();
        if (reply == null) {
            throw new IOException("the peer exited");
        }
        JsonNode n = JSON.readTree(reply);
        if (n.has("error")) {
            throw new IOException(n.get("error").asText());
        }
        return n;
    }

    /** The seconds the peer measured for one request. */
    double seconds(String line) throws IOException {
        return request(line).path("seconds").asDouble(Double.NaN);
    }

    @Override
    public void close() {
        try {
            out.write("quit\n");
            out.flush();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(script);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }
}
