/*
 * determinant.c — week 1, "Multiplication and inverses".
 * Watch: 3Blue1Brown 6 (the determinant is the factor by which A scales areas and volumes;
 * negative when it flips orientation) and MIT 18.06 Lecture 2–3 (elimination, pivots).
 *
 * Return det A for a square A (n = A->rows) by elimination:
 *
 *   - eliminate below each pivot as in gauss_solve, with partial pivoting (the row with the
 *     largest |aᵢₖ| becomes the pivot row);
 *   - det A = (product of the pivots) × (−1 for every row exchange you made);
 *   - subtracting a multiple of one row from another does not change the determinant.
 *
 * If a column has no usable pivot — every candidate has |aᵢₖ| ≤ n·ε·max|aᵢⱼ| (ε =
 * DBL_EPSILON, max over the original A) — A is singular: return exactly 0.0, not the
 * product of leftover rounding errors. A tiny determinant is not a zero one: det(0.1·I₃₀) is
 * 1e-30 and that matrix is perfectly invertible.
 *
 * A is an input: eliminate on a copy.
 *
 * Check it: la4ai check determinant
 */
#include <float.h>
#include <math.h>

#include "la4ai.h"

double determinant(const Matrix *A)
{
    (void)A;
    /* TODO */
    return 0.0;
}
