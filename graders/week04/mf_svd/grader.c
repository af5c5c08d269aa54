/*
 * grader.c — mf_svd and rmse (week 4, Coding Checkpoint #2 project 3): a recommender from
 * the baseline μ + b_u + b_i plus the rank-k SVD of what the baseline leaves.
 *
 * Different bias formulas and SVD algorithms give slightly different predictions, so the
 * grader checks what every right answer shares, never one exact matrix:
 *   - rmse by hand on a tiny case (relative 1e-15), diagnosing a missing √ or mean;
 *   - on synthetic ratings r = 3.5 + b_u + b_i + (rank-3 tastes) + noise (σ = 0.3), 150 users
 *     × 200 items, 60% known, 15% held out, the held-out RMSE for k = 3 and k = 5 must be at
 *     most 0.8 × that of the bias baseline and 0.7 × that of the global mean, both computed
 *     here. The reference reaches 0.52–0.60× the bias baseline (at worst 0.62× over 200
 *     seeds), and so do simultaneous or shrunk biases; without the baseline the RMSE is
 *     worse than the baseline's;
 *   - k = 0 gives the baseline: a matrix of the form a_u + c_i (every 2×2 "interaction"
 *     P_ui − P_uj − P_vi + P_vj is 0, to 1e-9), which reproduces fully known additive
 *     ratings exactly;
 *   - k = min(users, items) truncates nothing: every known rating comes back (1e-9), fully
 *     observed or not, tall, wide and one-user — this needs the SVD to cope with a residual
 *     whose rank is below k;
 *   - a user (an item) with no ratings gets the baseline row (column) whatever k is;
 *   - when every rating is the same, E = 0 and every k must predict that rating (an SVD
 *     that divides by a zero length gives NaN);
 *   - every prediction is finite (Pred arrives filled with NaN), train is unchanged, and a
 *     bad k, an id out of range or no ratings at all give -1.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "la4grade.h"

static const char *IDEA_BASELINE =
    "the baseline is μ (mean of the known ratings) + b_u (the user's mean of r − μ) + b_i "
    "(the item's mean of r − μ − b_u), 0 for a user or item without ratings";
static const char *IDEA_SVD =
    "fill E with r − baseline on the known entries and 0 elsewhere, keep its rank-k SVD E_k, "
    "and predict baseline + E_k";

/* ---- rating sets ------------------------------------------------------------------------ */

typedef struct {
    Rating *r;
    int n;
} Set;

static void set_add(Set *s, int u, int i, double v)
{
    s->r[s->n++] = (Rating){ u, i, v };
}

static Set set_new(int cap)
{
    return (Set){ malloc(sizeof(Rating) * (size_t)(cap > 0 ? cap : 1)), 0 };
}

/* Ratings with known structure: r_ui = 3.5 + b_u + b_i + p_u·q_i + noise, b ~ N(0, 0.5²),
   p_u, q_i ∈ ℝ^rank with N(0, 1/rank) entries (so p·q has variance about 1/rank·… ≈ 1),
   noise ~ N(0, σ²). Each entry is in train with probability ptrain, else in test with
   probability ptest (relative to all entries), else unknown. */
static void synthetic(LaRng *r, int m, int n, int rank, double sigma, double ptrain,
                      double ptest, Set *train, Set *test)
{
    double *bu = malloc(sizeof(double) * (size_t)m), *bi = malloc(sizeof(double) * (size_t)n);
    Matrix *P = la_mat_random(r, m, rank), *Q = la_mat_random(r, n, rank);
    for (int u = 0; u < m; u++)
        bu[u] = 0.5 * la_normal(r);
    for (int i = 0; i < n; i++)
        bi[i] = 0.5 * la_normal(r);
    *train = set_new(m * n);
    *test = set_new(m * n);
    for (int u = 0; u < m; u++)
        for (int i = 0; i < n; i++) {
            double taste = 0.0;
            for (int c = 0; c < rank; c++)
                taste += MAT(P, u, c) * MAT(Q, i, c);
            double v = 3.5 + bu[u] + bi[i] + taste / sqrt((double)rank) + sigma * la_normal(r);
            double x = la_unif(r);
            if (x < ptrain)
                set_add(train, u, i, v);
            else if (x < ptrain + ptest)
                set_add(test, u, i, v);
        }
    free(bu);
    free(bi);
    mat_free(P);
    mat_free(Q);
}

