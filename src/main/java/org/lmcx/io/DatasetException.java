package org.lmcx.io;

import org.lmcx.model.InvalidModelException;

/**
 * A dataset directory or file that cannot be used; the message names the path and the problem. A subclass
 * of {@link InvalidModelException} so that front ends reporting "bad input" catch both with one clause.
 */
public class DatasetException extends InvalidModelException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
