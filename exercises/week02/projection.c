/*
 * projection.c — Week 2: projections onto subspaces.
 * Watch: MIT 18.06 Lecture 15 (projections onto subspaces) — "projection is least squares".
 *
 * A is m×n with independent columns (n ≤ m). The point of C(A) closest to b is p = A x̂,
 * where x̂ solves the normal equations AᵀA x̂ = Aᵀb; the error e = b − p is perpendicular to
 * every column of A (Aᵀe = 0).
 *
 * projection_matrix(A, P): P is m×m, zero-filled by the caller. Fill it with
 *   P = A(AᵀA)⁻¹Aᵀ. Don't form the inverse: solve (AᵀA)X = Aᵀ for X (n×m), then P = AX.
 * project(A, b, p, e): b, p and e have m entries. p ← the projection of b onto C(A),
 *   e ← b − p. (p = Pb too, but solving AᵀA x̂ = Aᵀb is cheaper than building P.)
 *
 * Both return 0, or -1 when AᵀA is singular — a column of A is (numerically) a combination of
 * the others, e.g. a repeated feature or a feature that is always 0. Solve with AᵀA yourself,
 * in this file (elimination as in gauss_solve, or Cholesky: AᵀA is symmetric positive
 * definite). Call AᵀA singular when a pivot dⱼ is ≤ 1000·m·ε·gⱼⱼ, where gⱼⱼ is the matching
 * diagonal entry of AᵀA (with row exchanges, the largest diagonal entry will do) and
 * ε = DBL_EPSILON from <float.h>: a test relative to AᵀA's own scale, with a margin, because
 * rounding leaves a few ε instead of an exact 0.
 *
 * Don't modify A or b (malloc and free are fine). Check it: la4ai check projection
 */
#include "la4ai.h"

int projection_matrix(const Matrix *A, Matrix *P)
{
    (void)A;
    (void)P;
    /* TODO: P = A (AᵀA)⁻¹ Aᵀ */
    return -1;
}

int project(const Matrix *A, const double *b, double *p, double *e)
{
    (void)A;
    (void)b;
    (void)p;
    (void)e;
    /* TODO: solve AᵀA x = Aᵀb, then p = A x and e = b − p */
    return -1;
}
