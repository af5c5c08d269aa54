/*
 * gauss_solve.c — week 1, "Elimination with matrices".
 * Watch: MIT 18.06 Lecture 2 (Strang), elimination, pivots, row exchanges, back substitution.
 *
 * Solve Ax = b for a square A (n×n, n = A->rows), b and x with n entries:
 *
 *   1. Elimination. For each column k = 0…n−1: pick the pivot — the row i ≥ k with the
 *      largest |aᵢₖ| (partial pivoting) — and exchange it with row k (in b too). Then
 *      subtract multiples ℓᵢₖ = aᵢₖ/aₖₖ of row k from every row below, so that column k is
 *      zero under the pivot. A becomes upper triangular U, b becomes c.
 *   2. Back substitution. Solve Ux = c from the last row up:
 *      xᵢ = (cᵢ − Σⱼ>ᵢ uᵢⱼxⱼ) / uᵢᵢ.
 *
 * A is singular when some column has no usable pivot: every candidate satisfies
 * |aᵢₖ| ≤ n·ε·max|aᵢⱼ| (ε = DBL_EPSILON from <float.h>, max over the original A).
 * Return -1 then (x may hold anything); otherwise fill x and return 0.
 *
 * A and b are inputs: do the elimination on copies (mat_new, malloc — and free them).
 *
 * Check it: la4ai check gauss_solve
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

int gauss_solve(const Matrix *A, const double *b, double *x)
{
    (void)A;
    (void)b;
    (void)x;
    /* TODO */
    return 0;
}
