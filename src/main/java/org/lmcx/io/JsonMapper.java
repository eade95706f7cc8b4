package org.lmcx.io;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one Jackson configuration of the program, for every JSON file it writes or reads (sessions, workspace,
 * CLI output, permutation files). Pretty output; NaN and ±Infinity are written as the strings "NaN",
 * "Infinity" so files stay valid JSON, and read back both from those strings and from the bare tokens older
 * session files used; unknown properties are ignored so newer files with extra fields still open.
 * {@code ObjectMapper} is thread-safe once configured, so one instance serves everyone.
 */
public final class JsonMapper {

    private static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonMapper() {
    }

    /** The shared mapper; do not reconfigure it (copy it with {@code MAPPER.copy()} if you must). */
    public static ObjectMapper get() {
        return MAPPER;
    }

    /** Writes {@code value} as JSON atomically (temp file, then rename), creating parent folders. */
    public static void write(Path file, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    }

    /** {@code value} as a JSON string. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("could not serialize " + value.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads a whole file as UTF-8 text. @throws org.lmcx.model.UserInputException naming the file when unreadable */
    public static String readText(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new org.lmcx.model.UserInputException(file.getFileName() + ": cannot read " + what + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
