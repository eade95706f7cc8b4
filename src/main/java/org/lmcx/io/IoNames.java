package org.lmcx.io;

import java.nio.file.Path;

/** How files are named in messages: by file name, which is what users recognise in a list of errors. */
final class IoNames {

    private IoNames() {
    }

    static String name(Path file) {
        Path f = file.getFileName();
        return f == null ? file.toString() : f.toString();
    }
}
