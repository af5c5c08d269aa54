/*
 * grader.c — kmeans (week 4, Coding Checkpoint #2 project 2): k-means++ then Lloyd.
 *
 * Grades the clustering by what it must be, never by which of the equally good answers was
 * found: cluster numbers are arbitrary, so partitions are compared up to a permutation (by a
 * contingency table of found clusters against true groups). Every result is checked for
 *   - labels in 0…k−1 and finite centroids;
 *   - the returned inertia equal to Σᵢ ‖xᵢ − c_labelᵢ‖² recomputed from the returned labels
 *     and centroids (relative 1e-9);
 *   - every label the nearest centroid (within 1e-9 relative): Lloyd's assignment step;
 *   - after convergence (max_iter = 300 is plenty here), every non-empty cluster's centroid
 *     the mean of its samples (within 1e-10 of the data's scale): Lloyd's update step.
 * Then: on six well-separated blobs (spread 0.05, centres 20 apart) the partition equals the
 * true one for three seeds — the reference never missed a blob in 4500 runs (the risk grows
 * like spread²/distance²: at spread 0.3, centres 10 apart, it missed 0.2% of them), while a
 * uniformly random start puts two centroids in one blob about 99% of the time;
 * max_iter = 0 returns the k-means++ start (k distinct samples, labels the nearest); three
 * points repeated ten times each give inertia 0 with k = 3 (D² sampling never picks a copy of
 * a centroid); the same seed twice gives the same result bit for bit; k = 1 gives the mean;
 * k = n gives inertia 0; k ≤ 0 and k > n return a negative number.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "la4grade.h"

#define MAX_ITER 300 /* Lloyd converges in a few dozen rounds on every data set here */

static const char *IDEA_ASSIGN =
    "the assignment step gives every sample the centroid at the smallest squared distance "
    "‖xᵢ − c‖² (argmin over c, not argmax), and the loop ends with an assignment: update the "
    "centroids, reassign, stop when no label changed";
static const char *IDEA_UPDATE =
    "the update step moves each centroid to the mean of the samples labelled with it (sum "
    "their rows, divide by their count) — recompute it every round, from the new labels";

/* Runs kmeans on fresh outputs (labels ← −7, centroids ← NaN, so unwritten output shows) and
   checks X unchanged. Caller frees *C. */
static double run(const Matrix *X, int k, int max_iter, unsigned seed, int *labels,
                  Matrix **C)
{
    Matrix *before = la_mat_copy(X);
    *C = mat_new(k > 0 ? k : 1, X->cols);
    la_fill((*C)->data, (*C)->rows * (*C)->cols, NAN);
    for (int i = 0; i < X->rows; i++)
        labels[i] = -7;
    double inertia = kmeans(X, k, max_iter, seed, labels, *C);
    la_expect_unchanged(X, before, "X");
    mat_free(before);
    return inertia;
}

static double row_dist2(const Matrix *X, int i, const Matrix *C, int c)
{
    double s = 0.0;
    for (int j = 0; j < X->cols; j++) {
        double t = MAT(X, i, j) - MAT(C, c, j);
        s += t * t;
    }
    return s;
}

/* The largest squared row length of X: the scale of every squared distance here. */
static double scale2(const Matrix *X)
{
    double s = 0.0;
    for (int i = 0; i < X->rows; i++) {
        double t = 0.0;
        for (int j = 0; j < X->cols; j++)
            t += MAT(X, i, j) * MAT(X, i, j);
        s = fmax(s, t);
    }
    return s > 0.0 ? s : 1.0;
}

static void expect_ok(double inertia, int k, int n)
{
    if (!(inertia >= 0.0))
        la_fail("kmeans returned %g, expected the inertia (≥ 0): k = %d with n = %d samples "
                "is a valid request (1 ≤ k ≤ n). Return a negative number only for k ≤ 0 or "
                "k > n",
                inertia, k, n);
}

