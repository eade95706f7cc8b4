package org.lmcx.io.torch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.lmcx.io.torch.TorchCheckpointReader.Limits;

/**
 * The zip container of one torch.save checkpoint, open for one read: its signature and entries, each entry's
 * declared sizes checked against the {@link Limits} before anything is allocated for it, and the storages the
 * pickle names by persistent id, resolved to their entries and decoded on demand.
 */
final class TorchZipArchive implements Closeable {

    private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");
    /** Deflate cannot expand more than about 1032:1; a larger declared ratio is a lie or a bomb. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private final Limits limits;
    private final ZipFile zip;
    /** The storages seen so far, by key. */
    private final Map<String, TorchStorage> storages = new HashMap<>();
    private final Map<String, ZipEntry> entries = new HashMap<>();
    private String archive;

    private TorchZipArchive(ZipFile zip, Limits limits) {
        this.zip = zip;
        this.limits = limits;
    }

    /**
     * Checks the file's signature, opens it as a zip, indexes its entries and checks the byte order; the zip
     * is closed again if any of that fails.
     */
    static TorchZipArchive open(Path file, Limits limits) throws IOException {
        checkMagic(file);
        ZipFile z = openZip(file);
        try {
            TorchZipArchive a = new TorchZipArchive(z, limits);
            a.indexEntries();
            a.checkByteOrder();
            return a;
        } catch (Throwable t) {
            // As try-with-resources would: close, keeping a failure to close as suppressed.
            try {
                z.close();
            } catch (IOException c) {
                t.addSuppressed(c);
            }
            throw t;
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** The archive's top-level folder (the name torch.save gave it). */
    String archiveName() {
        return archive;
    }

    /** The archive's format version entry, trimmed, or null if absent. */
    String version() throws IOException {
        return readSmallText(archive + "/version");
    }

    /** The pickle's bytes, at most {@link Limits#maxPickleBytes()}. */
    byte[] dataPkl() throws IOException {
        return readEntry(entries.get(archive + "/data.pkl"), limits.maxPickleBytes(), "data.pkl");
    }

    private static void checkMagic(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TorchFormatException(Files.exists(file) ? "not a regular file" : "file not found");
        }
        byte[] head = new byte[16];
        int n;
        try (InputStream s = Files.newInputStream(file)) {
            n = s.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            throw new TorchFormatException("a legacy (pre-1.6) torch.save file, which is one raw pickle;"
                    + " re-save it with a recent PyTorch (torch.save(state_dict, path))");
        }
        if (n >= 9 && head[8] == '{') {
            throw new TorchFormatException("not a torch.save zip checkpoint (looks like safetensors;"
                    + " open it as .safetensors)");
        }
        throw new TorchFormatException("not a torch.save zip checkpoint (no zip signature)");
    }

    private static ZipFile openZip(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new TorchFormatException("damaged zip container: " + TorchCheckpointReader.oneLine(e));
        }
    }

    private void indexEntries() {
        if (zip.size() > limits.maxZipEntries()) {
            throw new TorchFormatException("zip has " + zip.size() + " entries, more than the "
                    + limits.maxZipEntries() + " allowed");
        }
        List<String> pkls = new ArrayList<>();
        Enumeration<? extends ZipEntry> en = zip.entries();
        int count = 0;
        while (en.hasMoreElements()) {
            if (++count > limits.maxZipEntries()) {
                throw new TorchFormatException("zip has more than " + limits.maxZipEntries() + " entries");
            }
            ZipEntry e = en.nextElement();
            String n = e.getName();
            if (entries.putIfAbsent(n, e) != null) {
                throw new TorchFormatException("zip has two entries named " + TorchFormatException.quote(n));
            }
            int slash = n.indexOf('/');
            if (slash > 0 && n.substring(slash).equals("/data.pkl")) {
                pkls.add(n.substring(0, slash));
            }
        }
        if (pkls.isEmpty()) {
            throw new TorchFormatException("zip has no <archive>/data.pkl, so it is not a torch.save checkpoint");
        }
        if (pkls.size() > 1) {
            throw new TorchFormatException("zip has " + pkls.size() + " data.pkl entries");
        }
        archive = pkls.get(0);
        if (entries.containsKey(archive + "/constants.pkl")) {
            throw new TorchFormatException("a TorchScript archive (torch.jit.save), which holds code;"
                    + " save the state_dict instead: torch.save(model.state_dict(), path)");
        }
    }

    private void checkByteOrder() throws IOException {
        String order = readSmallText(archive + "/byteorder");
        if (order != null && !order.equals("little")) {
            throw new TorchFormatException("storages are in byte order " + TorchFormatException.quote(order)
                    + "; only little-endian checkpoints are supported");
        }
    }

    /** A short text entry (version, byteorder), trimmed, or null if absent. */
    private String readSmallText(String entryName) throws IOException {
        ZipEntry e = entries.get(entryName);
        if (e == null) {
            return null;
        }
        String shortName = entryName.substring(archive.length() + 1);
        return new String(readEntry(e, 64, shortName), StandardCharsets.UTF_8).trim();
    }

