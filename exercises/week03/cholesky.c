/*
 * cholesky.c — Week 3, "Symmetric and positive definite": A = LLᵀ, and the test for positive
 * definiteness that comes with it.
 * Watch: MIT 18.06 Lecture 25 (symmetric matrices; positive definite: all pivots > 0, all
 * λ > 0, xᵀAx > 0 for every x ≠ 0).
 *
 * Write cholesky(A, L):
 *   A  n×n symmetric (a covariance matrix, XᵀX, a Hessian, …), read with MAT(A, i, j).
 *   L  n×n, zero-filled by the caller: lower triangular with a positive diagonal and
 *      A = LLᵀ. Entries above the diagonal must be exactly 0.
 * Column by column, j = 0…n−1 (entry (i, j) of LLᵀ is Σₖ lᵢₖlⱼₖ; solve for the new ones):
 *   the pivot    dⱼ = aⱼⱼ − Σₖ<ⱼ lⱼₖ²           (what the earlier columns leave of aⱼⱼ)
 *   diagonal     lⱼⱼ = √dⱼ
 *   below it     lᵢⱼ = (aᵢⱼ − Σₖ<ⱼ lᵢₖlⱼₖ)/lⱼⱼ   for i = j+1…n−1
 * A is positive definite exactly when every pivot dⱼ is > 0. So the factorization is also
 * the test: return -1 as soon as a pivot is ≤ n·ε·max aᵢᵢ (ε = DBL_EPSILON from <float.h>;
 * the pivot dⱼ before the square root, and max over the diagonal of A) — that is, zero up to
 * rounding, or negative (A indefinite). In floating point the "zero" pivot of a singular
 * matrix is rarely exactly 0 — it is rounding noise of either sign — and √ of a negative
 * number is NaN: test before taking the root. Otherwise return 0.
 *
 * Don't modify A. Check it: la4ai check cholesky
 */
#include <float.h>
#include <math.h>

#include "la4ai.h"

int cholesky(const Matrix *A, Matrix *L)
{
    (void)A;
    (void)L;
    /* TODO: the pivots dⱼ, lⱼⱼ = √dⱼ, and the column below each */
    return -1;
}