/* Every property of a k-means result; `converged` adds the update step's. */
static void expect_lloyd(const Matrix *X, int k, const int *labels, const Matrix *C,
                         double inertia, int converged)
{
    int n = X->rows, d = X->cols;
    double s2 = scale2(X);
    expect_ok(inertia, k, n);
    for (int i = 0; i < n; i++)
        if (labels[i] < 0 || labels[i] >= k)
            la_fail("labels[%d] = %d, but a label is a cluster number 0…k−1 = 0…%d%s", i,
                    labels[i], k - 1,
                    labels[i] == -7 ? " (−7 is what the array held before the call: write "
                                      "every sample's label)"
                                    : "");
    la_expect_mat_finite(C, "centroids");

    // assignment step: every sample at its nearest centroid
    for (int i = 0; i < n; i++) {
        int best = 0;
        for (int c = 1; c < k; c++)
            if (row_dist2(X, i, C, c) < row_dist2(X, i, C, best))
                best = c;
        double dl = row_dist2(X, i, C, labels[i]), db = row_dist2(X, i, C, best);
        if (dl > db * (1 + 1e-9) + 1e-12 * s2) {
            int far = 1; /* is the label the farthest centroid? */
            for (int c = 0; c < k; c++)
                far &= row_dist2(X, i, C, c) <= dl;
            la_fail("sample %d is labelled %d, at squared distance %.6g, but centroid %d is "
                    "nearer (%.6g)%s. Revisit: %s",
                    i, labels[i], dl, best, db,
                    far && k > 1 ? " — in fact the label is the *farthest* centroid" : "",
                    IDEA_ASSIGN);
        }
    }

    // update step: every non-empty cluster's centroid is the mean of its samples
    if (converged) {
        double *mean = calloc((size_t)d, sizeof(double));
        for (int c = 0; c < k; c++) {
            int count = 0;
            la_fill(mean, d, 0.0);
            for (int i = 0; i < n; i++)
                if (labels[i] == c) {
                    count++;
                    for (int j = 0; j < d; j++)
                        mean[j] += MAT(X, i, j);
                }
            if (count == 0)
                continue;
            for (int j = 0; j < d; j++)
                mean[j] /= count;
            for (int j = 0; j < d; j++)
                if (!(fabs(MAT(C, c, j) - mean[j]) <= 1e-10 * sqrt(s2))) {
                    char bm[256], bc[256];
                    double off = fabs(MAT(C, c, j) - mean[j]);
                    la_fmt_vec(mean, d, bm, sizeof bm);
                    la_fmt_vec(&MAT(C, c, 0), d, bc, sizeof bc);
                    free(mean);
                    la_fail("centroid %d is %s, but the mean of its %d samples is %s (feature "
                            "%d off by %.2e): at a fixed point of Lloyd's algorithm every "
                            "centroid is the mean of its cluster. Revisit: %s",
                            c, bc, count, bm, j, off, IDEA_UPDATE);
                }
        }
        free(mean);
    }

    // the inertia of exactly what was returned
    double J = 0.0;
    for (int i = 0; i < n; i++)
        J += row_dist2(X, i, C, labels[i]);
    if (!(fabs(inertia - J) <= 1e-9 * J + 1e-12 * s2)) {
        const char *why = "";
        if (J > 0 && fabs(inertia * n - J) <= 1e-9 * J)
            why = " — yours is the mean, J/n: return the sum";
        else if (inertia < J)
            why = " — is it the inertia before the last update, or distances not squared?";
        la_fail("kmeans returned inertia %.10g, but Σᵢ ‖xᵢ − c_labelᵢ‖² over the labels and "
                "centroids it returned is %.10g%s. Compute it at the end, from the final "
                "labels and centroids: the sum of squared distances",
                inertia, J, why);
    }
}

/* The found partition must be the true one up to renaming the clusters: in the contingency
   table (found cluster × true group) every row and every column has one non-zero cell. */
