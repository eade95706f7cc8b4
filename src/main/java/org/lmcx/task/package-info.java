/**
 * The task service: compute executors, {@link org.lmcx.task.Job}s with progress and cancellation, and the
 * {@link org.lmcx.task.Monitor} every long loop polls. Headless; the GUI adapts it in {@code app}.
 */
package org.lmcx.task;
