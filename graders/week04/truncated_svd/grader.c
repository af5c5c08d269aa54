/*
 * grader.c — truncated_svd (week 4, 18.065 Lecture 6): top-k SVD by subspace iteration.
 *
 * Signs and, for repeated singular values, the choice of basis are free, so the grader checks
 * properties and subspaces, never raw vectors. For every call: A unchanged, U and V with
 * orthonormal columns (UᵀU = I, VᵀV = I), S descending and ≥ 0, and A·vⱼ = σⱼ·uⱼ — true after
 * the final SVD of the small A·V whatever the number of rounds. Its Ritz values can only
 * underestimate: S[j] ≤ σⱼ(A) (checked after 0 and 1 rounds). After enough rounds on a matrix
 * with a gap σₖ₋₁ > σₖ, the answer must have converged: S equal to the singular values of the
 * grader's own one-sided Jacobi SVD (la_svd), Aᵀuⱼ = σⱼ·vⱼ, and span(U), span(V) equal to the
 * top-k left and right singular subspaces (la_outside against la_svd's vectors). The same
 * seed must reproduce the same output bit for bit; other seeds must converge to the same S.
 * Cases: a diagonal 4×3 (S = (3, 2)), tall 40×25 and wide 15×40 with gaps, a repeated
 * singular value 3, 3, 3 inside the block, exact rank 4 with k = 4, a tail of tiny singular
 * values (1e-10, 1e-12, 0), 60×50, k = min(m, n), and k out of range (-1).
 * Tolerances (printed): orthonormality and A·vⱼ = σⱼuⱼ to la_tol(max(m, n), 1) (relative to
 * σ₀); S to la_tol(max(m, n), 1)·σ₀; vectors and subspaces to la_tol(max(m, n), sep) with
 * sep = σ₀²/(σₖ₋₁² − σₖ²) — the iteration works with AᵀA, whose eigenvalues are σ², so its
 * rounding errors grow with σ₀² over the eigenvalue gap. The rounds are chosen so that the
 * convergence factor (σₖ/σₖ₋₁)^(2·iters) is far below these tolerances.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "la4grade.h"

static const char *IDEA_ORTH =
    "after each V ← Aᵀ(AV), orthonormalize the columns of V again (Gram–Schmidt); at the end "
    "take the SVD of B = AV by one-sided Jacobi — rotate pairs of columns of B (and the same "
    "pairs of V) until orthogonal — then uⱼ = bⱼ/‖bⱼ‖";
static const char *IDEA_SIGMA =
    "σⱼ = ‖A·vⱼ‖ = ‖bⱼ‖, the length of column j of B = AV after the Jacobi rotations (not its "
    "square: the eigenvalues of AᵀA are σ²), sorted in decreasing order with U and V";

/* The learner's answer, with S pre-filled with NaN. */
typedef struct {
    Matrix *U, *V;
    double *S;
    int rc;
} Tsvd;

static Tsvd run(const Matrix *A, int k, int iters, unsigned seed)
{
    int m = A->rows, n = A->cols;
    Tsvd t = { mat_new(m, k > 0 ? k : 1), mat_new(n, k > 0 ? k : 1),
               malloc(sizeof(double) * (size_t)(k > 0 ? k : 1)), 0 };
    if (!t.U || !t.V || !t.S)
        la_fail("grader out of memory");
    la_fill(t.S, k > 0 ? k : 1, NAN);
    Matrix *before = la_mat_copy(A);
    t.rc = truncated_svd(A, k, iters, seed, t.U, t.S, t.V);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    return t;
}

static void free_tsvd(Tsvd *t)
{
    mat_free(t->U);
    mat_free(t->V);
    free(t->S);
}

/* The grader's own SVD: s (min(m, n)), and the top singular vectors as columns. */
typedef struct {
    double *s;
    Matrix *U, *V;
    int p; /* min(m, n) */
} Truth;

static Truth truth_of(const Matrix *A)
{
    int m = A->rows, n = A->cols, p = m < n ? m : n;
    Truth t = { malloc(sizeof(double) * (size_t)p), mat_new(m, p), mat_new(n, p), p };
    la_svd(A, t.s, t.U, t.V);
    return t;
}

static void free_truth(Truth *t)
{
    free(t->s);
    mat_free(t->U);
    mat_free(t->V);
}

