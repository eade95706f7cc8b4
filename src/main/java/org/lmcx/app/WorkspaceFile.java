package org.lmcx.app;

import java.nio.file.Path;

/**
 * Where the workspace (models, data settings, runs) is kept between launches: {@code -Dlmcx.workspace=FILE}
 * if given (tests, several workspaces), else {@code $XDG_DATA_HOME/lmcx/workspace.json}, else
 * {@code ~/.local/share/lmcx/workspace.json} (the XDG default).
 */
final class WorkspaceFile {

    static final String PROPERTY = "lmcx.workspace";

    private WorkspaceFile() {
    }

    static Path location() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("lmcx").resolve("workspace.json");
    }
}
