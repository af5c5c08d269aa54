/*
 * lu_factor.c — week 4, "Multiplying and factoring matrices".
 * Watch: MIT 18.065 Lecture 2 (Strang, 2018): A = LU is elimination written as a product;
 * factor once, then solve for as many right-hand sides as you like.
 *
 * Write lu_factor(A, L, U, perm): PA = LU with partial pivoting, for a square A (n×n).
 *   L     n×n, zero-filled by the caller: unit lower triangular (1s on the diagonal, zeros
 *         above it); below the diagonal, the multipliers ℓᵢₖ of elimination.
 *   U     n×n, zero-filled by the caller: upper triangular — what elimination leaves of A.
 *   perm  n ints: perm[i] = the row of A that became row i, so row i of PA is row perm[i]
 *         of A. Start from perm = (0, 1, …, n−1) and swap its entries whenever you swap rows.
 * Elimination as in gauss_solve, but keep the bookkeeping: for k = 0…n−1, pick the row p ≥ k
 * with the largest |uₚₖ| (partial pivoting) and swap rows p and k of U, of perm, and of the
 * multipliers already in L (columns 0…k−1 only); then for each row i > k store
 * ℓᵢₖ = uᵢₖ/uₖₖ in L and subtract ℓᵢₖ·(row k) from row i of U. Since the pivot is the largest
 * entry, every |ℓᵢₖ| ≤ 1 — which is what keeps the rounding errors small.
 * Return -1 if A is singular — some column has no pivot with |uₚₖ| > n·ε·max|aᵢⱼ| (ε =
 * DBL_EPSILON from <float.h>; relative to the size of A, so a matrix of tiny numbers is not
 * singular) — else 0.
 *
 * Write lu_solve(L, U, perm, b, x): solve Ax = b (b, x: n entries) with those factors.
 * PAx = Pb, so: forward substitution Lz = Pb (zᵢ = b[perm[i]] − Σⱼ<ᵢ ℓᵢⱼzⱼ), then back
 * substitution Ux = z from the last row up. That is n² steps per b against n³/3 for the
 * factorization; the grader solves several b with one factorization.
 *
 * Don't modify A (or L, U, perm, b in lu_solve). Check it: la4ai check lu_factor
 */
#include <float.h>
#include <math.h>

#include "la4ai.h"

int lu_factor(const Matrix *A, Matrix *L, Matrix *U, int *perm)
{
    (void)A;
    (void)L;
    (void)U;
    (void)perm;
    /* TODO: eliminate with partial pivoting, recording the multipliers in L */
    return -1;
}

void lu_solve(const Matrix *L, const Matrix *U, const int *perm, const double *b, double *x)
{
    (void)L;
    (void)U;
    (void)perm;
    (void)b;
    (void)x;
    /* TODO: forward substitution Lz = Pb, then back substitution Ux = z */
}