/* QᵀQ = I within tol: names the worst entry. */
static void expect_orthonormal(const Matrix *Q, const char *name, double tol)
{
    int wi, wj;
    double g, worst = la_orthonormality(Q, &wi, &wj, &g);
    if (worst <= tol)
        return;
    if (wi == wj)
        la_fail("%sᵀ%s differs from I by %.1e (tolerance %.1e): column %d of %s has length "
                "%.6g, not 1.%s Revisit: %s",
                name, name, worst, tol, wi, name, sqrt(fabs(g)),
                name[0] == 'V' ? " Rotations keep V orthonormal only if it was orthonormal to "
                                 "begin with: orthonormalize V after every round (if its "
                                 "columns all turned towards v₀, the final rotations pile "
                                 "them into one)."
                               : "",
                IDEA_ORTH);
    const char *why = "";
    if (fabs(g) > 0.9)
        why = " They point almost the same way: without re-orthonormalizing every round, every "
              "column turns towards v₀.";
    else if (name[0] == 'U')
        why = " The block converges as a subspace long before its single columns do (column j "
              "turns towards vⱼ only like (σⱼ₊₁/σⱼ)² per round), so A·vⱼ/‖A·vⱼ‖ are not "
              "orthogonal yet — the final SVD of B = A·V is what fixes that.";
    la_fail("%sᵀ%s differs from I by %.1e (tolerance %.1e): columns %d and %d of %s are not "
            "orthogonal (their dot product is %.3g).%s Revisit: %s",
            name, name, worst, tol, wi, wj, name, g, why, IDEA_ORTH);
}

/* What every answer satisfies, converged or not. smax = σ₀(A). */
static void expect_consistent(const Matrix *A, const Tsvd *t, int k, double smax)
{
    int m = A->rows, n = A->cols, big = m > n ? m : n;
    double tol = la_tol(big, 1.0);
    if (t->rc != 0)
        la_fail("truncated_svd returned %d, expected 0: k = %d is in 1…min(m, n) = %d", t->rc,
                k, m < n ? m : n);
    la_expect_finite(t->S, k, "S");
    la_expect_mat_finite(t->U, "U");
    la_expect_mat_finite(t->V, "V");
    expect_orthonormal(t->V, "V", tol);
    expect_orthonormal(t->U, "U", tol);
    for (int j = 0; j < k; j++) {
        if (!(t->S[j] >= 0.0))
            la_fail("S[%d] = %.6g is negative: singular values are lengths, σⱼ = ‖A·vⱼ‖ ≥ 0 (to "
                    "make one positive, flip the sign of uⱼ instead)",
                    j, t->S[j]);
        if (j > 0 && t->S[j] > t->S[j - 1])
            la_fail("S[%d] = %.10g > S[%d] = %.10g: S must decrease. Sort the triplets (σⱼ, uⱼ, "
                    "vⱼ) together by decreasing σ after the final SVD of AV",
                    j, t->S[j], j - 1, t->S[j - 1]);
    }
    /* A·vⱼ = σⱼ·uⱼ */
    double *av = malloc(sizeof(double) * (size_t)m), *v = malloc(sizeof(double) * (size_t)n);
    for (int j = 0; j < k; j++) {
        for (int i = 0; i < n; i++)
            v[i] = MAT(t->V, i, j);
        la_matvec(A, v, av);
        for (int i = 0; i < m; i++)
            av[i] -= t->S[j] * MAT(t->U, i, j);
        double e = la_vnorm(av, m);
        if (!(e <= tol * smax)) {
            la_matvec(A, v, av);
            double len = la_vnorm(av, m);
            la_fail("A·v%d ≠ σ%d·u%d: ‖A·v%d − S[%d]·u%d‖ = %.2e (tolerance %.1e·σ₀ = %.1e); "
                    "‖A·v%d‖ = %.6g, S[%d] = %.6g.%s U, S and V must come from the same SVD of "
                    "B = AV: rotate the columns of V with the same rotations as B's, then "
                    "σⱼ = ‖bⱼ‖ and uⱼ = bⱼ/σⱼ",
                    j, j, j, j, j, j, e, tol, tol * smax, j, len, j, t->S[j],
                    fabs(t->S[j] - len * len) <= 1e-8 * len * len && fabs(len - 1.0) > 1e-3
                        ? " S holds ‖A·vⱼ‖², the eigenvalue of AᵀA, instead of σ = ‖A·vⱼ‖."
                        : "");
        }
    }
    free(av);
    free(v);
}

