package org.lmcx.io.torch;

/**
 * A refusal raised deep inside the reader without knowing the file name; {@link TorchCheckpointReader}
 * turns it into an {@link org.lmcx.model.InvalidModelException} that starts with the file name, so the
 * user-facing message is always one line of the form {@code "a.pt: ..."}.
 */
final class TorchFormatException extends RuntimeException {

    TorchFormatException(String message) {
        super(message, null, false, false);
    }

    TorchFormatException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /**
     * Text from the file made safe for a one-line message: a hostile pickle chooses its global names and
     * dict keys, and must not be able to forge extra lines or flood the log.
     */
    static String quote(String s) {
        if (s == null) {
            return "None";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 82) + 2);
        b.append('\'');
        int n = Math.min(s.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && Character.isISOControl(c))) {
                b.append(String.format("\\x%02x", (int) c));
            } else if (c == '\'' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        if (s.length() > n) {
            b.append("...");
        }
        return b.append('\'').toString();
    }
}
