/*
 * truncated_svd.c — week 4, "SVD algorithms: full vs truncated".
 * Watch: MIT 18.065 Lecture 6 (Strang, 2018): the SVD; the top few singular vectors carry
 * most of a big matrix (images, ratings), and one can find just those.
 *
 * Write truncated_svd(A, k, iters, seed, U, S, V): the top k singular triplets of A (m×n,
 * tall or wide), A·vᵢ = σᵢ·uᵢ, by block power ("subspace") iteration.
 *   U  m×k, zero-filled by the caller: orthonormal columns u₀…uₖ₋₁.
 *   S  k entries: σ₀ ≥ σ₁ ≥ … ≥ σₖ₋₁ ≥ 0.
 *   V  n×k, zero-filled by the caller: orthonormal columns v₀…vₖ₋₁.
 * Return -1 if k is not in 1…min(m, n) or iters < 0 (nothing else to do then), else 0.
 *
 *   1. Start: fill an n×k block V with random numbers from a generator seeded with `seed`
 *      (the same seed must give the same answer — e.g. a small generator of your own, or
 *      srand(seed) then rand()), and orthonormalize its columns (Gram–Schmidt).
 *   2. Repeat `iters` times: V ← Aᵀ(A·V) (first the m×k block AV, then Aᵀ times it — never
 *      form the n×n AᵀA), then orthonormalize the columns of V again. Multiplying by AᵀA
 *      stretches vᵢ's direction by σᵢ², so the block turns towards the top k right singular
 *      vectors. Without re-orthonormalizing, every column would turn towards v₀.
 *   3. Finish with B = A·V (m×k) and the SVD of that small matrix: one-sided Jacobi, as in
 *      svd_jacobi — rotate pairs of columns of B until they are orthogonal, applying the same
 *      rotations to the columns of V. Then σⱼ = ‖column j of B‖, uⱼ = (column j of B)/σⱼ;
 *      sort the triplets so that S decreases.
 * Step 3 makes AV = U·diag(S) and UᵀU = I hold for any iters; once the block has converged
 * (quickly when σₖ₋₁ is well above σₖ) S holds the top singular values and AᵀU = V·diag(S).
 * You may copy code from your svd_jacobi into this file as a static helper.
 *
 * Don't modify A. Check it: la4ai check truncated_svd
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

int truncated_svd(const Matrix *A, int k, int iters, unsigned seed, Matrix *U, double *S,
                  Matrix *V)
{
    (void)A;
    (void)k;
    (void)iters;
    (void)seed;
    (void)U;
    (void)S;
    (void)V;
    /* TODO: random start, iters rounds of V ← orth(Aᵀ(AV)), then the SVD of AV */
    return -1;
}
