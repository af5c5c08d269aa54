/*
 * reference.c — projection (week 2): the reference solution.
 *
 * Projection onto the column space of A (m×n, independent columns):
 *   P = A(AᵀA)⁻¹Aᵀ        (m×m)   projection_matrix
 *   p = A x̂, e = b − p,  where AᵀA x̂ = Aᵀb                     project
 * AᵀA is symmetric positive definite when the columns are independent, so both solve with
 * AᵀA by Cholesky, AᵀA = LLᵀ, never forming an inverse. AᵀA counts as singular when a pivot
 * dⱼ (what is left of gⱼⱼ after the earlier columns) is at most 1000·m·ε·gⱼⱼ: then column j
 * is numerically a combination of the columns before it (AᵀA squares the condition number,
 * so this is as fine a test as the normal equations allow).
 *
 * Legend: A is m×n; G = AᵀA is n×n; L is its Cholesky factor (lower triangular).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

/* G (n×n) ← AᵀA */
static void gram_of(const Matrix *A, Matrix *G)
{
    int m = A->rows, n = A->cols;
    for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++) {
            double acc = 0.0;
            for (int k = 0; k < m; k++)
                acc += MAT(A, k, i) * MAT(A, k, j);
            MAT(G, i, j) = acc;
            MAT(G, j, i) = acc;
        }
}

/* In place: the lower triangle of G ← L with G = LLᵀ. Returns 0, or -1 if a pivot is tiny. */
static int cholesky_in_place(Matrix *G, int m)
{
    int n = G->rows;
    for (int j = 0; j < n; j++) {
        double d = MAT(G, j, j);
        for (int k = 0; k < j; k++)
            d -= MAT(G, j, k) * MAT(G, j, k);
        if (!(d > 1000.0 * m * DBL_EPSILON * MAT(G, j, j))) // also a zero column: 0 > 0 fails
            return -1;
        double ljj = sqrt(d);
        MAT(G, j, j) = ljj;
        for (int i = j + 1; i < n; i++) {
            double acc = MAT(G, i, j);
            for (int k = 0; k < j; k++)
                acc -= MAT(G, i, k) * MAT(G, j, k);
            MAT(G, i, j) = acc / ljj;
        }
    }
    return 0;
}

/* Solves LLᵀx = c in place (c becomes x), L in the lower triangle of G. */
static void solve_factored(const Matrix *G, double *c)
{
    int n = G->rows;
    for (int i = 0; i < n; i++) { // L z = c
        for (int k = 0; k < i; k++)
            c[i] -= MAT(G, i, k) * c[k];
        c[i] /= MAT(G, i, i);
    }
    for (int i = n - 1; i >= 0; i--) { // Lᵀ x = z
        for (int k = i + 1; k < n; k++)
            c[i] -= MAT(G, k, i) * c[k];
        c[i] /= MAT(G, i, i);
    }
}

/* G ← the Cholesky factor of AᵀA (caller frees), or NULL if AᵀA is singular. */
static Matrix *factor_gram(const Matrix *A)
{
    Matrix *G = mat_new(A->cols, A->cols);
    if (!G)
        return NULL;
    gram_of(A, G);
    if (cholesky_in_place(G, A->rows) != 0) {
        mat_free(G);
        return NULL;
    }
    return G;
}

int projection_matrix(const Matrix *A, Matrix *P)
{
    int m = A->rows, n = A->cols;
    Matrix *G = factor_gram(A);
    if (!G)
        return -1;
    // X = (AᵀA)⁻¹Aᵀ, one column of Aᵀ (= one row of A) at a time; then P = A X
    double *x = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    Matrix *X = mat_new(n, m);
    if (!x || !X) {
        free(x);
        mat_free(X);
        mat_free(G);
        return -1;
    }
    for (int c = 0; c < m; c++) {
        for (int k = 0; k < n; k++)
            x[k] = MAT(A, c, k);
        solve_factored(G, x);
        for (int k = 0; k < n; k++)
            MAT(X, k, c) = x[k];
    }
    for (int i = 0; i < m; i++)
        for (int j = 0; j < m; j++) {
            double acc = 0.0;
            for (int k = 0; k < n; k++)
                acc += MAT(A, i, k) * MAT(X, k, j);
            MAT(P, i, j) = acc;
        }
    free(x);
    mat_free(X);
    mat_free(G);
    return 0;
}

int project(const Matrix *A, const double *b, double *p, double *e)
{
    int m = A->rows, n = A->cols;
    Matrix *G = factor_gram(A);
    if (!G)
        return -1;
    double *x = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!x) {
        mat_free(G);
        return -1;
    }
    // x̂ solves AᵀA x̂ = Aᵀb
    for (int k = 0; k < n; k++) {
        double acc = 0.0;
        for (int i = 0; i < m; i++)
            acc += MAT(A, i, k) * b[i];
        x[k] = acc;
    }
    solve_factored(G, x);
    // p = A x̂, e = b − p
    for (int i = 0; i < m; i++) {
        double acc = 0.0;
        for (int k = 0; k < n; k++)
            acc += MAT(A, i, k) * x[k];
        p[i] = acc;
        e[i] = b[i] - acc;
    }
    free(x);
    mat_free(G);
    return 0;
}
