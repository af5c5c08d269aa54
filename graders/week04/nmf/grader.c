/*
 * grader.c — nmf (week 4, Coding Checkpoint #2 project 3): non-negative matrix factorization
 * V ≈ WH by Lee–Seung multiplicative updates, with a mask for missing entries.
 *
 * NMF has many equally good answers (any start, any order of the two updates, rescaling
 * W's columns against H's rows), so the grader checks properties, never one W and H:
 *   - W ≥ 0 and H ≥ 0 entry by entry, finite (W and H arrive filled with NaN);
 *   - the objective F = ‖Mask∘(V − WH)‖_F never increases: runs with iters = 0, 1, 2, 5, 20,
 *     100 from the same seed must give F₀ ≥ F₁ ≥ … within 1e-9·F + 1e-12·‖V‖ (a tiny ε in a
 *     denominator is fine), and it must actually fall: F₁₀₀ ≤ 0.8·F₁ on near-rank-3 data
 *     (0.4–0.6 for the reference and for other starts, over 300 seeds);
 *   - on an exactly non-negative rank-3 V (30×20, W₀ and H₀ uniform in [0, 1)), 2000 rounds
 *     bring ‖V − WH‖/‖V‖ below 0.05 (the reference: below 0.01 for almost every seed, 0.017
 *     at worst over 300; other positive starts and either update order alike);
 *   - masked entries are ignored: changing V where Mask = 0 changes neither W nor H (relative
 *     1e-12), and Mask = NULL gives what a mask of ones gives;
 *   - the same seed gives the same W and H, bit for bit;
 *   - a zero row of V and a fully masked column stay finite (0/0 must not happen);
 *   - a negative or NaN entry of V, k ≤ 0 or iters < 0 give -1.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "la4grade.h"

static const char *IDEA_MU =
    "one round is H ← H ∘ (Wᵀ(M∘V)) / (Wᵀ(M∘WH)) then W ← W ∘ ((M∘V)Hᵀ) / ((M∘WH)Hᵀ), "
    "entry by entry (∘ and / are elementwise, M = 1 where observed, 0 where missing)";

/* ‖M∘(V − WH)‖_F (M = 1s when Mask is NULL) */
static double objective(const Matrix *V, const Matrix *Mask, const Matrix *W, const Matrix *H)
{
    double s = 0.0;
    for (int i = 0; i < V->rows; i++)
        for (int j = 0; j < V->cols; j++) {
            double wh = 0.0;
            for (int a = 0; a < W->cols; a++)
                wh += MAT(W, i, a) * MAT(H, a, j);
            double r = (Mask ? MAT(Mask, i, j) : 1.0) * (MAT(V, i, j) - wh);
            s += r * r;
        }
    return sqrt(s);
}

/* Runs nmf with W, H filled with NaN; checks V and Mask unchanged. Caller frees *W, *H. */
static int run(const Matrix *V, const Matrix *Mask, int k, int iters, unsigned seed,
               Matrix **W, Matrix **H)
{
    int kk = k > 0 ? k : 1;
    Matrix *Vb = la_mat_copy(V), *Mb = Mask ? la_mat_copy(Mask) : NULL;
    *W = mat_new(V->rows, kk);
    *H = mat_new(kk, V->cols);
    la_fill((*W)->data, V->rows * kk, NAN);
    la_fill((*H)->data, kk * V->cols, NAN);
    int rc = nmf(V, Mask, k, iters, seed, *W, *H);
    la_expect_unchanged(V, Vb, "V");
    if (Mask)
        la_expect_unchanged(Mask, Mb, "Mask");
    mat_free(Vb);
    mat_free(Mb);
    return rc;
}

static void expect_rc0(int rc, const char *why)
{
    if (rc != 0)
        la_fail("nmf returned %d, expected 0: %s", rc, why);
}

/* W ≥ 0, H ≥ 0, all finite. */
static void expect_nonneg(const Matrix *W, const Matrix *H)
{
    const Matrix *F[2] = { W, H };
    const char *name[2] = { "W", "H" };
    for (int f = 0; f < 2; f++)
        for (int i = 0; i < F[f]->rows; i++)
            for (int j = 0; j < F[f]->cols; j++) {
                double x = MAT(F[f], i, j);
                if (isnan(x))
                    la_fail("%s(%d,%d) is NaN: %s", name[f], i, j,
                            "either it was never written (fill W and H with your positive "
                            "start yourself: they arrive holding garbage), or a 0/0 happened — "
                            "where a denominator is 0 the gradient is 0 too, so leave that "
                            "entry as it is (or add a tiny ε like 1e-12 to the denominator)");
                if (!isfinite(x))
                    la_fail("%s(%d,%d) is %g: the update blew up. Is a fraction upside down "
                            "(the part with V goes on top: Wᵀ(M∘V) over Wᵀ(M∘WH)), or is a "
                            "denominator 0 (then leave the entry as it is)?",
                            name[f], i, j, x);
                if (x < 0.0)
                    la_fail("%s(%d,%d) = %.6g is negative, but NMF keeps W ≥ 0 and H ≥ 0: use "
                            "the multiplicative update — it multiplies each entry by a "
                            "non-negative ratio, so the sign never changes. An additive "
                            "gradient step W − η·∇ crosses zero. Revisit: %s",
                            name[f], i, j, x, IDEA_MU);
            }
}