/* The grader's own baselines: the global mean (biases = 0) or μ + b_u + b_i. */
static Matrix *baseline(const Set *train, int m, int n, int with_biases)
{
    double mu = 0.0, *bu = calloc((size_t)m, sizeof(double)),
           *bi = calloc((size_t)n, sizeof(double));
    int *cu = calloc((size_t)m, sizeof(int)), *ci = calloc((size_t)n, sizeof(int));
    for (int t = 0; t < train->n; t++)
        mu += train->r[t].value / train->n;
    if (with_biases) {
        for (int t = 0; t < train->n; t++) {
            bu[train->r[t].user] += train->r[t].value - mu;
            cu[train->r[t].user]++;
        }
        for (int u = 0; u < m; u++)
            bu[u] = cu[u] ? bu[u] / cu[u] : 0.0;
        for (int t = 0; t < train->n; t++) {
            bi[train->r[t].item] += train->r[t].value - mu - bu[train->r[t].user];
            ci[train->r[t].item]++;
        }
        for (int i = 0; i < n; i++)
            bi[i] = ci[i] ? bi[i] / ci[i] : 0.0;
    }
    Matrix *B = mat_new(m, n);
    for (int u = 0; u < m; u++)
        for (int i = 0; i < n; i++)
            MAT(B, u, i) = mu + bu[u] + bi[i];
    free(bu);
    free(bi);
    free(cu);
    free(ci);
    return B;
}

static double grader_rmse(const Set *s, const Matrix *P)
{
    double sse = 0.0;
    for (int t = 0; t < s->n; t++) {
        double e = MAT(P, s->r[t].user, s->r[t].item) - s->r[t].value;
        sse += e * e;
    }
    return sqrt(sse / s->n);
}

/* Runs mf_svd with Pred pre-filled with NaN; checks train unchanged. Caller frees *Pred. */
static int run(const Set *train, int m, int n, int k, Matrix **Pred)
{
    Rating *copy = malloc(sizeof(Rating) * (size_t)(train->n > 0 ? train->n : 1));
    if (train->n > 0)
        memcpy(copy, train->r, sizeof(Rating) * (size_t)train->n);
    *Pred = mat_new(m, n);
    la_fill((*Pred)->data, m * n, NAN);
    int rc = mf_svd(train->r, train->n, m, n, k, *Pred);
    for (int t = 0; t < train->n; t++)
        if (memcmp(&copy[t], &train->r[t], sizeof(Rating)) != 0)
            la_fail("mf_svd changed train[%d] from (user %d, item %d, %g) to (%d, %d, %g): "
                    "train is const — work on your own arrays",
                    t, copy[t].user, copy[t].item, copy[t].value, train->r[t].user,
                    train->r[t].item, train->r[t].value);
    free(copy);
    return rc;
}

/* Every prediction finite, with the usual cause of a NaN named. */
static void expect_finite(const Matrix *P)
{
    for (int u = 0; u < P->rows; u++)
        for (int i = 0; i < P->cols; i++)
            if (!isfinite(MAT(P, u, i)))
                la_fail("Pred(%d,%d) is %g: every prediction must be a finite number. The "
                        "usual cause is a division by a zero length in the SVD: when the "
                        "residual E has rank below k (or is all 0), a column of E·V has "
                        "nothing left after orthogonalizing — replace it by a unit vector "
                        "orthogonal to the others (or skip σ = 0 terms) instead of dividing by "
                        "0. Other causes: a user or item without ratings (divide by its count "
                        "only when it is > 0), or an unwritten entry (Pred arrives as NaN)",
                        u, i, MAT(P, u, i));
}

