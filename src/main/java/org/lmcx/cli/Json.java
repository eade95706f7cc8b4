package org.lmcx.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.lmcx.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/** JSON output of result records: pretty, NaN written as the string "NaN" so files stay valid JSON. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    static void write(Path file, Object value) throws IOException {
        if (file.getParent() != null) {
            java.nio.file.Files.createDirectories(file.getParent());
        }
        byte[] bytes = MAPPER.writeValueAsBytes(value);
        AtomicFiles.write(file, bytes);
    }
}
