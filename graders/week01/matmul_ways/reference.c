/*
 * matmul_ways.c (reference) — C = AB four ways: entries, columns, rows, outer products.
 *
 * Contract (la4ai.h): A is m×n, B is n×p, C is m×p and is overwritten. All four compute the
 * same sums Σₖ aᵢₖbₖⱼ; they differ in which picture the loops follow.
 * Legend: m = A->rows, n = A->cols = B->rows, p = B->cols.
 */
#include "la4ai.h"

static void zero(Matrix *C)
{
    for (int i = 0; i < C->rows * C->cols; i++)
        C->data[i] = 0.0;
}

void matmul_entry(const Matrix *A, const Matrix *B, Matrix *C)
{
    int m = A->rows, n = A->cols, p = B->cols;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < p; j++) {
            // C[i, j] = A[i, :] · B[:, j]
            double acc = 0.0;
            for (int k = 0; k < n; k++)
                acc += MAT(A, i, k) * MAT(B, k, j);
            MAT(C, i, j) = acc;
        }
}

void matmul_columns(const Matrix *A, const Matrix *B, Matrix *C)
{
    int m = A->rows, n = A->cols, p = B->cols;
    zero(C);
    for (int j = 0; j < p; j++)
        // C[:, j] = A · B[:, j] = Σₖ B[k, j] · A[:, k]
        for (int k = 0; k < n; k++) {
            double bkj = MAT(B, k, j);
            for (int i = 0; i < m; i++)
                MAT(C, i, j) += bkj * MAT(A, i, k);
        }
}

void matmul_rows(const Matrix *A, const Matrix *B, Matrix *C)
{
    int m = A->rows, n = A->cols, p = B->cols;
    zero(C);
    for (int i = 0; i < m; i++)
        // C[i, :] = A[i, :] · B = Σₖ A[i, k] · B[k, :]
        for (int k = 0; k < n; k++) {
            double aik = MAT(A, i, k);
            for (int j = 0; j < p; j++)
                MAT(C, i, j) += aik * MAT(B, k, j);
        }
}

void matmul_outer(const Matrix *A, const Matrix *B, Matrix *C)
{
    int m = A->rows, n = A->cols, p = B->cols;
    zero(C);
    for (int k = 0; k < n; k++)
        // C += A[:, k] ⊗ B[k, :], a rank-one m×p matrix
        for (int i = 0; i < m; i++)
            for (int j = 0; j < p; j++)
                MAT(C, i, j) += MAT(A, i, k) * MAT(B, k, j);
}
