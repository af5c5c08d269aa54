/*
 * matvec_views.c (reference) — y = Ax by the row picture and by the column picture.
 *
 * Contract (la4ai.h): A is m×n, x has n entries, y has m entries and is overwritten.
 * matvec_rows takes one dot product per row; matvec_cols adds up xⱼ times column j.
 * Legend: m = A->rows, n = A->cols.
 */
#include "la4ai.h"

void matvec_rows(const Matrix *A, const double *x, double *y)
{
    int m = A->rows, n = A->cols;
    for (int i = 0; i < m; i++) {
        // yᵢ = row i of A (A[i, :]) dotted with x
        double acc = 0.0;
        for (int j = 0; j < n; j++)
            acc += MAT(A, i, j) * x[j];
        y[i] = acc;
    }
}

void matvec_cols(const Matrix *A, const double *x, double *y)
{
    int m = A->rows, n = A->cols;
    for (int i = 0; i < m; i++)
        y[i] = 0.0; // y starts as the empty combination
    for (int j = 0; j < n; j++) {
        // y += xⱼ · A[:, j]
        double xj = x[j];
        for (int i = 0; i < m; i++)
            y[i] += xj * MAT(A, i, j);
    }
}