/* After convergence: S, Aᵀuⱼ = σⱼvⱼ, and both subspaces. */
static void expect_converged(const Matrix *A, const Tsvd *t, int k, const Truth *tr,
                             int iters)
{
    int m = A->rows, n = A->cols, big = m > n ? m : n;
    double s0 = tr->s[0], next = k < tr->p ? tr->s[k] : 0.0;
    double sep = s0 * s0 / (tr->s[k - 1] * tr->s[k - 1] - next * next);
    double tol_s = la_tol(big, 1.0) * s0, tol_v = la_tol(big, sep);
    char bs[256], bg[256];
    for (int j = 0; j < k; j++)
        if (!(fabs(t->S[j] - tr->s[j]) <= tol_s))
            la_fail("S[%d] = %.12g, but σ%d(A) = %.12g (off by %.2e, tolerance %.1e = "
                    "64·max(m,n)·ε·σ₀). Expected S = %s, got %s after %d rounds. %s%s",
                    j, t->S[j], j, tr->s[j], fabs(t->S[j] - tr->s[j]), tol_s,
                    la_fmt_vec(tr->s, k, bs, sizeof bs), la_fmt_vec(t->S, k, bg, sizeof bg),
                    iters,
                    fabs(t->S[j] - tr->s[j] * tr->s[j]) <= 1e-6 * tr->s[j] * tr->s[j]
                        ? "You returned σ² — the eigenvalue of AᵀA — instead of σ. "
                        : "",
                    IDEA_SIGMA);
    /* Aᵀuⱼ = σⱼ·vⱼ */
    double *au = malloc(sizeof(double) * (size_t)n);
    for (int j = 0; j < k; j++) {
        for (int c = 0; c < n; c++) {
            double acc = 0.0;
            for (int i = 0; i < m; i++)
                acc += MAT(A, i, c) * MAT(t->U, i, j);
            au[c] = acc - t->S[j] * MAT(t->V, c, j);
        }
        double e = la_vnorm(au, n);
        if (!(e <= tol_v * s0))
            la_fail("Aᵀu%d ≠ σ%d·v%d: ‖Aᵀu%d − S[%d]·v%d‖ = %.2e (tolerance %.1e·σ₀ = %.1e, "
                    "sep = σ₀²/(σₖ₋₁² − σₖ²) = %.3g): after %d rounds V has not reached the top "
                    "singular vectors. Each round must be V ← Aᵀ(A·V) followed by "
                    "orthonormalization — multiply by A and then by Aᵀ",
                    j, j, j, j, j, j, e, tol_v, tol_v * s0, sep, iters);
    }
    free(au);
    /* span(U) and span(V) = the top-k singular subspaces */
    Matrix *Uk = la_mat_cols(tr->U, k), *Vk = la_mat_cols(tr->V, k);
    int worst;
    double d = la_outside(t->U, k, Uk, &worst);
    if (!(d <= tol_v))
        la_fail("column %d of U is not in the span of the top %d left singular vectors of A: "
                "relative distance %.2e (tolerance %.1e). Revisit: %s",
                worst, k, d, tol_v, IDEA_ORTH);
    d = la_outside(t->V, k, Vk, &worst);
    if (!(d <= tol_v))
        la_fail("column %d of V is not in the span of the top %d right singular vectors of A: "
                "relative distance %.2e (tolerance %.1e). Revisit: %s",
                worst, k, d, tol_v, IDEA_ORTH);
    mat_free(Uk);
    mat_free(Vk);
}

/* Runs truncated_svd(A, k, iters, seed) and grades the converged answer. */
static void grade(const Matrix *A, int k, int iters, unsigned seed)
{
    Truth tr = truth_of(A);
    Tsvd t = run(A, k, iters, seed);
    expect_consistent(A, &t, k, tr.s[0]);
    expect_converged(A, &t, k, &tr, iters);
    free_tsvd(&t);
    free_truth(&tr);
}

