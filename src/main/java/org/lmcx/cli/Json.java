package org.lmcx.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.lmcx.io.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;

/** JSON output of result records, with the program's one mapper ({@link JsonMapper}). */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.get();

    private Json() {
    }

    static void write(Path file, Object value) throws IOException {
        JsonMapper.write(file, value);
    }
}
