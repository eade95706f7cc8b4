package org.lmcx.render;

import org.lmcx.model.UserInputException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lmcx.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link SessionData} as pretty JSON; writes are atomic (temp file, then rename). */
public final class SessionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private SessionJson() {
    }

    public static String toJson(SessionData s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException("session could not be serialized: " + e.getMessage(), e);
        }
    }

    public static SessionData fromJson(String json, String source) {
        try {
            SessionData s = MAPPER.readValue(json, SessionData.class);
            if (s.version() > SessionData.CURRENT_VERSION) {
                throw new UserInputException(source + ": session format " + s.version()
                        + " is newer than this LMC Explorer understands (" + SessionData.CURRENT_VERSION + ")");
            }
            return s;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new UserInputException(source + ": not a valid session file: " + e.getOriginalMessage(), e);
        }
    }

    public static void write(SessionData s, Path file) throws IOException {
        AtomicFiles.write(file, toJson(s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** @throws UserInputException naming the file if it is missing or not a session */
    public static SessionData read(Path file) {
        String json;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new UserInputException(file.getFileName() + ": is not a regular file");
            }
            // The text, its tree and the arrays built from it: about 8 bytes of heap per byte of JSON.
            if (Files.exists(file)) {
                org.lmcx.model.MemoryBudget.require(file.getFileName() + ": a session of " + Files.size(file)
                        + " bytes", org.lmcx.model.MemoryBudget.multiply(Files.size(file), 8));
            }
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UserInputException(file.getFileName() + ": cannot read session file (" + e.getMessage()
                    + ")", e);
        }
        return fromJson(json, String.valueOf(file.getFileName()));
    }
}
