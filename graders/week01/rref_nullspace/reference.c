/*
 * rref_nullspace.c (reference) — reduced row echelon form with a tolerance, and the
 * special solutions of Ax = 0.
 *
 * Contract (la4ai.h): A is m×n and is not changed; |x| ≤ tol counts as zero.
 * rref fills R (m×n) with rref(A) and pivots[0…r−1] with the pivot columns, returns r.
 * nullspace fills the first n − r columns of N (n×n) with the special solutions, one per
 * free column in order, and returns n − r.
 * Legend: m = A->rows, n = A->cols, r = rank; row k of R owns pivot column pivots[k].
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "la4ai.h"

int rref(const Matrix *A, Matrix *R, int *pivots, double tol)
{
    int m = A->rows, n = A->cols;
    memcpy(R->data, A->data, sizeof(double) * (size_t)m * (size_t)n);
    int row = 0; // the next pivot goes in this row
    for (int col = 0; col < n && row < m; col++) {
        // partial pivoting: the largest |R[i, col]| for i ≥ row
        int p = row;
        for (int i = row + 1; i < m; i++)
            if (fabs(MAT(R, i, col)) > fabs(MAT(R, p, col)))
                p = i;
        if (fabs(MAT(R, p, col)) <= tol) {
            // a free column: what is left below is rounding, make it an exact 0
            for (int i = row; i < m; i++)
                MAT(R, i, col) = 0.0;
            continue;
        }
        if (p != row)
            for (int j = 0; j < n; j++) {
                double t = MAT(R, row, j);
                MAT(R, row, j) = MAT(R, p, j);
                MAT(R, p, j) = t;
            }
        // scale the pivot row so the pivot is exactly 1
        double piv = MAT(R, row, col);
        for (int j = col; j < n; j++)
            MAT(R, row, j) /= piv;
        MAT(R, row, col) = 1.0;
        // clear the column above and below: R[i, :] −= R[i, col]·R[row, :]
        for (int i = 0; i < m; i++) {
            if (i == row)
                continue;
            double l = MAT(R, i, col);
            for (int j = col; j < n; j++)
                MAT(R, i, j) -= l * MAT(R, row, j);
            MAT(R, i, col) = 0.0;
        }
        pivots[row++] = col;
    }
    return row;
}

int nullspace(const Matrix *A, Matrix *N, double tol)
{
    int m = A->rows, n = A->cols, k = m < n ? m : n;
    Matrix *R = mat_new(m, n);
    int *pivots = malloc(sizeof(int) * (size_t)(k > 0 ? k : 1));
    char *is_pivot = calloc((size_t)(n > 0 ? n : 1), 1);
    if (!R || !pivots || !is_pivot) {
        mat_free(R);
        free(pivots);
        free(is_pivot);
        return -1;
    }
    int r = rref(A, R, pivots, tol);
    for (int i = 0; i < r; i++)
        is_pivot[pivots[i]] = 1;
    // one special solution per free column f, stored in column t of N
    int t = 0;
    for (int f = 0; f < n; f++) {
        if (is_pivot[f])
            continue;
        MAT(N, f, t) = 1.0;                    // free variable x_f = 1, other free ones 0
        for (int i = 0; i < r; i++)
            MAT(N, pivots[i], t) = -MAT(R, i, f); // pivot variable of row i
        t++;
    }
    mat_free(R);
    free(pivots);
    free(is_pivot);
    return n - r;
}
