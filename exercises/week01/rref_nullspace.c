/*
 * rref_nullspace.c — week 1, "Column space and nullspace".
 * Watch: MIT 18.06 Lecture 6 (column space, nullspace) and Lecture 7 (solving Ax = 0:
 * pivot variables, special solutions, R = rref(A)).
 *
 * A numerical zero is |x| ≤ tol (tol is given by the caller).
 *
 *   rref(A, R, pivots, tol)
 *       A is m×n; R (m×n) receives the reduced row echelon form of A. Work column by column
 *       with a "current row" (starting at 0): in each column pick the row at or below the
 *       current one with the largest |entry| (partial pivoting). If that entry is a numerical
 *       zero, the column is free: move on. Otherwise swap it into the current row, divide the
 *       row by the pivot (so the pivot is 1), subtract multiples of it from *every other row*
 *       — above and below — so the rest of the column is 0, record the column in
 *       pivots[rank], and go to the next row. Returns the rank r, the number of pivots.
 *       pivots has room for min(m, n) entries; only the first r are read.
 *       In R, rows r…m−1 are zero; the pivot columns hold the columns of I.
 *
 *   nullspace(A, N, tol)
 *       N is n×n and arrives zero-filled. Put the special solutions of Ax = 0 in its first
 *       n − r columns, in the order of the free columns: for free column f, set xf = 1, the
 *       other free variables to 0, and solve for the pivot variables from R — the pivot
 *       variable of row k is −R[k, f]. Leave the other columns 0. Returns n − r, the
 *       dimension of the nullspace N(A).
 *
 * ML connection: the pivot columns are the features that carry information; each special
 * solution names a redundant feature as a combination of the others.
 *
 * Check it: la4ai check rref_nullspace
 */
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

int rref(const Matrix *A, Matrix *R, int *pivots, double tol)
{
    (void)A;
    (void)R;
    (void)pivots;
    (void)tol;
    /* TODO */
    return -1;
}

int nullspace(const Matrix *A, Matrix *N, double tol)
{
    (void)A;
    (void)N;
    (void)tol;
    /* TODO */
    return -1;
}
