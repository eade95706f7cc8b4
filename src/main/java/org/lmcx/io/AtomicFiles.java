package org.lmcx.io;

import org.lmcx.model.UserInputException;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a file (or a whole folder) so that readers, a crash or Ctrl-C half-way see either the old content or
 * the complete new content, never a prefix: the bytes go to a temporary file in the same directory (so the
 * final rename stays on one file system), are forced to disk, and the temporary file is then moved over the
 * target. Temporaries are hidden ({@code .name.<random>.tmp}), removed by a shutdown hook on Ctrl-C, and stale
 * ones left by a killed process are removed when the same target is written again. Errors name the target,
 * never the temporary.
 */
public final class AtomicFiles {

    /** Like {@link java.util.function.Consumer} but allowed to throw {@link IOException}. */
    @FunctionalInterface
    public interface IOConsumer<T> {
        void accept(T t) throws IOException;
    }

    private static final String TMP_SUFFIX = ".tmp";
    /** Temporaries being written now; the shutdown hook removes what is left of them. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::removeInFlight, "lmcx-tmp-cleanup"));
    }

    private AtomicFiles() {
    }

    /**
     * Creates or replaces {@code target} with what {@code body} writes. If {@code body} throws, the target is
     * left as it was and the temporary file is removed. Missing parent directories are created. The stream
     * handed to {@code body} is buffered; closing it is allowed but not needed.
     *
     * @throws IOException whose message names {@code target} (not the temporary) and the reason
     */
    public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            removeStale(abs);
        } catch (FileSystemException e) {
            throw named(abs, e);
        }
        // A dot-name keeps half-written files out of casual directory listings and globs like *.safetensors.
        Path tmp = temporary(abs);
        IN_FLIGHT.add(tmp);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(ch);
                NonClosingStream out = new NonClosingStream(new java.io.BufferedOutputStream(raw, 1 << 16));
                body.accept(out);
                out.flush();
                // Without the force a power loss after the rename can leave an empty file under the final name.
                ch.force(true);
            }
            move(tmp, abs);
            moved = true;
        } catch (FileSystemException e) {
            throw named(abs, e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
            IN_FLIGHT.remove(tmp);
        }
    }

    /** Convenience for small outputs already in memory. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * Creates or replaces the folder {@code target} with what {@code body} writes into the (empty, temporary)
     * folder it is given: an interruption leaves the complete previous folder or the complete new one.
     *
     * @return what {@code body} returned
     */
    public static <T> T writeDirectory(Path target, DirectoryBody<T> body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        removeStale(abs);
        Path tmp = temporary(abs);
        Path old = parent.resolve("." + abs.getFileName() + ".old" + TMP_SUFFIX);
        IN_FLIGHT.add(tmp);
        try {
            Files.createDirectory(tmp);
            T result = body.write(tmp);
            if (Files.exists(abs)) {
                deleteTree(old);
                Files.move(abs, old);
            }
            Files.move(tmp, abs);
            deleteTree(old);
            return result;
        } catch (FileSystemException e) {
            throw named(abs, e);
        } finally {
            deleteTree(tmp);
            IN_FLIGHT.remove(tmp);
        }
    }

    /** The work that fills a temporary folder. */
    @FunctionalInterface
    public interface DirectoryBody<T> {
        T write(Path folder) throws IOException;
    }

    /**
     * Checks, before any computation, that {@code target} can be written: it is not of the other kind (a
     * folder where a file goes, or a file where a folder goes), and its nearest existing ancestor is a
     * writable directory.
     *
     * @param what the flag, e.g. {@code "--out"}
     * @throws UserInputException naming the flag, the target and the problem
     */
    public static void requireWritable(Path target, boolean directory, String what) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (directory && !Files.isDirectory(abs)) {
                throw new UserInputException(what + " " + target + ": is a file, not a folder");
            }
            if (!directory && Files.isDirectory(abs)) {
                throw new UserInputException(what + " " + target + ": is a folder, not a file");
            }
            if (!directory && !Files.isRegularFile(abs)) {
                throw new UserInputException(what + " " + target + ": is not a regular file");
            }
        }
        Path p = abs.getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new UserInputException(what + " " + target + ": no existing folder above it");
        }
        if (!Files.isDirectory(p)) {
            throw new UserInputException(what + " " + target + ": " + p + " is a file, not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new UserInputException(what + " " + target + ": cannot write in " + p + " (permission denied)");
        }
    }

    private static Path temporary(Path abs) {
        return abs.resolveSibling("." + abs.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TMP_SUFFIX);
    }

    /** Removes {@code .name.*.tmp} left next to {@code target} by a killed process (not ours in flight). */
    static void removeStale(Path target) throws IOException {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TMP_SUFFIX) && !IN_FLIGHT.contains(p);
        })) {
            for (Path stale : ds) {
                deleteTree(stale);
            }
        }
    }

    private static void removeInFlight() {
        for (Path p : IN_FLIGHT) {
            try {
                deleteTree(p);
            } catch (IOException | RuntimeException e) {
                // best effort while the JVM exits
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    /** The JDK names whichever path failed (often the temporary); users need the target and the reason. */
    private static IOException named(Path target, FileSystemException e) {
        String reason = e.getReason() != null ? e.getReason()
                : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return new IOException(target + ": cannot write (" + reason + ")", e);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Lets the body close "its" stream without closing the channel before we force it. */
    private static final class NonClosingStream extends FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