static void expect_partition(const int *truth, const int *labels, int n, int k)
{
    int *T = calloc((size_t)k * (size_t)k, sizeof(int));
    for (int i = 0; i < n; i++)
        T[labels[i] * k + truth[i]]++;
    for (int c = 0; c < k; c++) {
        int a = -1;
        for (int t = 0; t < k; t++)
            if (T[c * k + t] > 0) {
                if (a >= 0) {
                    int na = T[c * k + a], nt = T[c * k + t];
                    free(T);
                    la_fail("cluster %d holds %d points of blob %d and %d points of blob %d: "
                            "two well-separated blobs share one centroid, so another blob got "
                            "two. Lloyd cannot repair such a start — k-means++ prevents it: "
                            "after the first centroid (uniform), pick each next one with "
                            "probability ∝ D(x)², the squared distance to the nearest "
                            "centroid chosen so far (a random start does this ~99%% of the "
                            "time on six blobs)",
                            c, na, a, nt, t);
                }
                a = t;
            }
    }
    for (int t = 0; t < k; t++) {
        int a = -1;
        for (int c = 0; c < k; c++)
            if (T[c * k + t] > 0) {
                if (a >= 0) {
                    free(T);
                    la_fail("blob %d is split between clusters %d and %d: two centroids "
                            "landed in one blob — pick each next k-means++ centroid with "
                            "probability ∝ D(x)², so that far-away blobs get theirs",
                            t, a, c);
                }
                a = c;
            }
    }
    free(T);
}

