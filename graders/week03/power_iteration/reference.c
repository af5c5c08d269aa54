/*
 * reference.c — power_iteration (week 3): the reference solution.
 *
 * power_iteration: the dominant eigenpair (largest |λ|) of a symmetric A (n×n). The unit
 * vector v is multiplied by A and renormalised, v ← Av/‖Av‖; its Rayleigh quotient vᵀAv is
 * the eigenvalue estimate. The component of v along eigenvector qᵢ shrinks like |λᵢ/λ₁|ᵏ
 * relative to q₁, so v tends to ±q₁ and vᵀAv to λ₁ (with its sign). Stops when the estimate
 * changes by less than tol·|λ|, or after max_iter steps.
 *
 * top_eigs: the k eigenpairs of largest |λ|, one at a time. After finding (λ, v), deflation
 * B ← B − λvvᵀ sends that eigenvalue to 0 and keeps the others (the eigenvectors are
 * orthogonal), so the next power iteration finds the next largest |λ|.
 *
 * Legend: n = A->rows; v, w are n-vectors; B is the deflated copy of A.
 */
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

static double dot(const double *x, const double *y, int n)
{
    double acc = 0.0;
    for (int i = 0; i < n; i++)
        acc += x[i] * y[i];
    return acc;
}

static void matvec(const Matrix *A, const double *x, double *y)
{
    for (int i = 0; i < A->rows; i++)
        y[i] = dot(&MAT(A, i, 0), x, A->cols); // row i of A (rows are contiguous)
}

double power_iteration(const Matrix *A, double *v, int max_iter, double tol)
{
    int n = A->rows;
    double *w = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!w)
        return NAN;
    double len = sqrt(dot(v, v, n)); // start from the unit vector along v
    for (int i = 0; i < n; i++)
        v[i] /= len;
    matvec(A, v, w);                 // w = Av
    double lambda = dot(v, w, n);    // the Rayleigh quotient of the start
    for (int it = 0; it < max_iter; it++) {
        len = sqrt(dot(w, w, n));
        if (len == 0.0) // Av = 0: v is an eigenvector, for λ = 0
            break;
        for (int i = 0; i < n; i++) // v ← Av/‖Av‖
            v[i] = w[i] / len;
        matvec(A, v, w);
        double next = dot(v, w, n); // vᵀAv for the new unit v
        int settled = fabs(next - lambda) < tol * fabs(next);
        lambda = next;
        if (settled)
            break;
    }
    free(w);
    return lambda;
}

int top_eigs(const Matrix *A, int k, double *lambda, Matrix *V, int max_iter, double tol)
{
    int n = A->rows;
    if (k < 1 || k > n || V->rows != n || V->cols < k)
        return -1;
    Matrix *B = mat_new(n, n);
    double *v = malloc(sizeof(double) * (size_t)n);
    if (!B || !v) {
        mat_free(B);
        free(v);
        return -1;
    }
    for (int i = 0; i < n * n; i++)
        B->data[i] = A->data[i];
    for (int j = 0; j < k; j++) {
        // a fixed start with no special direction: vᵢ = sin(i + j + 1)
        for (int i = 0; i < n; i++)
            v[i] = sin((double)(i + j + 1));
        lambda[j] = power_iteration(B, v, max_iter, tol);
        for (int i = 0; i < n; i++)
            MAT(V, i, j) = v[i];
        // deflate: B ← B − λvvᵀ
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                MAT(B, r, c) -= lambda[j] * v[r] * v[c];
    }
    mat_free(B);
    free(v);
    return 0;
}