/* s: singular values ≥ 0 (min(m, n) of them, descending) for U·diag(s)·Vᵀ. */
static Matrix *with_svals(unsigned salt, int m, int n, const double *s)
{
    LaRng r = la_rng(salt);
    return la_mat_svals(&r, m, n, s);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(diagonal_4x3)
{
    static const double a[] = { 3, 0, 0, 0, -2, 0, 0, 0, 1, 0, 0, 0 };
    static const double want[] = { 3, 2 };
    Matrix *A = la_mat(4, 3, a);
    la_case("A = [3 0 0; 0 −2 0; 0 0 1; 0 0 0], k = 2, 40 rounds: S = (3, 2), v₀ = ±e₀, "
            "v₁ = ±e₁ (u₁ then has the opposite sign, since A·e₁ = −2·e₁)");
    Truth tr = truth_of(A);
    Tsvd t = run(A, 2, 40, 7);
    expect_consistent(A, &t, 2, 3.0);
    la_expect_vec_near(t.S, want, 2, la_tol(4, 1.0) * 3, "S",
                       "the singular values of a diagonal matrix are the sizes |dᵢ| of its "
                       "diagonal entries, largest first");
    expect_converged(A, &t, 2, &tr, 40);
    free_tsvd(&t);
    free_truth(&tr);
    mat_free(A);
}

LA_TEST(tall_40x25_with_gap)
{
    double s[25];
    static const double top[] = { 10, 7, 5 };
    for (int i = 0; i < 25; i++)
        s[i] = i < 3 ? top[i] : 1.0 - 0.03 * (i - 3);
    Matrix *A = with_svals(1, 40, 25, s);
    la_case("40×25 with σ = 10, 7, 5 | 1, 0.97, …, k = 3, 30 rounds: the block converges "
            "like (σ₃/σ₂)² = 0.04 per round");
    grade(A, 3, 30, 11);
    mat_free(A);
}

LA_TEST(wide_15x40_with_gap)
{
    double s[15];
    for (int i = 0; i < 15; i++)
        s[i] = i < 4 ? 6.0 - i : 0.5 - 0.03 * (i - 4);
    Matrix *A = with_svals(2, 15, 40, s);
    la_case("wide 15×40 with σ = 6, 5, 4, 3 | 0.5, 0.47, …, k = 4, 30 rounds (V is 40×4, U "
            "is 15×4)");
    grade(A, 4, 30, 12);
    mat_free(A);
}

LA_TEST(seeds_reproduce_and_agree)
{
    double s[20];
    for (int i = 0; i < 20; i++)
        s[i] = i < 3 ? 4.0 - i : 1.0 / (i - 1);
    Matrix *A = with_svals(3, 30, 20, s);
    Truth tr = truth_of(A);
    la_case("30×20 with σ = 4, 3, 2 | 0.5, 0.33, …, k = 3, 40 rounds, seed 5 twice: the same "
            "seed must give the same U, S, V bit for bit");
    Tsvd a = run(A, 3, 40, 5), b = run(A, 3, 40, 5);
    expect_consistent(A, &a, 3, tr.s[0]);
    const double *pa[3] = { a.S, a.U->data, a.V->data }, *pb[3] = { b.S, b.U->data, b.V->data };
    static const char *names[3] = { "S", "U", "V" };
    const int len[3] = { 3, 30 * 3, 20 * 3 };
    for (int w = 0; w < 3; w++)
        for (int i = 0; i < len[w]; i++)
            if (memcmp(&pa[w][i], &pb[w][i], sizeof(double)) != 0) {
                char at[32];
                if (w == 0)
                    snprintf(at, sizeof at, "S[%d]", i);
                else
                    snprintf(at, sizeof at, "%s(%d,%d)", names[w], i / 3, i % 3);
                la_fail("two calls with seed 5 gave different answers: %s was %.17g the first "
                        "time and %.17g the second. The start block must depend on the seed "
                        "alone: seed your generator inside the function on every call (a "
                        "generator of your own started from seed, or srand(seed) before the "
                        "first rand()), not from the time or from a previous call",
                        at, pa[w][i], pb[w][i]);
            }
    expect_converged(A, &a, 3, &tr, 40);
    free_tsvd(&a);
    free_tsvd(&b);
    static const unsigned seeds[] = { 1, 2, 99 };
    for (int q = 0; q < 3; q++) {
        la_case("30×20 with σ = 4, 3, 2 | 0.5, 0.33, …, k = 3, 40 rounds, seed %u: every start "
                "converges to the same subspace",
                seeds[q]);
        Tsvd t = run(A, 3, 40, seeds[q]);
        expect_consistent(A, &t, 3, tr.s[0]);
        expect_converged(A, &t, 3, &tr, 40);
        free_tsvd(&t);
    }
    free_truth(&tr);
    mat_free(A);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(repeated_singular_values)
{
    double s[20];
    static const double top[] = { 5, 3, 3, 3 };
    for (int i = 0; i < 20; i++)
        s[i] = i < 4 ? top[i] : 1.0 / (i - 3);
    Matrix *A = with_svals(4, 30, 20, s);
    la_case("30×20 with σ = 5, 3, 3, 3 | 1, 0.5, …, k = 4, 40 rounds: any orthonormal basis "
            "of the σ = 3 singular space is right; the top-4 subspace is unique");
    grade(A, 4, 40, 13);
    mat_free(A);
}

LA_TEST(exact_low_rank_and_tiny_tail)
{
    LaRng r = la_rng(5);
    Matrix *A = la_mat_rank(&r, 25, 18, 4);
    la_case("25×18 of rank exactly 4 (σ = 2, 1.67, 1.33, 1, then 0), k = 4, 3 rounds: AᵀA·V "
            "lies in the 4-dimensional row space after one round");
    grade(A, 4, 3, 14);
    mat_free(A);

    double s[20] = { 4, 2, 1, 1e-10, 1e-12 }; /* the rest 0 */
    A = with_svals(6, 30, 20, s);
    la_case("30×20 with σ = 4, 2, 1 | 1e-10, 1e-12, 0, …, 0 (rank 5), k = 3, 5 rounds");
    grade(A, 3, 5, 15);
    mat_free(A);
}

LA_TEST(any_rounds_give_a_consistent_answer)
{
    LaRng r = la_rng(7);
    Matrix *A = la_mat_random(&r, 30, 20);
    Truth tr = truth_of(A);
    static const int rounds[] = { 0, 1 };
    for (int q = 0; q < 2; q++) {
        la_case("random 30×20, k = 5, only %d round%s: not converged, but U and V must be "
                "orthonormal, A·vⱼ = σⱼuⱼ, and S[j] ≤ σⱼ(A) — the singular values of A·V with "
                "orthonormal V never exceed A's",
                rounds[q], rounds[q] == 1 ? "" : "s");
        Tsvd t = run(A, 5, rounds[q], 21);
        expect_consistent(A, &t, 5, tr.s[0]);
        for (int j = 0; j < 5; j++)
            if (!(t.S[j] <= tr.s[j] * (1.0 + la_tol(30, 1.0))))
                la_fail("S[%d] = %.10g is larger than σ%d(A) = %.10g: impossible for the "
                        "singular values of A·V when V has orthonormal columns. Orthonormalize "
                        "V before the final B = A·V, and take σⱼ = ‖bⱼ‖ after the Jacobi "
                        "rotations",
                        j, t.S[j], j, tr.s[j]);
        free_tsvd(&t);
    }
    free_truth(&tr);
    mat_free(A);
}

LA_TEST(k_equals_min_and_out_of_range)
{
    LaRng r = la_rng(8);
    Matrix *A = la_mat_random(&r, 12, 7);
    la_case("random 12×7, k = 7 = min(m, n), 2 rounds: V spans all of R⁷, so this is the full "
            "thin SVD");
    grade(A, 7, 2, 16);
    static const int bad[] = { 0, 8, -1 };
    for (int q = 0; q < 3; q++) {
        la_case("random 12×7, k = %d", bad[q]);
        Tsvd t = run(A, bad[q], 10, 16);
        if (t.rc != -1)
            la_fail("truncated_svd returned %d for k = %d, expected -1: k must be in 1…min(m, "
                    "n) = 1…7 (there are only 7 singular values) — check it before "
                    "allocating anything",
                    t.rc, bad[q]);
        free_tsvd(&t);
    }
    la_case("random 12×7, k = 3, iters = −1");
    Tsvd t = run(A, 3, -1, 16);
    if (t.rc != -1)
        la_fail("truncated_svd returned %d for iters = −1, expected -1", t.rc);
    free_tsvd(&t);
    mat_free(A);
}

LA_TEST(size_60x50)
{
    double s[50];
    static const double top[] = { 20, 15, 12, 10, 8 };
    for (int i = 0; i < 50; i++)
        s[i] = i < 5 ? top[i] : 2.0 * pow(0.9, i - 5);
    Matrix *A = with_svals(9, 60, 50, s);
    la_case("60×50 with σ = 20, 15, 12, 10, 8 | 2, 1.8, …, k = 5, 40 rounds");
    grade(A, 5, 40, 17);
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("truncated_svd");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, diagonal_4x3);
    tcase_add_test(core, tall_40x25_with_gap);
    tcase_add_test(core, wide_15x40_with_gap);
    tcase_add_test(core, seeds_reproduce_and_agree);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, repeated_singular_values);
    tcase_add_test(edge, exact_low_rank_and_tiny_tail);
    tcase_add_test(edge, any_rounds_give_a_consistent_answer);
    tcase_add_test(edge, size_60x50);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, k_equals_min_and_out_of_range);
    return s;
}
