package org.lmcx.io.torch;

/**
 * A storage named by a pickle's persistent id, already checked against its zip entry (present, exactly
 * {@code numel * itemSize} bytes). Its bytes are read only when a selected tensor needs them, so a
 * training checkpoint's optimizer state costs nothing beyond validation.
 */
record TorchStorage(StorageType type, String key, String location, long numel, String entryName) {
}
