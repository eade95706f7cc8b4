package org.lmcx.task;

/** A unit of compute work: runs on a compute thread, reports through and polls the {@link Monitor}. */
@FunctionalInterface
public interface Job<T> {
    T run(Monitor monitor) throws Exception;
}
