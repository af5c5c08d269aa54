/*
 * reference.c — mf_svd and rmse (week 4, Coding Checkpoint #2 project 3): the reference.
 *
 * A recommender from one truncated SVD. The known ratings fill a few entries of the
 * users×items matrix R; the rest are missing. First a baseline explains what is easy:
 *   μ     the mean of all known ratings;
 *   b_u   how far user u rates above μ: the mean of r − μ over her ratings;
 *   b_i   how far item i is rated above μ + b_u: the mean of r − μ − b_u over its ratings;
 * (0 for a user or an item without ratings), and B_ui = μ + b_u + b_i. Then the residual E
 * is R − B on the known entries and 0 on the missing ones ("nothing known beyond the
 * baseline"). Tastes are few, so E ≈ E_k, its rank-k SVD, and the prediction is B + E_k.
 * With k = 0 the prediction is the baseline itself.
 *
 * E_k by block power (subspace) iteration: start from an orthonormal V (items×k) and repeat
 * U ← orth(E V), V ← orth(Eᵀ U). span(V) converges to E's top-k right singular vectors, at
 * the rate (σ_{k+1}/σ_k)² per round, and E_k = (E V) Vᵀ projects every row of E onto it.
 * E is 0 except at the known ratings, so we never store it: E keeps one residual per rating,
 * and E V, Eᵀ U are sums over the ratings — O(ratings·k) a round instead of
 * O(users·items·k) (MovieLens 100K is 94% missing). When k reaches the rank of E (its rows
 * and columns may sum to zero, so that can happen below min(users, items)), E V has
 * dependent columns: orth fills the block up with unit vectors orthogonal to the others, V
 * keeps spanning all of E's row space, and k = min(users, items) reproduces every known
 * rating.
 *
 * Legend: m = users, n = items, k = rank kept; e[t] the residual of rating t (E's non-zero
 * entries); U m×k; V n×k; T = E V (m×k).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "la4ai.h"

#define ROUNDS 30 /* block power rounds: plenty for a clear gap after σ_k */

/* Makes the k columns of A (rows×k) orthonormal by modified Gram–Schmidt, each column
   orthogonalized twice ("twice is enough"). A column with (numerically) nothing left is
   replaced by the next unit vector e_t that has enough left outside the others: at least
   1/(2·rows) of its squared length — some e_t always has 1/rows or more. */
static void orth(Matrix *A)
{
    int m = A->rows, k = A->cols, next_t = 0;
    for (int c = 0; c < k; c++) {
        double before = 0.0, after;
        for (int i = 0; i < m; i++)
            before += MAT(A, i, c) * MAT(A, i, c);
        for (int attempt = 0;; attempt++) {
            for (int pass = 0; pass < 2; pass++)
                for (int e = 0; e < c; e++) {
                    double dot = 0.0;
                    for (int i = 0; i < m; i++)
                        dot += MAT(A, i, e) * MAT(A, i, c);
                    for (int i = 0; i < m; i++)
                        MAT(A, i, c) -= dot * MAT(A, i, e);
                }
            after = 0.0;
            for (int i = 0; i < m; i++)
                after += MAT(A, i, c) * MAT(A, i, c);
            if (attempt == 0 ? after > 1e-20 * before : after > 0.5 / m)
                break;
            for (int i = 0; i < m; i++) // nothing new here: try a unit vector instead
                MAT(A, i, c) = i == next_t ? 1.0 : 0.0;
            next_t = (next_t + 1) % m;
        }
        double norm = sqrt(after);
        for (int i = 0; i < m; i++)
            MAT(A, i, c) /= norm;
    }
}

/* splitmix64, for a fixed pseudo-random start block */
static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* T (m×k) ← E V: row u of T gathers e·(row i of V) over user u's ratings */
static void mul_EV(const Rating *r, const double *e, int nr, const Matrix *V, Matrix *T)
{
    int k = V->cols;
    memset(T->data, 0, sizeof(double) * (size_t)T->rows * (size_t)k);
    for (int t = 0; t < nr; t++)
        for (int c = 0; c < k; c++)
            MAT(T, r[t].user, c) += e[t] * MAT(V, r[t].item, c);
}

