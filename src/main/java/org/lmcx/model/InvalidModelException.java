package org.lmcx.model;

/**
 * A checkpoint, descriptor or model that cannot be used, with a message meant for the user: it names the
 * file (when known) and the problem, e.g. {@code "a.safetensors: tensor 1.weight holds NaN at index 17"}.
 * One of the {@link UserInputException} family.
 */
public class InvalidModelException extends UserInputException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
