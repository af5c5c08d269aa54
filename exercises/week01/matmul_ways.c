/*
 * matmul_ways.c — week 1, "Multiplication and inverses".
 * Watch: MIT 18.06 Lecture 3 (Strang), the ways to multiply matrices; 3Blue1Brown 4
 * (matrix multiplication as composition).
 *
 * C = AB for A m×n and B n×p; C is m×p, allocated by the caller. Write it four ways; each
 * gives the same C (up to rounding), but each is a different way to *see* it:
 *
 *   matmul_entry    cᵢⱼ = (row i of A) · (column j of B) = Σₖ aᵢₖbₖⱼ.
 *   matmul_columns  column j of C = A · (column j of B): C's columns are combinations of
 *                   A's columns.
 *   matmul_rows     row i of C = (row i of A) · B: C's rows are combinations of B's rows.
 *   matmul_outer    C = Σₖ (column k of A)(row k of B): a sum of n rank-one m×p matrices.
 *
 * m = A->rows, n = A->cols = B->rows, p = B->cols; they need not be equal. C arrives
 * holding whatever the caller left there — the result must not depend on it. A and B are
 * inputs only.
 *
 * Check it: la4ai check matmul_ways
 */
#include "la4ai.h"

void matmul_entry(const Matrix *A, const Matrix *B, Matrix *C)
{
    (void)A;
    (void)B;
    (void)C;
    /* TODO */
}

void matmul_columns(const Matrix *A, const Matrix *B, Matrix *C)
{
    (void)A;
    (void)B;
    (void)C;
    /* TODO */
}

void matmul_rows(const Matrix *A, const Matrix *B, Matrix *C)
{
    (void)A;
    (void)B;
    (void)C;
    /* TODO */
}

void matmul_outer(const Matrix *A, const Matrix *B, Matrix *C)
{
    (void)A;
    (void)B;
    (void)C;
    /* TODO */
}