/* S (n×k) ← Eᵀ U: row i of S gathers e·(row u of U) over item i's ratings */
static void mul_EtU(const Rating *r, const double *e, int nr, const Matrix *U, Matrix *S)
{
    int k = U->cols;
    memset(S->data, 0, sizeof(double) * (size_t)S->rows * (size_t)k);
    for (int t = 0; t < nr; t++)
        for (int c = 0; c < k; c++)
            MAT(S, r[t].item, c) += e[t] * MAT(U, r[t].user, c);
}

/* Pred ← Pred + E_k, with E_k = (E V)Vᵀ after ROUNDS of block power iteration. E is given
   by its non-zero entries: e[t] at (r[t].user, r[t].item). */
static int add_rank_k(const Rating *r, const double *e, int nr, int k, Matrix *Pred)
{
    int m = Pred->rows, n = Pred->cols;
    Matrix *U = mat_new(m, k), *V = mat_new(n, k);
    if (!U || !V) {
        mat_free(U);
        mat_free(V);
        return -1;
    }
    uint64_t rng = 0x5EED;
    for (int i = 0; i < n * k; i++)
        V->data[i] = (double)(next_u64(&rng) >> 11) * 0x1.0p-53 - 0.5;
    orth(V);
    for (int round = 0; round < ROUNDS; round++) {
        mul_EV(r, e, nr, V, U); // U ← orth(E V): the left subspace
        orth(U);
        mul_EtU(r, e, nr, U, V); // V ← orth(Eᵀ U): the right subspace
        orth(V);
    }
    mul_EV(r, e, nr, V, U); // now U holds T = E V (not orthonormal)
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double acc = 0.0;
            for (int c = 0; c < k; c++)
                acc += MAT(U, i, c) * MAT(V, j, c);
            MAT(Pred, i, j) += acc;
        }
    mat_free(U);
    mat_free(V);
    return 0;
}

int mf_svd(const Rating *train, int ntrain, int users, int items, int k, Matrix *Pred)
{
    int m = users, n = items;
    if (m <= 0 || n <= 0 || ntrain <= 0 || k < 0 || k > (m < n ? m : n) ||
        Pred->rows != m || Pred->cols != n)
        return -1;
    for (int t = 0; t < ntrain; t++)
        if (train[t].user < 0 || train[t].user >= m || train[t].item < 0 ||
            train[t].item >= n || !isfinite(train[t].value))
            return -1;

    // the baseline: μ, then b_u, then b_i (sums and counts per user and per item)
    double *bu = calloc((size_t)m, sizeof(double)), *bi = calloc((size_t)n, sizeof(double));
    int *cu = calloc((size_t)m, sizeof(int)), *ci = calloc((size_t)n, sizeof(int));
    double *e = malloc(sizeof(double) * (size_t)ntrain);
    int rc = -1;
    if (!bu || !bi || !cu || !ci || !e)
        goto done;
    double mu = 0.0;
    for (int t = 0; t < ntrain; t++)
        mu += train[t].value;
    mu /= ntrain;
    for (int t = 0; t < ntrain; t++) {
        bu[train[t].user] += train[t].value - mu;
        cu[train[t].user]++;
    }
    for (int u = 0; u < m; u++)
        bu[u] = cu[u] > 0 ? bu[u] / cu[u] : 0.0;
    for (int t = 0; t < ntrain; t++) {
        bi[train[t].item] += train[t].value - mu - bu[train[t].user];
        ci[train[t].item]++;
    }
    for (int i = 0; i < n; i++)
        bi[i] = ci[i] > 0 ? bi[i] / ci[i] : 0.0;

    // Pred ← B everywhere; e[t] ← r − B at each known rating (E is 0 elsewhere)
    for (int u = 0; u < m; u++)
        for (int i = 0; i < n; i++)
            MAT(Pred, u, i) = mu + bu[u] + bi[i];
    for (int t = 0; t < ntrain; t++)
        e[t] = train[t].value - MAT(Pred, train[t].user, train[t].item);

    rc = k > 0 ? add_rank_k(train, e, ntrain, k, Pred) : 0;
done:
    free(bu);
    free(bi);
    free(cu);
    free(ci);
    free(e);
    return rc;
}

double rmse(const Rating *test, int ntest, const Matrix *Pred)
{
    if (ntest <= 0)
        return NAN;
    double sse = 0.0;
    for (int t = 0; t < ntest; t++) {
        double e = MAT(Pred, test[t].user, test[t].item) - test[t].value;
        sse += e * e;
    }
    return sqrt(sse / ntest);
}