static void expect_rc0(int rc, int m, int n, int k)
{
    if (rc != 0)
        la_fail("mf_svd returned %d, expected 0: %d users × %d items with k = %d (0 ≤ k ≤ "
                "min(users, items)) and valid ratings is a fine request",
                rc, m, n, k);
}

/* Every known rating comes back: k = min(users, items) truncates nothing. */
static void expect_known_reproduced(const Set *train, const Matrix *P)
{
    for (int t = 0; t < train->n; t++) {
        Rating q = train->r[t];
        double got = MAT(P, q.user, q.item);
        if (!(fabs(got - q.value) <= 1e-9 * 5.0))
            la_fail("Pred(%d,%d) = %.12g, but user %d rated item %d %g, and with k = "
                    "min(users, items) nothing is truncated: baseline + (R − baseline) gives "
                    "back every known rating. %s",
                    q.user, q.item, got, q.user, q.item, q.value, IDEA_SVD);
    }
}

/* P (m×n) has the form a_u + c_i: every P_ui − P_u0 − P_0i + P_00 is 0. */
static void expect_additive(const Matrix *P)
{
    double scale = la_mat_maxabs(P);
    for (int u = 1; u < P->rows; u++)
        for (int i = 1; i < P->cols; i++) {
            double x = MAT(P, u, i) - MAT(P, u, 0) - MAT(P, 0, i) + MAT(P, 0, 0);
            if (!(fabs(x) <= 1e-9 * scale))
                la_fail("with k = 0, Pred should be the baseline μ + b_u + b_i, a sum of a user "
                        "part and an item part, but Pred(%d,%d) − Pred(%d,0) − Pred(0,%d) + "
                        "Pred(0,0) = %.3g, not 0. With k = 0 keep no SVD term at all: %s",
                        u, i, u, i, x, IDEA_BASELINE);
        }
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(rmse_by_hand)
{
    static const double p[] = { 4, 3.5, 2, 1, 5, 3 };
    static const Rating test[] = { { 0, 0, 5 }, { 0, 2, 2 }, { 1, 1, 3 }, { 1, 0, 2 } };
    Matrix *P = la_mat(2, 3, p);
    double want = sqrt(6.0 / 4.0);
    la_case("Pred = [4 3.5 2; 1 5 3], held out: (0,0) = 5, (0,2) = 2, (1,1) = 3, (1,0) = 2 — "
            "errors −1, 0, 2, −1, so RMSE = √((1 + 0 + 4 + 1)/4) = √1.5");
    double got = rmse(test, 4, P);
    static const struct {
        double value;
        const char *why;
    } DIAG[] = {
        { 1.5, "that is the mean squared error: take its square root" },
        { 6.0, "that is the sum of squared errors: divide by the number of ratings, then take "
               "the square root" },
        { 2.449489742783178, "that is √(sum of squared errors): divide by the number of "
                             "ratings before the square root" },
        { 1.0, "that is the mean absolute error: square the errors, average, take √" },
    };
    for (size_t t = 0; t < sizeof DIAG / sizeof DIAG[0]; t++)
        if (fabs(got - DIAG[t].value) < 1e-12)
            la_fail("rmse returned %.10g, expected √1.5 = %.10g: %s", got, want, DIAG[t].why);
    la_expect_near(got, want, 1e-15 * want, "rmse",
                   "RMSE = √( Σ (Pred[user][item] − rating)² / ntest ) over the test ratings "
                   "only");
    static const Rating one[] = { { 1, 2, 4.25 } };
    la_case("the same Pred, one held-out rating (1,2) = 4.25: RMSE = |3 − 4.25| = 1.25");
    la_expect_near(rmse(one, 1, P), 1.25, 1e-15, "rmse",
                   "with one rating the RMSE is the size of its error");
    mat_free(P);
}

LA_TEST(beats_mean_and_bias_baselines)
{
    LaRng r = la_rng(1);
    int m = 150, n = 200;
    Set train, test;
    synthetic(&r, m, n, 3, 0.3, 0.6, 0.15, &train, &test);
    Matrix *Bm = baseline(&train, m, n, 0), *Bb = baseline(&train, m, n, 1);
    double r_mean = grader_rmse(&test, Bm), r_bias = grader_rmse(&test, Bb);
    static const int KS[] = { 3, 5 };
    for (int t = 0; t < 2; t++) {
        Matrix *P;
        la_case("150 users × 200 items, ratings 3.5 + b_u + b_i + rank-3 tastes + noise "
                "(σ = 0.3); %d known, %d held out; k = %d. Held-out RMSE of the global mean "
                "%.4f, of the bias baseline %.4f",
                train.n, test.n, KS[t], r_mean, r_bias);
        expect_rc0(run(&train, m, n, KS[t], &P), m, n, KS[t]);
        expect_finite(P);
        double got = grader_rmse(&test, P);
        if (!(got <= 0.7 * r_mean && got <= 0.8 * r_bias))
            la_fail("held-out RMSE %.4f: it must be at most 0.7 × %.4f (global mean) = %.4f and "
                    "0.8 × %.4f (bias baseline) = %.4f. %s. Missing entries must start from "
                    "the baseline, not from 0; keep the k *largest* singular values; and add "
                    "the baseline back at the end",
                    got, r_mean, 0.7 * r_mean, r_bias, 0.8 * r_bias,
                    got > r_bias ? "Worse than the baseline alone" :
                                   "Better than the baseline, but not by enough");
        mat_free(P);
    }
    mat_free(Bm);
    mat_free(Bb);
    free(train.r);
    free(test.r);
}

LA_TEST(k0_gives_the_bias_baseline)
{
    /* fully known additive ratings a_u + c_i: the baseline reproduces them exactly */
    static const double a[5] = { 0.5, 1.5, -0.25, 0.0, 1.0 }, c[4] = { 3.0, 2.5, 3.5, 2.0 };
    Set full = set_new(20);
    for (int u = 0; u < 5; u++)
        for (int i = 0; i < 4; i++)
            set_add(&full, u, i, a[u] + c[i]);
    Matrix *P;
    la_case("5 users × 4 items, every rating known and additive: r_ui = a_u + c_i with "
            "a = (0.5, 1.5, −0.25, 0, 1), c = (3, 2.5, 3.5, 2); k = 0");
    expect_rc0(run(&full, 5, 4, 0, &P), 5, 4, 0);
    expect_finite(P);
    expect_additive(P);
    int constant = 1;
    for (int t = 0; t < 20; t++)
        constant &= P->data[t] == P->data[0];
    for (int t = 0; t < full.n; t++) {
        Rating q = full.r[t];
        if (!(fabs(MAT(P, q.user, q.item) - q.value) <= 1e-12 * 5))
            la_fail("Pred(%d,%d) = %.10g, expected the rating %g: when every rating is known "
                    "and is a user part plus an item part, μ + b_u + b_i is exactly that — "
                    "b_u is the user's offset, b_i the item's. %s. Revisit: %s",
                    q.user, q.item, MAT(P, q.user, q.item), q.value,
                    constant ? "Yours is one constant: the biases are missing"
                             : "Take b_u and b_i as plain means (no shrinkage term)",
                    IDEA_BASELINE);
    }
    mat_free(P);
    free(full.r);

    LaRng r = la_rng(2);
    Set train, test;
    synthetic(&r, 12, 9, 2, 0.3, 0.5, 0.0, &train, &test);
    la_case("12 users × 9 items, %d of 108 ratings known (rank-2 tastes + biases + noise); "
            "k = 0",
            train.n);
    expect_rc0(run(&train, 12, 9, 0, &P), 12, 9, 0);
    expect_finite(P);
    expect_additive(P);
    mat_free(P);
    free(train.r);
    free(test.r);
}

LA_TEST(full_rank_reproduces_known_ratings)
{
    LaRng r = la_rng(3);
    static const struct {
        int m, n;
        double known;
    } CASES[] = { { 7, 5, 1.0 }, { 5, 9, 0.6 }, { 9, 6, 0.7 }, { 1, 6, 1.0 } };
    for (int t = 0; t < 4; t++) {
        int m = CASES[t].m, n = CASES[t].n, k = m < n ? m : n;
        Set train = set_new(m * n);
        for (int u = 0; u < m; u++)
            for (int i = 0; i < n; i++)
                if (la_unif(&r) < CASES[t].known || (u == 0 && i == 0))
                    set_add(&train, u, i, la_randint(&r, 1, 5));
        Matrix *P;
        la_case("%d user%s × %d items, %d random 1–5 star ratings known (%s), k = min(users, "
                "items) = %d",
                m, m == 1 ? "" : "s", n, train.n, CASES[t].known == 1.0 ? "all" : "some", k);
        expect_rc0(run(&train, m, n, k, &P), m, n, k);
        expect_finite(P);
        expect_known_reproduced(&train, P);
        mat_free(P);
        free(train.r);
    }
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(cold_start_gets_the_baseline)
{
    LaRng r = la_rng(4);
    int m = 10, n = 8, k = 2, cold_user = 3, cold_item = 5;
    Set all, none, train = set_new(m * n);
    synthetic(&r, m, n, 2, 0.3, 0.7, 0.0, &all, &none);
    for (int t = 0; t < all.n; t++)
        if (all.r[t].user != cold_user && all.r[t].item != cold_item)
            train.r[train.n++] = all.r[t];
    Matrix *P0, *Pk;
    la_case("10 users × 8 items, %d ratings known; user 3 and item 5 have none (cold start); "
            "k = 0, then k = 2",
            train.n);
    expect_rc0(run(&train, m, n, 0, &P0), m, n, 0);
    expect_finite(P0);
    expect_rc0(run(&train, m, n, k, &Pk), m, n, k);
    expect_finite(Pk);
    for (int i = 0; i < n; i++)
        if (!(fabs(MAT(Pk, cold_user, i) - MAT(P0, cold_user, i)) <= 1e-9 * 5))
            la_fail("Pred(%d,%d) = %.10g with k = 2 but %.10g with k = 0: user %d has no "
                    "ratings, so her row of E is all 0 and the rank-k part of a zero row is 0 "
                    "— she gets the baseline, whatever k is. Does your SVD start, or your "
                    "baseline, treat her row specially?",
                    cold_user, i, MAT(Pk, cold_user, i), MAT(P0, cold_user, i), cold_user);
    for (int u = 0; u < m; u++)
        if (!(fabs(MAT(Pk, u, cold_item) - MAT(P0, u, cold_item)) <= 1e-9 * 5))
            la_fail("Pred(%d,%d) = %.10g with k = 2 but %.10g with k = 0: item %d has no "
                    "ratings, so its column of E is all 0 and so is its rank-k part — it gets "
                    "the baseline, whatever k is",
                    u, cold_item, MAT(Pk, u, cold_item), MAT(P0, u, cold_item), cold_item);
    mat_free(P0);
    mat_free(Pk);
    free(all.r);
    free(none.r);
    free(train.r);
}

LA_TEST(zero_residual_stays_finite)
{
    /* every known rating is 4 stars: μ = 4, every bias 0, so E = 0 and its SVD is empty */
    static const Rating fours[] = { { 0, 2, 4 }, { 1, 0, 4 }, { 2, 3, 4 }, { 3, 1, 4 },
                                    { 0, 4, 4 }, { 2, 2, 4 } };
    Set s = set_new(6);
    memcpy(s.r, fours, sizeof fours);
    s.n = 6;
    Matrix *Pk, *Four = mat_new(4, 5);
    la_fill(Four->data, 20, 4.0);
    static const int KS[] = { 0, 2, 4 };
    for (int t = 0; t < 3; t++) {
        la_case("4 users × 5 items, 6 known ratings, all 4 stars: the baseline is 4 everywhere "
                "and E = R − baseline is all 0; k = %d",
                KS[t]);
        expect_rc0(run(&s, 4, 5, KS[t], &Pk), 4, 5, KS[t]);
        expect_finite(Pk);
        la_expect_mat_near(Pk, Four, 1e-9, "Pred",
                           "when every rating is 4, μ = 4, every bias is 0, E = 0 and its "
                           "rank-k SVD is 0 too: every prediction is 4");
        mat_free(Pk);
    }
    mat_free(Four);
    free(s.r);
}

/* ---- Errors --------------------------------------------------------------------------- */

LA_TEST(bad_arguments_return_minus_one)
{
    static const Rating good[] = { { 0, 0, 4 }, { 1, 2, 3 }, { 2, 1, 5 }, { 3, 3, 1 } };
    Rating bad_user[4], bad_item[4];
    memcpy(bad_user, good, sizeof good);
    memcpy(bad_item, good, sizeof good);
    bad_user[2].user = 4; /* users count from 0: 4 users are 0…3 */
    bad_item[1].item = -1;
    static const struct {
        const char *what, *why;
        int set, n, k;
    } BAD[] = {
        { "k = −1", "k must be ≥ 0", 0, 4, -1 },
        { "k = 5 > min(users, items) = 4", "a rank-k SVD of a 4×5 matrix needs k ≤ 4", 0, 4, 5 },
        { "a rating of user 4 (users are 0…3)", "check every rating's user id is in "
                                                 "0…users−1 before writing Pred[user][item]",
          1, 4, 2 },
        { "a rating of item −1", "check every item id is in 0…items−1", 2, 4, 2 },
        { "no ratings at all (ntrain = 0)", "with no ratings μ is 0/0", 0, 0, 2 },
    };
    const Rating *sets[3] = { good, bad_user, bad_item };
    for (int t = 0; t < 5; t++) {
        Set s = set_new(4);
        s.n = BAD[t].n;
        memcpy(s.r, sets[BAD[t].set], sizeof good);
        Matrix *P;
        la_case("4 users × 5 items, 4 ratings, %s", BAD[t].what);
        int rc = run(&s, 4, 5, BAD[t].k, &P);
        if (rc != -1)
            la_fail("mf_svd returned %d, expected -1: %s", rc, BAD[t].why);
        mat_free(P);
        free(s.r);
    }
    static const Rating more[] = { { 0, 0, 4 }, { 1, 2, 3 }, { 2, 1, 5 }, { 3, 3, 1 },
                                   { 0, 2, 2 }, { 1, 1, 4 }, { 2, 4, 3 }, { 3, 0, 2 } };
    Set s = set_new(8);
    memcpy(s.r, more, sizeof more);
    s.n = 8;
    Matrix *P;
    la_case("4 users × 5 items, 8 valid ratings, k = 2 (valid, after the invalid calls)");
    expect_rc0(run(&s, 4, 5, 2, &P), 4, 5, 2);
    expect_finite(P);
    mat_free(P);
    free(s.r);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("mf_svd");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, rmse_by_hand);
    tcase_add_test(core, beats_mean_and_bias_baselines);
    tcase_add_test(core, k0_gives_the_bias_baseline);
    tcase_add_test(core, full_rank_reproduces_known_ratings);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, cold_start_gets_the_baseline);
    tcase_add_test(edge, zero_residual_stays_finite);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, bad_arguments_return_minus_one);
    return s;
}
