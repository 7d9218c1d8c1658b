package io.devstate.chain;

import io.smallrye.mutiny.Uni;

/**
 * One caller's work inside a group transaction of its project's chain (see {@link ChainWriter}).
 * Jobs of a batch run one after the other, in arrival order, and see the chain (and anything they
 * share through {@link ChainBatch#shared}) as the jobs before them left it.
 *
 * <p>A job refuses by failing with a {@link io.devstate.common.DevStateException} (404, 409, 412,
 * 422, 423 ...): only its own caller fails and the entries it appended are dropped. A job must
 * therefore check everything before it appends, and change shared state only after it appended.
 * Any other failure aborts the whole transaction and fails every caller of the batch.
 */
@FunctionalInterface
public interface ChainJob<T> {

    Uni<T> run(ChainBatch batch);
}
