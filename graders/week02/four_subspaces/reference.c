/*
 * reference.c — four_subspaces (week 2): the reference solution.
 *
 * Strang's recipe from Lecture 10: row-reduce the block matrix [A | I] (m×(n+m)), choosing
 * pivots only among the n columns of A. The result is [R | E] with EA = R, R the reduced row
 * echelon form of A. Then, with r pivots in columns pivcols[0..r-1]:
 *   C(A)   ← the pivot columns of A                           (r vectors in Rᵐ)
 *   C(Aᵀ)  ← the r nonzero rows of R                          (r vectors in Rⁿ)
 *   N(A)   ← one special solution per free column of R       (n − r vectors in Rⁿ)
 *   N(Aᵀ)  ← the last m − r rows of E: they combine the rows
 *            of A into zero rows of R                          (m − r vectors in Rᵐ)
 * tol < 0 chooses the tolerance 1000·max(m, n)·ε·max|aᵢⱼ| (see rank_basis).
 *
 * Legend: A is m×n; W = [R | E] is the m×(n+m) working matrix, row-major, w = n + m wide.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

static double default_tol(const Matrix *A)
{
    double amax = 0.0;
    for (int i = 0; i < A->rows * A->cols; i++)
        amax = fmax(amax, fabs(A->data[i]));
    int big = A->rows > A->cols ? A->rows : A->cols;
    return 1000.0 * big * DBL_EPSILON * amax;
}

/* Reduces W = [A | I] to [R | E] in place; pivcols ← pivot columns. Returns r. */
static int rref_augmented(double *W, int m, int n, double tol, int *pivcols)
{
    int w = n + m, r = 0;
    for (int j = 0; j < n && r < m; j++) {
        int p = r;
        for (int i = r + 1; i < m; i++)
            if (fabs(W[i * w + j]) > fabs(W[p * w + j]))
                p = i;
        if (fabs(W[p * w + j]) <= tol)
            continue; // free column
        for (int k = 0; k < w; k++) { // swap rows p and r (of both R and E)
            double t = W[r * w + k];
            W[r * w + k] = W[p * w + k];
            W[p * w + k] = t;
        }
        double piv = W[r * w + j];
        for (int k = 0; k < w; k++) // scale the pivot row so the pivot is 1
            W[r * w + k] /= piv;
        for (int i = 0; i < m; i++) { // clear column j above and below the pivot
            if (i == r)
                continue;
            double f = W[i * w + j];
            if (f == 0.0)
                continue;
            for (int k = 0; k < w; k++)
                W[i * w + k] -= f * W[r * w + k];
        }
        pivcols[r++] = j;
    }
    return r;
}

int four_subspaces(const Matrix *A, Matrix *Col, Matrix *Nul, Matrix *Row, Matrix *Left,
                   int dims[4], double tol)
{
    int m = A->rows, n = A->cols, w = n + m;
    if (tol < 0)
        tol = default_tol(A);
    double *W = calloc((size_t)m * (size_t)w + 1, sizeof(double));
    int *pivcols = malloc(sizeof(int) * (size_t)(n + 1));
    char *is_pivot = calloc((size_t)n + 1, 1);
    if (!W || !pivcols || !is_pivot) {
        free(W);
        free(pivcols);
        free(is_pivot);
        return -1;
    }
    // W ← [A | I]
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++)
            W[i * w + j] = MAT(A, i, j);
        W[i * w + n + i] = 1.0;
    }
    int r = rref_augmented(W, m, n, tol, pivcols);
    for (int k = 0; k < r; k++)
        is_pivot[pivcols[k]] = 1;

    // C(A): the pivot columns of A itself
    for (int k = 0; k < r; k++)
        for (int i = 0; i < m; i++)
            MAT(Col, i, k) = MAT(A, i, pivcols[k]);
    // C(Aᵀ): the nonzero rows of R, stored as columns of Row
    for (int k = 0; k < r; k++)
        for (int j = 0; j < n; j++)
            MAT(Row, j, k) = W[k * w + j];
    // N(A): for free column f, x_f = 1 and x at pivot column pivcols[k] = −R[k, f]
    int c = 0;
    for (int f = 0; f < n; f++) {
        if (is_pivot[f])
            continue;
        MAT(Nul, f, c) = 1.0;
        for (int k = 0; k < r; k++)
            MAT(Nul, pivcols[k], c) = -W[k * w + f];
        c++;
    }
    // N(Aᵀ): rows r..m-1 of E, stored as columns of Left
    for (int k = r; k < m; k++)
        for (int i = 0; i < m; i++)
            MAT(Left, i, k - r) = W[k * w + n + i];

    dims[0] = r;
    dims[1] = n - r;
    dims[2] = r;
    dims[3] = m - r;
    free(W);
    free(pivcols);
    free(is_pivot);
    return r;
}