    /**
     * An entry's bytes, trusting neither the declared size nor the data: at most {@code max} bytes
     * are accepted, and the real count must equal the declared size (never reading past it).
     */
    private byte[] readEntry(ZipEntry e, long max, String what) throws IOException {
        long declared = checkedSize(e, max, what);
        byte[] out = new byte[(int) declared];
        try (InputStream s = zip.getInputStream(e)) {
            int n = s.readNBytes(out, 0, out.length);
            if (n < declared) {
                throw new TorchFormatException(what + " declares " + declared + " bytes but holds only " + n);
            }
            if (s.read() >= 0) {
                throw new TorchFormatException(what + " holds more bytes than the " + declared + " it declares");
            }
        } catch (ZipException ex) {
            throw new TorchFormatException("damaged zip entry " + what + ": " + TorchCheckpointReader.oneLine(ex));
        }
        return out;
    }

    private long checkedSize(ZipEntry e, long max, String what) {
        long declared = e.getSize();
        long compressed = e.getCompressedSize();
        if (declared < 0) {
            throw new TorchFormatException(what + " has no declared size");
        }
        if (declared > Math.min(max, TorchCheckpointReader.MAX_ARRAY)) {
            throw new TorchFormatException(what + " declares " + declared + " bytes, more than the "
                    + Math.min(max, TorchCheckpointReader.MAX_ARRAY) + " allowed");
        }
        if (e.getMethod() == ZipEntry.STORED && compressed >= 0 && compressed != declared) {
            throw new TorchFormatException(what + " is stored uncompressed but declares " + declared
                    + " bytes and a compressed size of " + compressed);
        }
        if (e.getMethod() != ZipEntry.STORED && (compressed < 0
                || declared > Math.max(1024, compressed) * MAX_DEFLATE_RATIO)) {
            throw new TorchFormatException(what + " declares " + declared + " bytes from " + compressed
                    + " compressed bytes, an impossible ratio (zip bomb?)");
        }
        return declared;
    }

    /** BINPERSID: ('storage', torch.XStorage, key, location, numel) → a validated storage reference. */
    Object persistentLoad(Object pid) {
        if (!(pid instanceof Py.Tuple t) || t.size() != 5 || !"storage".equals(t.get(0))) {
            throw new TorchFormatException("persistent id is not ('storage', type, key, location, numel)");
        }
        if (!(t.get(1) instanceof TorchGlobals.Global g) || g.kind() != TorchGlobals.Kind.STORAGE_TYPE
                || !(t.get(2) instanceof String key) || !(t.get(3) instanceof String location)
                || !(t.get(4) instanceof Long numel)) {
            throw new TorchFormatException("persistent id has types " + TorchGlobals.describe(t)
                    + " instead of ('storage', torch.XStorage, str, str, int)");
        }
        if (!STORAGE_KEY.matcher(key).matches()) {
            throw new TorchFormatException("invalid storage key " + TorchFormatException.quote(key));
        }
        StorageType type = g.storageType();
        TorchStorage known = storages.get(key);
        if (known != null) {
            if (known.type() != type || known.numel() != numel) {
                throw new TorchFormatException("storage " + TorchFormatException.quote(key) + " is named as "
                        + known.numel() + " " + known.type() + " and as " + numel + " " + type);
            }
            return known;
        }
        String entryName = archive + "/data/" + key;
        ZipEntry e = entries.get(entryName);
        if (e == null) {
            throw new TorchFormatException("storage " + TorchFormatException.quote(key)
                    + " has no zip entry data/" + key);
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(numel, type.itemSize());
        } catch (ArithmeticException ex) {
            bytes = -1;
        }
        if (numel < 0 || bytes < 0 || numel > TorchCheckpointReader.MAX_ARRAY || bytes > limits.maxStorageBytes()) {
            throw new TorchFormatException("storage " + TorchFormatException.quote(key) + " declares "
                    + numel + " " + type + " elements, which is out of range");
        }
        checkedSize(e, limits.maxStorageBytes(), "data/" + key);
        if (e.getSize() != bytes) {
            throw new TorchFormatException("storage " + TorchFormatException.quote(key) + " declares " + numel
                    + " " + type + " elements (" + bytes + " bytes) but data/" + key + " holds "
                    + e.getSize() + " bytes");
        }
        TorchStorage s = new TorchStorage(type, key, location, numel, entryName);
        storages.put(key, s);
        return s;
    }

    /** Streams a storage entry into floats; never buffers more than a chunk of raw bytes. */
    float[] decode(TorchStorage s) throws IOException {
        ZipEntry e = entries.get(s.entryName());
        int item = s.type().itemSize();
        float[] out = new float[(int) s.numel()];
        byte[] buf = new byte[Math.max(item, 1 << 16)];
        String what = "data/" + s.key();
        long total = (long) out.length * item;
        try (InputStream in = zip.getInputStream(e)) {
            long done = 0;
            while (done < total) {
                int want = (int) Math.min(buf.length, total - done);
                int n = in.readNBytes(buf, 0, want);
                if (n < want) {
                    throw new TorchFormatException(what + " declares " + total + " bytes but holds only "
                            + (done + n));
                }
                s.type().decode(buf, 0, n / item, out, (int) (done / item));
                done += n;
            }
            if (in.read() >= 0) {
                throw new TorchFormatException(what + " holds more bytes than the " + total + " it declares");
            }
        } catch (ZipException ex) {
            throw new TorchFormatException("damaged zip entry " + what + ": " + TorchCheckpointReader.oneLine(ex));
        }
        return out;
    }
}
