/*
 * reference.c — rank_basis (week 2): the reference solution.
 *
 * numerical_rank(A, tol) and column_basis(A, B, tol) both run forward elimination with
 * partial pivoting on a copy of A (m×n), column by column. A column whose best remaining
 * pivot is at most tol in size is a combination of the pivot columns before it (a "free"
 * column); every other column gets a pivot. The rank r is the number of pivots, and the
 * pivot columns of A — the original columns, not the eliminated ones — are a basis of C(A).
 *
 * tol < 0 chooses the tolerance: 1000·max(m, n)·ε·max|aᵢⱼ|. The factor 1000 leaves room for
 * the rounding that builds up during elimination (and in how A itself was computed): noise of
 * 1e-14·max|aᵢⱼ| is still called zero, while a matrix with condition number 1e6 keeps all of
 * its pivots.
 *
 * Legend: A is m×n; W is the working copy; pivcols[k] is the column of the k-th pivot.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "la4ai.h"

static double default_tol(const Matrix *A)
{
    double amax = 0.0;
    for (int i = 0; i < A->rows * A->cols; i++)
        amax = fmax(amax, fabs(A->data[i]));
    int big = A->rows > A->cols ? A->rows : A->cols;
    return 1000.0 * big * DBL_EPSILON * amax;
}

/* Eliminates on a copy of A; pivcols (n entries, may be NULL) ← the pivot columns in order.
   Returns the rank, or -1 if memory runs out. */
static int pivot_columns(const Matrix *A, double tol, int *pivcols)
{
    int m = A->rows, n = A->cols, r = 0;
    if (tol < 0)
        tol = default_tol(A);
    double *W = malloc(sizeof(double) * (size_t)(m * n > 0 ? m * n : 1));
    if (!W)
        return -1;
    memcpy(W, A->data, sizeof(double) * (size_t)(m * n));
    for (int j = 0; j < n && r < m; j++) {
        // the largest candidate pivot in column j, rows r..m-1
        int p = r;
        for (int i = r + 1; i < m; i++)
            if (fabs(W[i * n + j]) > fabs(W[p * n + j]))
                p = i;
        if (fabs(W[p * n + j]) <= tol)
            continue; // nothing left in this column: it depends on the pivot columns before it
        // swap rows p and r, then clear column j below the pivot
        for (int k = 0; k < n; k++) {
            double t = W[r * n + k];
            W[r * n + k] = W[p * n + k];
            W[p * n + k] = t;
        }
        for (int i = r + 1; i < m; i++) {
            double f = W[i * n + j] / W[r * n + j];
            for (int k = j; k < n; k++)
                W[i * n + k] -= f * W[r * n + k];
        }
        if (pivcols)
            pivcols[r] = j;
        r++;
    }
    free(W);
    return r;
}

int numerical_rank(const Matrix *A, double tol)
{
    return pivot_columns(A, tol, NULL);
}

int column_basis(const Matrix *A, Matrix *B, double tol)
{
    int m = A->rows, n = A->cols;
    int *pivcols = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    if (!pivcols)
        return -1;
    int r = pivot_columns(A, tol, pivcols);
    // B[:, k] ← A[:, pivcols[k]] for the r pivot columns; the rest of B stays 0
    for (int k = 0; k < r; k++)
        for (int i = 0; i < m; i++)
            MAT(B, i, k) = MAT(A, i, pivcols[k]);
    free(pivcols);
    return r;
}
