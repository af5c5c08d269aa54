/*
 * mf_svd.c — Week 4, Coding Checkpoint #2 project 3: a recommender by SVD matrix
 * factorization (MovieLens 100K in the lab).
 * Watch: MIT 18.065 Lecture 6 (singular value decomposition: recommendations) and Lecture 7
 * (Eckart–Young: the best rank-k approximation).
 *
 * A Rating is { user, item, value }, ids counting from 0; a (user, item) pair appears at most
 * once. Pred is users×items, allocated by the caller (it arrives holding garbage: write
 * every entry).
 *
 * rmse(test, ntest, Pred): √( Σ (Pred[user][item] − value)² / ntest ) over the test ratings.
 *
 * mf_svd(train, ntrain, users, items, k, Pred):
 *   1. The baseline, from the train ratings:
 *        μ   = the mean of all ratings;
 *        b_u = the mean of (r − μ) over user u's ratings         (0 if she has none);
 *        b_i = the mean of (r − μ − b_u) over item i's ratings    (0 if it has none);
 *      B_ui = μ + b_u + b_i: some users are generous, some films are loved by everyone.
 *   2. The residual E (users×items): r − B_ui where (u, i) is rated, 0 where it is missing.
 *   3. E_k = the best rank-k approximation of E: its top k singular triplets. You can't call
 *      another exercise from here, so compute them in this file — block power iteration is
 *      the fast way (the lab calls this on 943×1682 with k up to 20): V (items×k) orthonormal
 *      from any fixed start, then about 30 rounds of U ← orth(E·V), V ← orth(Eᵀ·U)
 *      (Gram–Schmidt); then E_k = (E·V)·Vᵀ.
 *      E is 0 except at the ratings, so E·V and Eᵀ·U can be summed over the ratings alone
 *      (row `user` of E·V gathers e·(row `item` of V)): 16 times less work on MovieLens.
 *      Careful: E can have rank below k (it is 0 when every rating is the same), so a
 *      column of E·V can have nothing left after orthogonalizing. Don't divide by its zero
 *      length: replace it by a unit vector (e₀, e₁, …) orthogonalized against the others.
 *   4. Pred = B + E_k. With k = 0 that is the baseline itself; with k = min(users, items)
 *      nothing is truncated and every known rating comes back.
 *   Return 0, or -1 if k < 0, k > min(users, items), ntrain ≤ 0, or a rating's user or item
 *   is out of range.
 *
 * Don't modify train (malloc and free are fine). Check it: la4ai check mf_svd
 */
#include "la4ai.h"

int mf_svd(const Rating *train, int ntrain, int users, int items, int k, Matrix *Pred)
{
    (void)train;
    (void)ntrain;
    (void)users;
    (void)items;
    (void)k;
    (void)Pred;
    /* TODO: baseline μ + b_u + b_i, residual E, its rank-k SVD, Pred = baseline + E_k */
    return -1;
}

double rmse(const Rating *test, int ntest, const Matrix *Pred)
{
    (void)test;
    (void)ntest;
    (void)Pred;
    /* TODO: root-mean-square error of Pred on the test ratings */
    return 0.0;
}
