/*
 * transpose_sym.c (reference) — transpose, row permutation, covariance, Gram matrix and a
 * symmetry test.
 *
 * Contract (la4ai.h): outputs are caller-allocated and fully overwritten; inputs are not
 * changed. Legend: A is m×n; X is n×d (n samples, d features).
 */
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

void transpose(const Matrix *A, Matrix *At)
{
    for (int i = 0; i < A->rows; i++)
        for (int j = 0; j < A->cols; j++)
            MAT(At, j, i) = MAT(A, i, j); // At is n×m
}

void permute_rows(const int *perm, const Matrix *A, Matrix *PA)
{
    for (int i = 0; i < A->rows; i++)
        for (int j = 0; j < A->cols; j++)
            MAT(PA, i, j) = MAT(A, perm[i], j); // PA[i, :] = A[perm[i], :]
}

void covariance(const Matrix *X, Matrix *C)
{
    int n = X->rows, d = X->cols;
    double *mu = calloc((size_t)d, sizeof(double));
    if (!mu)
        return;
    // column means μ[d]
    for (int k = 0; k < n; k++)
        for (int a = 0; a < d; a++)
            mu[a] += MAT(X, k, a);
    for (int a = 0; a < d; a++)
        mu[a] /= n;
    // C[a, b] = Σₖ (X[k, a] − μ[a])(X[k, b] − μ[b]) / (n − 1); fill the upper half, mirror it
    for (int a = 0; a < d; a++)
        for (int b = a; b < d; b++) {
            double acc = 0.0;
            for (int k = 0; k < n; k++)
                acc += (MAT(X, k, a) - mu[a]) * (MAT(X, k, b) - mu[b]);
            MAT(C, a, b) = MAT(C, b, a) = acc / (n - 1);
        }
    free(mu);
}

void gram(const Matrix *A, Matrix *G)
{
    int m = A->rows, n = A->cols;
    // G[i, j] = A[:, i] · A[:, j]; symmetric, so compute i ≤ j and mirror
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double acc = 0.0;
            for (int k = 0; k < m; k++)
                acc += MAT(A, k, i) * MAT(A, k, j);
            MAT(G, i, j) = MAT(G, j, i) = acc;
        }
}

int is_symmetric(const Matrix *A, double tol)
{
    if (A->rows != A->cols)
        return 0;
    for (int i = 0; i < A->rows; i++)
        for (int j = i + 1; j < A->cols; j++)
            if (!(fabs(MAT(A, i, j) - MAT(A, j, i)) <= tol))
                return 0;
    return 1;
}
