package org.lmcx.session;

import com.fasterxml.jackson.databind.JsonNode;
import org.lmcx.io.AtomicFiles;
import org.lmcx.io.JsonMapper;
import org.lmcx.model.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads and writes {@link SessionData} as pretty JSON with the program's one mapper ({@link JsonMapper});
 * writes are atomic (temp file, then rename). Version-1 files are migrated on reading; newer versions than
 * this program knows are refused with a message naming the file.
 */
public final class SessionJson {

    private SessionJson() {
    }

    public static String toJson(SessionData s) {
        return JsonMapper.toJson(s);
    }

    /** @param source names the file in messages */
    public static SessionData fromJson(String json, String source) {
        try {
            JsonNode root = JsonMapper.get().readTree(json);
            if (root == null || !root.isObject()) {
                throw new UserInputException(source + ": not a session file (no JSON object)");
            }
            int version = root.path("version").asInt(1);
            if (version > SessionData.CURRENT_VERSION) {
                throw new UserInputException(source + ": session format " + version
                        + " is newer than this LMC Explorer understands (" + SessionData.CURRENT_VERSION + ")");
            }
            if (version < SessionData.CURRENT_VERSION) {
                return SessionChecks.check(SessionV1.migrate(JsonMapper.get().treeToValue(root, SessionV1.class)),
                        source);
            }
            return SessionChecks.check(JsonMapper.get().treeToValue(root, SessionData.class), source);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new UserInputException(source + ": not a valid session file: " + e.getOriginalMessage(), e);
        }
    }

    public static void write(SessionData s, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        AtomicFiles.write(file, toJson(s).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws UserInputException naming the file if it is missing or not a session */
    public static SessionData read(Path file) {
        try {
            if (java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)) {
                throw new UserInputException(file.getFileName() + ": is not a regular file");
            }
            // The text, its tree and the arrays built from it: about 8 bytes of heap per byte of JSON.
            if (java.nio.file.Files.exists(file)) {
                org.lmcx.model.MemoryBudget.require(file.getFileName() + ": a session of "
                        + java.nio.file.Files.size(file) + " bytes",
                        org.lmcx.model.MemoryBudget.multiply(java.nio.file.Files.size(file), 8));
            }
        } catch (IOException e) {
            throw new UserInputException(file.getFileName() + ": cannot read session file (" + e.getMessage() + ")",
                    e);
        }
        return fromJson(JsonMapper.readText(file, "session file"), String.valueOf(file.getFileName()));
    }
}
