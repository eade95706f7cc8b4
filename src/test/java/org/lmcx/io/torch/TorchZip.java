package org.lmcx.io.torch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes torch.save-shaped zips (stored entries under one archive folder) for tests. */
final class TorchZip {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final String archive;

    TorchZip(String archive) {
        this.archive = archive;
    }

    TorchZip pickle(byte[] pkl) {
        entries.put(archive + "/data.pkl", pkl);
        return this;
    }

    TorchZip storage(String key, byte[] data) {
        entries.put(archive + "/data/" + key, data);
        return this;
    }

    TorchZip floats(String key, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return storage(key, b.array());
    }

    /** An entry by its full name, e.g. to add byteorder or a stray file. */
    TorchZip entry(String name, byte[] data) {
        entries.put(name, data);
        return this;
    }

    TorchZip version() {
        return entry(archive + "/version", "3\n".getBytes(StandardCharsets.UTF_8));
    }

    Path write(Path dir, String fileName) throws IOException {
        Path p = dir.resolve(fileName);
        try (OutputStream os = Files.newOutputStream(p)) {
            writeTo(os);
        }
        return p;
    }

    void writeTo(OutputStream os) throws IOException {
        ZipOutputStream z = new ZipOutputStream(os);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            z.putNextEntry(stored(e.getKey(), e.getValue()));
            z.write(e.getValue());
            z.closeEntry();
        }
        z.finish();
    }

    static ZipEntry stored(String name, byte[] data) {
        ZipEntry ze = new ZipEntry(name);
        ze.setMethod(ZipEntry.STORED);
        ze.setSize(data.length);
        ze.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        ze.setCrc(crc.getValue());
        return ze;
    }

    static byte[] floatBytes(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }
}
