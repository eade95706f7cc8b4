package org.lmcx.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a cell's result depends on: the models by content (SHA-256 of the file, so a moved or renamed copy is the
 * same model), the data, the method with its options, the matching seed and the analyses. Two cells with equal
 * keys produce the same result, so a finished one is reused; any change gives a new key and a new cell.
 * The program version is recorded in the result but kept out of the key, so upgrading does not silently
 * discard a finished study (rerun with {@code --force} to recompute).
 */
public record CellKey(String architecture, String width, String kind, List<ModelFile> models, DataKey data,
                      String method, Map<String, String> options, long matchingSeed, StudyPlan.Analyses analyses) {

    public record ModelFile(String file, String sha256) {
    }

    public record DataKey(String dir, int train, int test, boolean random) {
    }

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** Hex SHA-256 of the canonical JSON of this key. */
    public String hash() {
        try {
            byte[] json = CANONICAL.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(sha256().digest(json)).substring(0, 24);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** File hashes, computed once per file and expansion. */
    static final class FileHashes {
        private final Map<Path, String> cache = new ConcurrentHashMap<>();

        String of(Path file) throws IOException {
            String h = cache.get(file);
            if (h == null) {
                MessageDigest md = sha256();
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                }
                h = HexFormat.of().formatHex(md.digest());
                cache.put(file, h);
            }
            return h;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
