/*
 * rank_basis.c — Week 2: independence, basis, dimension.
 * Watch: MIT 18.06 Lecture 9 (independence, basis and dimension).
 *
 * Which features actually add information? The rank of A counts them, and the pivot
 * columns of A are a basis of its column space C(A).
 *
 * numerical_rank(A, tol): A is m×n (any shape). Run forward elimination with partial
 *   pivoting on a copy of A, column by column: if the largest entry of the current column at
 *   or below the current pivot row has |x| ≤ tol, that column has no pivot (it is a
 *   combination of the pivot columns before it) — move on to the next column; otherwise swap
 *   it up, eliminate below it, and count a pivot. Return the number of pivots, the rank r.
 *   tol < 0 means "choose it yourself", relative to the size of A: rounding noise of about
 *   1e-14·max|aᵢⱼ| must count as zero, while a matrix whose smallest singular value is 1e-6
 *   of its largest must stay full rank. 1000·max(m, n)·ε·max|aᵢⱼ| does both (ε is
 *   DBL_EPSILON from <float.h>). tol ≥ 0 is used as given.
 *
 * column_basis(A, B, tol): B is m×n, zero-filled by the caller. Copy the pivot columns of A
 *   — the original columns, in order, not the eliminated ones — into the first r columns of
 *   B; leave the rest 0. Return r.
 *
 * Don't modify A (work on a copy: malloc and free are fine). Check it: la4ai check rank_basis
 */
#include "la4ai.h"

int numerical_rank(const Matrix *A, double tol)
{
    (void)A;
    (void)tol;
    /* TODO: count the pivots of A */
    return -1;
}

int column_basis(const Matrix *A, Matrix *B, double tol)
{
    (void)A;
    (void)B;
    (void)tol;
    /* TODO: copy the pivot columns of A into B */
    return -1;
}
