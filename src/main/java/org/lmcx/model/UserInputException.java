package org.lmcx.model;

/**
 * Input the user can fix: a file, descriptor, flag or dataset that cannot be used as given. Front ends show
 * the message as one line (the CLI exits with code 2, the GUI opens a dialog); anything that is not of this
 * family is a bug and is reported as an internal error. The message names the file or flag and the problem,
 * e.g. {@code "a.safetensors: tensor fc1.weight holds NaN at index 17"} or {@code "--test-size must be ≥ 1"}.
 *
 * <p>An {@link IllegalArgumentException} (an illegal argument that came from the user), but the converse does
 * not hold: a plain {@code IllegalArgumentException} is a broken internal contract and reported as a bug.
 */
public class UserInputException extends IllegalArgumentException {

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<source>: <problem>"}, the house format. */
    public static UserInputException of(String source, String problem) {
        return new UserInputException(source + ": " + problem);
    }
}