/* V = W₀H₀ (m×n, exactly rank k, non-negative), W₀ and H₀ uniform in [0, 1). */
static Matrix *exact_rank(LaRng *r, int m, int n, int k)
{
    Matrix *W0 = mat_new(m, k), *H0 = mat_new(k, n);
    for (int t = 0; t < m * k; t++)
        W0->data[t] = la_unif(r);
    for (int t = 0; t < k * n; t++)
        H0->data[t] = la_unif(r);
    Matrix *V = la_mat_mul(W0, H0);
    mat_free(W0);
    mat_free(H0);
    return V;
}

/* a random 0/1 mask with about `keep` of the entries 1 */
static Matrix *random_mask(LaRng *r, int m, int n, double keep)
{
    Matrix *M = mat_new(m, n);
    for (int t = 0; t < m * n; t++)
        M->data[t] = la_unif(r) < keep ? 1.0 : 0.0;
    return M;
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(factors_are_nonnegative)
{
    /* ratings-like: 0–5 with many zeros, where a gradient step overshoots below 0 */
    LaRng r = la_rng(1);
    int m = 15, n = 12;
    Matrix *V = mat_new(m, n), *W, *H;
    for (int t = 0; t < m * n; t++)
        V->data[t] = la_unif(&r) < 0.4 ? 0.0 : 5.0 * la_unif(&r);
    static const int ITERS[] = { 1, 100 };
    for (int t = 0; t < 2; t++) {
        la_case("15×12 V with entries 0–5, 40%% of them 0; k = 4, seed 1, %d round%s",
                ITERS[t], ITERS[t] == 1 ? "" : "s");
        expect_rc0(run(V, NULL, 4, ITERS[t], 1, &W, &H), "V ≥ 0 and k = 4 is a valid request");
        expect_nonneg(W, H);
        mat_free(W);
        mat_free(H);
    }
    mat_free(V);
}

LA_TEST(objective_never_increases)
{
    LaRng r = la_rng(2);
    int m = 20, n = 16, k = 3;
    Matrix *V = exact_rank(&r, m, n, k), *W, *H;
    for (int t = 0; t < m * n; t++)
        V->data[t] += 0.05 * la_unif(&r); /* near rank 3: the fit improves a lot, never to 0 */
    static const int ITERS[] = { 0, 1, 2, 5, 20, 100 };
    double F[6], nv = la_mat_norm(V);
    for (int t = 0; t < 6; t++) {
        la_case("20×16 V = (rank-3 non-negative) + noise in [0, 0.05); k = 3, seed 5, %d "
                "round%s from the same start",
                ITERS[t], ITERS[t] == 1 ? "" : "s");
        expect_rc0(run(V, NULL, k, ITERS[t], 5, &W, &H), "V ≥ 0 and k = 3 is a valid request");
        expect_nonneg(W, H);
        F[t] = objective(V, NULL, W, H);
        mat_free(W);
        mat_free(H);
        if (t > 0 && !(F[t] <= F[t - 1] * (1 + 1e-9) + 1e-12 * nv))
            la_fail("‖V − WH‖_F = %.10g after %d round%s but %.10g after %d: Lee–Seung updates "
                    "never increase it. Check the fractions are the right way up (the part "
                    "with V on top), that W's update uses the new H, and that the same seed "
                    "gives the same start. Revisit: %s",
                    F[t], ITERS[t], ITERS[t] == 1 ? "" : "s", F[t - 1], ITERS[t - 1], IDEA_MU);
    }
    la_case("20×16 near-rank-3 V, k = 3, seed 5: ‖V − WH‖_F after 1 round %.6g, after 100 "
            "rounds %.6g",
            F[2], F[5]);
    if (!(F[5] <= 0.8 * F[2]))
        la_fail("‖V − WH‖_F went from %.6g (1 round) only to %.6g (100 rounds); on near-rank-3 "
                "data it must fall by a fifth at least. Do more rounds change W and H at all? "
                "Revisit: %s",
                F[2], F[5], IDEA_MU);
    mat_free(V);
}

LA_TEST(fits_an_exact_rank_k_matrix)
{
    LaRng r = la_rng(3);
    int m = 30, n = 20, k = 3;
    Matrix *V = exact_rank(&r, m, n, k), *W, *H;
    la_case("30×20 V = W₀H₀ with W₀ (30×3), H₀ (3×20) uniform in [0, 1): exactly rank 3 and "
            "non-negative; k = 3, seed 7, 2000 rounds");
    expect_rc0(run(V, NULL, k, 2000, 7, &W, &H), "V ≥ 0 and k = 3 is a valid request");
    expect_nonneg(W, H);
    double rel = objective(V, NULL, W, H) / la_mat_norm(V);
    if (!(rel <= 0.05))
        la_fail("relative error ‖V − WH‖/‖V‖ = %.3g after 2000 rounds, expected ≤ 0.05: V is "
                "exactly a product of non-negative 30×3 and 3×20 factors, and multiplicative "
                "updates from a positive start get close to one. Is every entry of the start "
                "positive (a 0 stays 0 forever)? Revisit: %s",
                rel, IDEA_MU);
    mat_free(W);
    mat_free(H);
    mat_free(V);
}

LA_TEST(same_seed_same_result)
{
    LaRng r = la_rng(4);
    Matrix *V = exact_rank(&r, 12, 10, 2), *W1, *H1, *W2, *H2;
    la_case("12×10 rank-2 V, k = 2, seed 9 twice, 30 rounds");
    expect_rc0(run(V, NULL, 2, 30, 9, &W1, &H1), "V ≥ 0 and k = 2 is a valid request");
    expect_rc0(run(V, NULL, 2, 30, 9, &W2, &H2), "V ≥ 0 and k = 2 is a valid request");
    const char *idea = "the start must come from your own generator seeded by `seed` "
                       "(splitmix64, or srand(seed) + rand()), never from the time or from "
                       "state left by an earlier call";
    la_expect_mat_near(W2, W1, 0.0, "W (second call vs first)", idea);
    la_expect_mat_near(H2, H1, 0.0, "H (second call vs first)", idea);
    mat_free(W1);
    mat_free(H1);
    mat_free(W2);
    mat_free(H2);
    mat_free(V);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(masked_entries_are_ignored)
{
    LaRng r = la_rng(5);
    int m = 24, n = 18, k = 3;
    Matrix *V = exact_rank(&r, m, n, k), *M = random_mask(&r, m, n, 0.7), *W1, *H1, *W2, *H2;
    la_case("24×18 rank-3 V, 70%% of the entries observed (Mask = 1), k = 3, seed 3, 300 "
            "rounds");
    expect_rc0(run(V, M, k, 300, 3, &W1, &H1), "V ≥ 0 and k = 3 is a valid request");
    expect_nonneg(W1, H1);
    Matrix *V2 = la_mat_copy(V);
    for (int t = 0; t < m * n; t++)
        if (M->data[t] == 0.0)
            V2->data[t] = 10.0 + 100.0 * la_unif(&r);
    la_case("the same V and Mask, but every missing entry (Mask = 0) of V changed to a number "
            "in [10, 110): W and H must not change");
    expect_rc0(run(V2, M, k, 300, 3, &W2, &H2), "V ≥ 0 and k = 3 is a valid request");
    const char *idea = "a missing entry has Mask = 0 and must drop out of every sum — multiply "
                       "V, and WH, by the mask entry by entry (M∘V and M∘WH) in both updates "
                       "and in the size of your start, or skip those entries (and the same "
                       "seed must give the same start)";
    la_expect_mat_near(W2, W1, 1e-12 * la_mat_maxabs(W1), "W (missing entries changed)", idea);
    la_expect_mat_near(H2, H1, 1e-12 * la_mat_maxabs(H1), "H (missing entries changed)", idea);
    mat_free(W1);
    mat_free(H1);
    mat_free(W2);
    mat_free(H2);
    mat_free(V2);
    mat_free(M);
    mat_free(V);
}

LA_TEST(null_mask_means_all_observed)
{
    LaRng r = la_rng(6);
    int m = 10, n = 14, k = 2;
    Matrix *V = exact_rank(&r, m, n, k), *Ones = mat_new(m, n), *W1, *H1, *W2, *H2;
    la_fill(Ones->data, m * n, 1.0);
    la_case("10×14 rank-2 V, k = 2, seed 4, 50 rounds: Mask = NULL, then a Mask of ones");
    expect_rc0(run(V, NULL, k, 50, 4, &W1, &H1), "Mask = NULL means every entry is observed");
    expect_rc0(run(V, Ones, k, 50, 4, &W2, &H2), "V ≥ 0 and k = 2 is a valid request");
    const char *idea = "Mask = NULL means every entry is observed: the same as a mask of ones "
                       "(and the same seed must give the same start)";
    la_expect_mat_near(W2, W1, 1e-12 * la_mat_maxabs(W1), "W (Mask of ones vs NULL)", idea);
    la_expect_mat_near(H2, H1, 1e-12 * la_mat_maxabs(H1), "H (Mask of ones vs NULL)", idea);
    mat_free(W1);
    mat_free(H1);
    mat_free(W2);
    mat_free(H2);
    mat_free(Ones);
    mat_free(V);
}

LA_TEST(zero_row_and_unobserved_column_stay_finite)
{
    LaRng r = la_rng(7);
    int m = 8, n = 9, k = 2;
    Matrix *V = exact_rank(&r, m, n, k), *M = mat_new(m, n), *W, *H;
    la_fill(M->data, m * n, 1.0);
    for (int j = 0; j < n; j++)
        MAT(V, 3, j) = 0.0; /* a user who rated nothing (all zeros) */
    for (int i = 0; i < m; i++)
        MAT(M, i, 5) = 0.0; /* an item nobody rated (all missing) */
    la_case("8×9 rank-2 V whose row 3 is all 0, with column 5 fully missing (Mask = 0); k = 2, "
            "seed 2, 200 rounds: a denominator can reach 0");
    expect_rc0(run(V, M, k, 200, 2, &W, &H), "V ≥ 0 and k = 2 is a valid request");
    expect_nonneg(W, H);
    mat_free(W);
    mat_free(H);
    mat_free(V);
    mat_free(M);
}

/* ---- Errors --------------------------------------------------------------------------- */

LA_TEST(negative_or_nan_data_returns_minus_one)
{
    LaRng r = la_rng(8);
    Matrix *V = exact_rank(&r, 6, 5, 2), *W, *H;
    static const double BAD[] = { -0.5, NAN };
    for (int t = 0; t < 2; t++) {
        double keep = MAT(V, 2, 3);
        MAT(V, 2, 3) = BAD[t];
        la_case("6×5 V ≥ 0 except V(2,3) = %g; k = 2", BAD[t]);
        int rc = run(V, NULL, 2, 10, 1, &W, &H);
        if (rc != -1)
            la_fail("nmf returned %d, expected -1: V(2,3) = %g, and NMF needs V ≥ 0. %s", rc,
                    BAD[t],
                    t == 0 ? "Check every (observed) entry before you start"
                           : "NaN fails every comparison, so test !(v >= 0) rather than "
                             "v < 0");
        mat_free(W);
        mat_free(H);
        MAT(V, 2, 3) = keep;
    }
    la_case("the same 6×5 V, all entries ≥ 0 again; k = 2");
    expect_rc0(run(V, NULL, 2, 10, 1, &W, &H), "V ≥ 0 now");
    expect_nonneg(W, H);
    mat_free(W);
    mat_free(H);
    mat_free(V);
}

LA_TEST(bad_k_or_iters_returns_minus_one)
{
    LaRng r = la_rng(9);
    Matrix *V = exact_rank(&r, 5, 4, 2), *W, *H;
    static const struct {
        int k, iters;
        const char *why;
    } BAD[] = { { 0, 10, "k = 0: W would have no columns" },
                { -1, 10, "k must be at least 1" },
                { 2, -3, "iters = −3 rounds makes no sense" } };
    for (int t = 0; t < 3; t++) {
        la_case("5×4 V ≥ 0, k = %d, iters = %d", BAD[t].k, BAD[t].iters);
        int rc = run(V, NULL, BAD[t].k, BAD[t].iters, 1, &W, &H);
        if (rc != -1)
            la_fail("nmf returned %d, expected -1: %s", rc, BAD[t].why);
        mat_free(W);
        mat_free(H);
    }
    la_case("5×4 V ≥ 0, k = 2, iters = 0: returns the start");
    expect_rc0(run(V, NULL, 2, 0, 1, &W, &H), "iters = 0 is valid: W and H are the start");
    expect_nonneg(W, H);
    mat_free(W);
    mat_free(H);
    mat_free(V);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("nmf");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, factors_are_nonnegative);
    tcase_add_test(core, objective_never_increases);
    tcase_add_test(core, fits_an_exact_rank_k_matrix);
    tcase_add_test(core, same_seed_same_result);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, masked_entries_are_ignored);
    tcase_add_test(edge, null_mask_means_all_observed);
    tcase_add_test(edge, zero_row_and_unobserved_column_stay_finite);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, negative_or_nan_data_returns_minus_one);
    tcase_add_test(err, bad_k_or_iters_returns_minus_one);
    return s;
}
