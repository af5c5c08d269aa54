/*
 * nmf.c — Week 4, Coding Checkpoint #2 project 3: non-negative matrix factorization, to
 * compare with mf_svd (the course plan compares with scikit-learn's NMF; here you write it).
 * Watch: MIT 18.065 Lecture 7 (low-rank approximation); NMF itself is Lee & Seung (2001),
 * "Algorithms for non-negative matrix factorization".
 *
 * Write nmf(V, Mask, k, iters, seed, W, H): V (m×n) ≈ W H with W (m×k) ≥ 0, H (k×n) ≥ 0,
 * making F = ‖M ∘ (V − WH)‖²_F small, where ∘ multiplies entry by entry and M is the mask:
 * Mask(i,j) = 1 where V(i,j) is observed, 0 where it is missing; Mask = NULL means every
 * entry is observed. A missing entry must not influence anything, whatever V holds there.
 *   1. Check: return -1 if k ≤ 0, iters < 0, or an observed entry of V is negative or NaN
 *      (test !(v >= 0): NaN fails every comparison).
 *   2. Start: fill W and H (they arrive holding garbage) with positive numbers from your own
 *      generator seeded by `seed` — e.g. uniform in (0, 1] times √(mean of observed V / k).
 *      Never 0: a multiplicative update keeps a 0 at 0 forever. Same seed, same result.
 *   3. `iters` rounds of Lee–Seung multiplicative updates (/ and ∘ entry by entry):
 *        H ← H ∘ (Wᵀ(M∘V)) / (Wᵀ(M∘WH))
 *        W ← W ∘ ((M∘V)Hᵀ) / ((M∘WH)Hᵀ)        (with the H you just updated)
 *      Each is a gradient step whose step size makes it a multiplication by a non-negative
 *      ratio: W and H stay ≥ 0 and F never goes up. Where a denominator is 0 the gradient
 *      is 0 as well — leave that entry as it is (or add a tiny ε like 1e-12 to every
 *      denominator). iters = 0 returns the start.
 *   Return 0.
 * Missing entries have M = 0, so you can skip them in every sum: on the lab's ratings
 * matrix (94% missing) that makes a round about 16 times cheaper.
 *
 * Don't modify V or Mask (malloc and free are fine). Check it: la4ai check nmf
 */
#include "la4ai.h"

int nmf(const Matrix *V, const Matrix *Mask, int k, int iters, unsigned seed, Matrix *W,
        Matrix *H)
{
    (void)V;
    (void)Mask;
    (void)k;
    (void)iters;
    (void)seed;
    (void)W;
    (void)H;
    /* TODO: a positive seeded start, then `iters` rounds of multiplicative updates */
    return -1;
}