/* n points around `nb` centres (2-D), `sizes[b]` in blob b, spread sigma; truth[i] ← blob. */
static Matrix *blobs(LaRng *r, const double (*centre)[2], const int *sizes, int nb,
                     double sigma, int *truth)
{
    int n = 0;
    for (int b = 0; b < nb; b++)
        n += sizes[b];
    Matrix *X = mat_new(n, 2);
    int i = 0;
    for (int b = 0; b < nb; b++)
        for (int s = 0; s < sizes[b]; s++, i++) {
            MAT(X, i, 0) = centre[b][0] + sigma * la_normal(r);
            MAT(X, i, 1) = centre[b][1] + sigma * la_normal(r);
            truth[i] = b;
        }
    return X;
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(well_separated_blobs_are_found)
{
    /* six customer segments in (income, score), 20 apart, spread 0.05, unequal sizes */
    static const double centre[6][2] = { { 0, 0 }, { 20, 0 }, { 40, 0 },
                                         { 0, 20 }, { 20, 20 }, { 40, 20 } };
    static const int sizes[6] = { 12, 30, 20, 40, 25, 15 };
    LaRng r = la_rng(1);
    int truth[142], labels[142];
    Matrix *X = blobs(&r, centre, sizes, 6, 0.05, truth), *C;
    for (unsigned seed = 1; seed <= 3; seed++) {
        la_case("six blobs of 12–40 points in 2-D, centres 20 apart, spread 0.05; k = 6, "
                "seed %u, max_iter %d",
                seed, MAX_ITER);
        double J = run(X, 6, MAX_ITER, seed, labels, &C);
        expect_lloyd(X, 6, labels, C, J, 1);
        expect_partition(truth, labels, X->rows, 6);
        mat_free(C);
    }
    mat_free(X);
}

LA_TEST(lloyd_fixed_point_on_unstructured_data)
{
    LaRng r = la_rng(2);
    static const struct { int n, d, k; } SHAPES[] = { { 150, 4, 5 }, { 40, 1, 3 },
                                                      { 90, 3, 8 } };
    for (int t = 0; t < 3; t++) {
        int n = SHAPES[t].n, d = SHAPES[t].d, k = SHAPES[t].k, labels[150];
        Matrix *X = la_mat_random(&r, n, d), *C;
        la_case("%d Gaussian samples in %d-D (no real clusters), k = %d, seed 7, max_iter "
                "%d: any local minimum is fine, but it must be a fixed point of Lloyd",
                n, d, k, MAX_ITER);
        double J = run(X, k, MAX_ITER, 7, labels, &C);
        expect_lloyd(X, k, labels, C, J, 1);
        mat_free(C);
        mat_free(X);
    }
}

LA_TEST(same_seed_same_result)
{
    LaRng r = la_rng(3);
    int n = 120, d = 3, k = 4, l1[120], l2[120];
    Matrix *X = la_mat_random(&r, n, d), *C1, *C2;
    static const int ITERS[] = { 0, MAX_ITER };
    for (int t = 0; t < 2; t++) {
        la_case("120 Gaussian samples in 3-D, k = 4, seed 11 twice, max_iter %d", ITERS[t]);
        double J1 = run(X, k, ITERS[t], 11, l1, &C1);
        double J2 = run(X, k, ITERS[t], 11, l2, &C2);
        expect_ok(J1, k, n);
        for (int i = 0; i < n; i++)
            if (l1[i] != l2[i])
                la_fail("two calls with the same seed labelled sample %d as %d and then %d: "
                        "the same seed must give the same result. Draw every random number "
                        "from your own generator seeded with `seed` (splitmix64, or srand(seed) "
                        "then rand()) — not from the time or from state left by the last call",
                        i, l1[i], l2[i]);
        la_expect_mat_near(C2, C1, 0.0, "centroids (second call vs first)",
                           "the same seed must give the same start and so the same centroids");
        la_expect_near(J2, J1, 0.0, "inertia (second call vs first)",
                       "the same seed must give the same result");
        mat_free(C1);
        mat_free(C2);
    }
    mat_free(X);
}

LA_TEST(max_iter_0_returns_the_kmeanspp_start)
{
    LaRng r = la_rng(4);
    int n = 50, d = 3, k = 6, labels[50];
    Matrix *X = la_mat_random(&r, n, d), *C;
    for (unsigned seed = 1; seed <= 3; seed++) {
        la_case("50 Gaussian samples in 3-D, k = 6, seed %u, max_iter = 0: the k-means++ "
                "start, labelled",
                seed);
        double J = run(X, k, 0, seed, labels, &C);
        expect_ok(J, k, n);
        int rows[6];
        for (int c = 0; c < k; c++) {
            rows[c] = -1;
            for (int i = 0; i < n && rows[c] < 0; i++)
                if (row_dist2(X, i, C, c) == 0.0)
                    rows[c] = i;
            if (rows[c] < 0) {
                char b[256];
                la_fail("centroid %d is %s, which is not one of the samples: k-means++ starts "
                        "from k samples — copy the chosen rows of X into the centroids (and "
                        "with max_iter = 0 do no Lloyd update at all)",
                        c, la_fmt_vec(&MAT(C, c, 0), d, b, sizeof b));
            }
            for (int e = 0; e < c; e++)
                if (rows[e] == rows[c])
                    la_fail("centroids %d and %d are both sample %d: k-means++ never picks a "
                            "sample twice, since a sample that is already a centroid has "
                            "D² = 0 and so probability 0",
                            e, c, rows[c]);
        }
        expect_lloyd(X, k, labels, C, J, 0);
        mat_free(C);
    }
    mat_free(X);
}

LA_TEST(kmeanspp_never_picks_a_copy_of_a_centroid)
{
    /* three places, ten customers at each: k = 3 must put one centroid on each */
    static const double place[3][2] = { { 1, 2 }, { 4, -1 }, { -3, 0.5 } };
    Matrix *X = mat_new(30, 2), *C;
    int labels[30];
    for (int i = 0; i < 30; i++) {
        MAT(X, i, 0) = place[i % 3][0];
        MAT(X, i, 1) = place[i % 3][1];
    }
    for (unsigned seed = 1; seed <= 5; seed++) {
        la_case("30 samples: 10 copies each of (1, 2), (4, −1), (−3, 0.5); k = 3, seed %u, "
                "max_iter = 0",
                seed);
        double J = run(X, 3, 0, seed, labels, &C);
        expect_lloyd(X, 3, labels, C, J, 0);
        if (J != 0.0)
            la_fail("inertia %.6g, expected 0: every copy of a chosen sample has D² = 0, so "
                    "k-means++ must choose the three different places (a uniformly random "
                    "start repeats one about 75%% of the time). Pick sample i with probability "
                    "D²ᵢ / Σⱼ D²ⱼ: draw r uniform in [0, Σ D²) and walk the running sum of D² "
                    "until it passes r",
                    J);
        mat_free(C);
    }
    mat_free(X);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(one_cluster_is_the_mean)
{
    LaRng r = la_rng(5);
    int n = 25, d = 4, labels[25];
    Matrix *X = la_mat_random(&r, n, d), *C;
    double mean[4] = { 0 }, J = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            mean[j] += MAT(X, i, j) / n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            J += (MAT(X, i, j) - mean[j]) * (MAT(X, i, j) - mean[j]);
    la_case("25 Gaussian samples in 4-D, k = 1, seed 3: one centroid, the mean, and the "
            "inertia Σᵢ ‖xᵢ − x̄‖² = %.10g",
            J);
    double got = run(X, 1, MAX_ITER, 3, labels, &C);
    expect_lloyd(X, 1, labels, C, got, 1);
    la_expect_vec_near(&MAT(C, 0, 0), mean, d, 1e-12, "centroid 0",
                       "with k = 1 every sample is in cluster 0 and the centroid is the mean "
                       "of all of them");
    la_expect_near(got, J, 1e-12 * J, "inertia", "with k = 1, Σᵢ ‖xᵢ − x̄‖²");
    mat_free(C);
    mat_free(X);
}

LA_TEST(k_equals_n_gives_zero_inertia)
{
    LaRng r = la_rng(6);
    int n = 7, d = 2, labels[7];
    Matrix *X = la_mat_random(&r, n, d), *C;
    la_case("7 distinct samples in 2-D, k = n = 7, seed 5: every sample is its own cluster");
    double J = run(X, n, MAX_ITER, 5, labels, &C);
    expect_lloyd(X, n, labels, C, J, 1);
    if (J != 0.0)
        la_fail("inertia %.6g, expected 0: with k = n, k-means++ picks every sample once (a "
                "sample that is already a centroid has D² = 0, so it cannot be picked again)",
                J);
    for (int i = 0; i < n; i++)
        for (int e = 0; e < i; e++)
            if (labels[i] == labels[e])
                la_fail("samples %d and %d share cluster %d, so another cluster is empty: "
                        "with k = n each sample must get its own centroid",
                        e, i, labels[i]);
    mat_free(C);
    mat_free(X);
}

/* ---- Errors --------------------------------------------------------------------------- */

LA_TEST(impossible_k_returns_negative)
{
    LaRng r = la_rng(7);
    int n = 10, labels[10];
    Matrix *X = la_mat_random(&r, n, 2), *C;
    static const int BAD[] = { 0, -2, 11 };
    for (int t = 0; t < 3; t++) {
        la_case("10 samples in 2-D, k = %d", BAD[t]);
        double J = run(X, BAD[t], MAX_ITER, 1, labels, &C);
        if (!(J < 0.0))
            la_fail("kmeans returned %g, expected a negative number: %s", J,
                    BAD[t] > n ? "k = 11 clusters of 10 samples cannot all be non-empty — "
                                 "check k > n before anything else"
                               : "k must be at least 1 — check k ≤ 0 first (before "
                                 "allocating k of anything)");
        mat_free(C);
    }
    la_case("10 samples in 2-D, k = 3 (a valid request after the invalid ones)");
    double J = run(X, 3, MAX_ITER, 1, labels, &C);
    expect_lloyd(X, 3, labels, C, J, 1);
    mat_free(C);
    mat_free(X);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("kmeans");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, well_separated_blobs_are_found);
    tcase_add_test(core, lloyd_fixed_point_on_unstructured_data);
    tcase_add_test(core, same_seed_same_result);
    tcase_add_test(core, max_iter_0_returns_the_kmeanspp_start);
    tcase_add_test(core, kmeanspp_never_picks_a_copy_of_a_centroid);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, one_cluster_is_the_mean);
    tcase_add_test(edge, k_equals_n_gives_zero_inertia);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, impossible_k_returns_negative);
    return s;
}
