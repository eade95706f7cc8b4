package org.lmcx.study;

import java.util.List;

/**
 * The names of a cell's metrics: one place, so the executor, the aggregation and the figures agree. Barriers are
 * on the test subset; "linear" is the barrier against the straight line between the endpoints, "mean" against
 * the mean of the endpoint values (see {@code analysis.Barrier}).
 */
public final class Metrics {

    public static final String LOSS_BARRIER = "test_loss_barrier";
    public static final String LOSS_BARRIER_MEAN = "test_loss_barrier_mean";
    public static final String ACC_BARRIER = "test_acc_barrier";
    public static final String ACC_BARRIER_MEAN = "test_acc_barrier_mean";
    public static final String TRAIN_LOSS_BARRIER = "train_loss_barrier";
    public static final String MERGED_LOSS = "merged_test_loss";
    public static final String MERGED_ACC = "merged_test_acc";
    public static final String L2_BEFORE = "l2_before";
    public static final String L2_AFTER = "l2_after";
    public static final String L2_REDUCTION = "l2_reduction_pct";
    /** 100·(identity barrier − this barrier)/identity barrier on the same pair; added by the aggregation. */
    public static final String BARRIER_REDUCTION = "barrier_reduction_pct";
    public static final String TAYLOR_ESTIMATE = "taylor_estimate";
    public static final String TAYLOR_ACTUAL = "taylor_actual";
    public static final String TAYLOR_DIFF = "taylor_diff";
    public static final String ALIGN_LEFT = "align_left_topk";
    public static final String ALIGN_RIGHT = "align_right_topk";
    /** Mean |⟨vᵢ, ẑ⟩| over the top-k right singular vectors, layers, and models A and B (Ito et al. Fig. 12). */
    public static final String HIDDEN = "hidden_inner_topk";
    public static final String HIDDEN_MERGED = "hidden_inner_topk_merged";
    public static final String LARGE_SV_RATIO = "large_sv_ratio";
    public static final String LARGE_SV_COUNT_MERGED = "large_sv_count_merged";
    public static final String LARGE_SV_RATIO_MERGED = "large_sv_ratio_merged";
    public static final String STABLE_RANK = "stable_rank";
    public static final String STABLE_RANK_MERGED = "stable_rank_merged";
    public static final String THREE_A_PB = "three_barrier_a_pb";
    public static final String THREE_A_PC = "three_barrier_a_pc";
    public static final String THREE_PB_PC = "three_barrier_pb_pc";
    public static final String THREE_PB_PC_ACC = "three_acc_barrier_pb_pc";

    /** Pair metrics in the order the summary lists them. */
    public static final List<String> ORDER = List.of(LOSS_BARRIER, LOSS_BARRIER_MEAN, ACC_BARRIER,
            ACC_BARRIER_MEAN, TRAIN_LOSS_BARRIER, MERGED_LOSS, MERGED_ACC, L2_BEFORE, L2_AFTER, L2_REDUCTION,
            BARRIER_REDUCTION, TAYLOR_ESTIMATE, TAYLOR_ACTUAL, TAYLOR_DIFF, ALIGN_LEFT, ALIGN_RIGHT, HIDDEN,
            HIDDEN_MERGED, LARGE_SV_RATIO, LARGE_SV_COUNT_MERGED, LARGE_SV_RATIO_MERGED, STABLE_RANK,
            STABLE_RANK_MERGED, THREE_A_PB, THREE_A_PC, THREE_PB_PC, THREE_PB_PC_ACC);

    private Metrics() {
    }

    /** Position in {@link #ORDER}, unknown names last. */
    static int rank(String metric) {
        int i = ORDER.indexOf(metric);
        return i < 0 ? ORDER.size() : i;
    }
}
