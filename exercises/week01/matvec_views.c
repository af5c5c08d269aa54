/*
 * matvec_views.c — week 1, "The geometry of linear equations".
 * Watch: MIT 18.06 Lecture 1 (Strang), the row picture and the column picture of Ax = b.
 *
 * Compute y = Ax for A m×n (row-major, entry (i, j) is MAT(A, i, j)), x with n entries and
 * y with m entries, in two ways that give the same numbers:
 *
 *   matvec_rows(A, x, y)   the row picture: yᵢ = (row i of A) · x = Σⱼ aᵢⱼ xⱼ.
 *   matvec_cols(A, x, y)   the column picture: y = x₀·(column 0) + x₁·(column 1) + … ,
 *                          a combination of the columns of A.
 *
 * A may be tall (m > n) or wide (m < n): loop to A->rows and A->cols, not to one size.
 * y arrives holding whatever the caller left there — set every entry yourself. A and x are
 * inputs only.
 *
 * Check it: la4ai check matvec_views
 */
#include "la4ai.h"

void matvec_rows(const Matrix *A, const double *x, double *y)
{
    (void)A;
    (void)x;
    (void)y;
    /* TODO */
}

void matvec_cols(const Matrix *A, const double *x, double *y)
{
    (void)A;
    (void)x;
    (void)y;
    /* TODO */
}
